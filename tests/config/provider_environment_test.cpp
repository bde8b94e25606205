// The provider block's environment fallback, argument by argument (OS_*, then HW_*), and the credential
// rules run on its result. No server: provider_config_support.h makes the provider.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "provider/config/provider_arguments.h"
#include "provider/config/provider_schema.h"
#include "tests/config/provider_config_support.h"

namespace rds::config {
namespace {

using namespace config_test_support;

// Each argument falls back to its own environment variable, whatever the block sets for the others, and
// the one-method rule runs on the result: a token from the environment next to keys in the block is a
// conflict, and the error says where each came from.
TEST(ProviderValidate, AnotherMethodInTheEnvironmentConflictsWithTheBlocksAndSaysWhereEachCameFrom) {
  auto diags = provider({{"OS_TOKEN", "T"}})
                   ->validate_config(config({{"access_key", str("AK")}, {"secret_key", str("SK")}}));
  EXPECT_TRUE(has_error_at(diags, "token", "token (from environment variable OS_TOKEN)")) << dump(diags);
  EXPECT_TRUE(has_error_at(diags, "token", "access_key (set in the provider block)")) << dump(diags);
}

TEST(ProviderValidate, EnvironmentCredentialsConflictAndSayWhereTheyCameFrom) {
  auto diags = provider({{"OS_TOKEN", "T"}, {"OS_ACCESS_KEY", "AK"}, {"OS_SECRET_KEY", "SK"}})
                   ->validate_config(config({}));
  EXPECT_TRUE(has_error_at(diags, "token", "environment variable OS_TOKEN")) << dump(diags);
}

TEST(ProviderValidate, TheEnvironmentCompletesTheCredentialsTheBlockStarted) {
  auto diags = provider({{"OS_SECRET_KEY", "SK"}})->validate_config(config({{"access_key", str("AK")}}));
  EXPECT_FALSE(diags.has_errors()) << dump(diags);
  diags = provider({})->validate_config(config({{"access_key", str("AK")}}));
  EXPECT_TRUE(has_error_at(diags, "access_key", "secret_key")) << dump(diags);
  EXPECT_FALSE(
      provider({{"OS_ACCESS_KEY", "AK"}, {"OS_SECRET_KEY", "SK"}})->validate_config(config({})).has_errors());
}

// An empty string in the block is an error on the argument that names its environment variables; it
// never means "use the environment".
TEST(ProviderValidate, AnEmptyStringInTheBlockIsAnErrorNotTheEnvironment) {
  auto diags = provider({{"OS_ACCESS_KEY", "AK"}, {"OS_SECRET_KEY", "SK"}})
                   ->validate_config(config({{"access_key", str("")}}));
  EXPECT_TRUE(has_error_at(diags, "access_key", "set to \"\" in the provider block")) << dump(diags);
  EXPECT_TRUE(has_error_at(diags, "access_key", "OS_ACCESS_KEY or HW_ACCESS_KEY")) << dump(diags);
  diags = provider({})->validate_config(config({{"request_timeout", str("")}}));
  EXPECT_TRUE(has_error_at(diags, "request_timeout", "Give it a value, or remove it.")) << dump(diags);
}

// Argument by argument: what the block sets wins, and what it leaves null comes from the environment.
TEST(ProviderCredentials, EachArgumentFallsBackToItsOwnEnvironmentVariable) {
  auto settings = settings_of({{"access_key", str("AK")}},
                              {{"OS_ACCESS_KEY", "other"}, {"OS_SECRET_KEY", "SK"}, {"OS_PROJECT_ID", "p1"}});
  EXPECT_EQ(settings.access_key.value, std::optional<std::string>("AK"));
  EXPECT_EQ(settings.access_key.origin, "the provider block");
  EXPECT_EQ(settings.secret_key.value, std::optional<std::string>("SK"));
  EXPECT_EQ(settings.secret_key.origin, "environment variable OS_SECRET_KEY");
  EXPECT_EQ(settings.project_id.value, std::optional<std::string>("p1"));
  EXPECT_FALSE(check_settings(settings).has_errors()) << dump(check_settings(settings));
}

// Huawei Cloud's names are read after the OpenStack ones, for every argument both clouds name.
TEST(ProviderCredentials, HuaweiVariablesAreReadAfterTheOpenStackOnes) {
  const std::map<std::string, std::string> huawei_of{
      {"region", "HW_REGION_NAME"},     {"project_id", "HW_PROJECT_ID"},
      {"auth_url", "HW_AUTH_URL"},      {"access_key", "HW_ACCESS_KEY"},
      {"secret_key", "HW_SECRET_KEY"},  {"security_token", "HW_SECURITY_TOKEN"},
      {"user_name", "HW_USER_NAME"},    {"password", "HW_PASSWORD"},
      {"domain_name", "HW_DOMAIN_NAME"}};
  for (const auto& entry : huawei_of) {
    // Named copies, not structured bindings: clang 14 (the sanitizer trees) cannot capture those.
    const std::string argument = entry.first, variable = entry.second;
    SCOPED_TRACE(variable);
    ProviderSettings settings = settings_of({}, {{variable, "from-hw"}});
    const auto& setting =
        settings.*
        (std::find_if(kStringArguments.begin(), kStringArguments.end(), [&](const StringArgument& a) {
           return a.name == argument;
         })->member);
    EXPECT_EQ(setting.value, std::optional<std::string>("from-hw"));
    EXPECT_EQ(setting.origin, "environment variable " + variable);
  }
  auto both_same = settings_of({}, {{"OS_REGION_NAME", "eu-de"}, {"HW_REGION_NAME", "eu-de"}});
  EXPECT_EQ(both_same.region.origin, "environment variable OS_REGION_NAME");
}

TEST(ProviderCredentials, OpenStackAndHuaweiVariablesThatDisagreeAreAnErrorThatShowsNoSecret) {
  auto diags = provider({{"OS_SECRET_KEY", "sk-one"}, {"HW_SECRET_KEY", "sk-two"}, {"OS_ACCESS_KEY", "AK"}})
                   ->validate_config(config({}));
  EXPECT_TRUE(has_error_at(diags, "secret_key", "OS_SECRET_KEY and HW_SECRET_KEY are both set"))
      << dump(diags);
  EXPECT_EQ(dump(diags).find("sk-one"), std::string::npos) << dump(diags);
  EXPECT_EQ(dump(diags).find("sk-two"), std::string::npos) << dump(diags);
  // The block's value settles it.
  EXPECT_FALSE(provider({{"OS_SECRET_KEY", "sk-one"}, {"HW_SECRET_KEY", "sk-two"}, {"OS_ACCESS_KEY", "AK"}})
                   ->validate_config(config({{"secret_key", str("SK")}}))
                   .has_errors());
}

TEST(ProviderCredentials, AConflictNamesWhereEachMethodCameFrom) {
  auto settings = settings_of({}, {{"OS_ACCESS_KEY", "AK"}, {"OS_SECRET_KEY", "SK"}, {"OS_TOKEN", "T"}});
  auto diags = check_settings(settings);
  EXPECT_TRUE(has_error_at(diags, "token", "token (from environment variable OS_TOKEN)")) << dump(diags);
  EXPECT_TRUE(has_error_at(diags, "token", "access_key (from environment variable OS_ACCESS_KEY)"))
      << dump(diags);
}

}  // namespace
}  // namespace rds::config

namespace rds::config {
namespace {

using namespace config_test_support;

Value assume_role(std::map<std::string, Value> attributes) {
  static const rds::core::Type type = provider_schema().value_type().attributes().at("assume_role");
  return Value::object(type, std::move(attributes));
}

TEST(ProviderAssumeRole, ADurationOutsideIamsRangeIsRefusedOnItsPath) {
  for (int seconds : {0, 899, 86401}) {
    auto diags = provider({{"OS_ACCESS_KEY", "AK"}, {"OS_SECRET_KEY", "SK"}})
                     ->validate_config(config(
                         {{"assume_role", assume_role({{"agency_name", str("a")},
                                                       {"domain_name", str("d")},
                                                       {"duration", Value::number(Number(seconds))}})}}));
    EXPECT_TRUE(dump(diags).find("from 900 to 86400") != std::string::npos) << seconds << dump(diags);
  }
  auto diags = provider({{"OS_ACCESS_KEY", "AK"}, {"OS_SECRET_KEY", "SK"}})
                   ->validate_config(
                       config({{"assume_role", assume_role({{"agency_name", str("a")},
                                                            {"domain_name", str("d")},
                                                            {"duration", Value::number(Number(900))}})}}));
  EXPECT_FALSE(diags.has_errors()) << dump(diags);
}

}  // namespace
}  // namespace rds::config
