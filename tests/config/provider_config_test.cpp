// The provider block: schema, env defaults, credential checks, configure errors. No server needed: the
// client factory is replaced by one that records the ClientConfig it is given.
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "provider/config/provider_schema.h"
#include "tests/config/provider_config_support.h"
#include "tests/support/test_certificate.h"

namespace rds::config {
namespace {

using namespace config_test_support;

TEST(ProviderSchema, EveryArgumentIsOptionalDescribedAndNamesItsEnvironmentVariable) {
  const std::map<std::string, std::string> env_of{{"region", "OS_REGION_NAME"},
                                                  {"project_id", "OS_PROJECT_ID"},
                                                  {"project_name", "OS_PROJECT_NAME"},
                                                  {"endpoint", "RDS_ENDPOINT"},
                                                  {"auth_url", "OS_AUTH_URL"},
                                                  {"access_key", "OS_ACCESS_KEY"},
                                                  {"secret_key", "OS_SECRET_KEY"},
                                                  {"security_token", "OS_SECURITY_TOKEN"},
                                                  {"token", "OS_AUTH_TOKEN"},
                                                  {"user_name", "OS_USERNAME"},
                                                  {"password", "OS_PASSWORD"},
                                                  {"domain_name", "OS_DOMAIN_NAME"},
                                                  {"insecure", "OS_INSECURE"},
                                                  {"cacert_file", "OS_CACERT"},
                                                  {"max_retries", "Default"},
                                                  {"request_timeout", "Default"},
                                                  {"cloud", "OS_CLOUD"},
                                                  {"max_requests_per_second", "RDS_MAX_REQUESTS_PER_SECOND"},
                                                  {"batch_reads", "RDS_BATCH_READS"}};
  const auto& attributes = provider_schema().block.attributes;
  EXPECT_EQ(attributes.size(), env_of.size());
  for (const auto& attribute : attributes) {
    SCOPED_TRACE(attribute.name);
    ASSERT_TRUE(env_of.count(attribute.name));
    EXPECT_TRUE(attribute.optional);
    EXPECT_FALSE(attribute.required);
    EXPECT_NE(attribute.description.find(env_of.at(attribute.name)), std::string::npos);
    EXPECT_NE(attribute.markdown_description.find(env_of.at(attribute.name)), std::string::npos);
  }
}

TEST(ProviderSchema, SecretsAreSensitive) {
  for (const auto& attribute : provider_schema().block.attributes) {
    const bool secret = attribute.name == "secret_key" || attribute.name == "security_token" ||
                        attribute.name == "token" || attribute.name == "password";
    EXPECT_EQ(attribute.sensitive, secret) << attribute.name;
  }
}

TEST(ProviderValidate, AccessKeyWithoutSecretKeyIsIncompleteOnAccessKey) {
  auto diags = provider({})->validate_config(config({{"access_key", str("AK")}}));
  EXPECT_TRUE(has_error_at(diags, "access_key", "secret_key")) << dump(diags);
}

TEST(ProviderValidate, SecretKeyWithoutAccessKeyIsIncompleteOnSecretKey) {
  auto diags = provider({})->validate_config(config({{"secret_key", str("SK")}}));
  EXPECT_TRUE(has_error_at(diags, "secret_key", "access_key")) << dump(diags);
}

TEST(ProviderValidate, SecurityTokenWithoutKeysIsIncomplete) {
  auto diags = provider({})->validate_config(config({{"security_token", str("ST")}}));
  EXPECT_TRUE(has_error_at(diags, "security_token", "access_key")) << dump(diags);
}

TEST(ProviderValidate, PasswordWithoutUserNameIsIncomplete) {
  auto diags = provider({})->validate_config(config({{"password", str("pw")}}));
  EXPECT_TRUE(has_error_at(diags, "password", "user_name")) << dump(diags);
}

TEST(ProviderValidate, PasswordAuthenticationNeedsDomainName) {
  auto diags = provider({})->validate_config(config({{"user_name", str("u")}, {"password", str("pw")}}));
  EXPECT_TRUE(has_error_at(diags, "domain_name", "OS_DOMAIN_NAME")) << dump(diags);
}

TEST(ProviderValidate, TwoCredentialMethodsConflict) {
  auto diags = provider({})->validate_config(
      config({{"access_key", str("AK")}, {"secret_key", str("SK")}, {"token", str("T")}}));
  EXPECT_TRUE(has_error_at(diags, "token", "Conflicting")) << dump(diags);
}

TEST(ProviderValidate, UnknownValuesAreTolerated) {
  const Value unknown = Value::unknown(Type::string());
  auto diags = provider({})->validate_config(config({{"access_key", str("AK")},
                                                     {"secret_key", unknown},
                                                     {"endpoint", unknown},
                                                     {"max_retries", Value::unknown(Type::number())}}));
  EXPECT_FALSE(diags.has_errors()) << dump(diags);
  // An unknown token may turn out null, so it is not (yet) a conflict either.
  diags = provider({})->validate_config(
      config({{"access_key", str("AK")}, {"secret_key", str("SK")}, {"token", unknown}}));
  EXPECT_FALSE(diags.has_errors()) << dump(diags);
}

TEST(ProviderValidate, EndpointAndAuthUrlMustBeHttpUrls) {
  auto diags = provider({})->validate_config(
      config({{"endpoint", str("rds.example.com")}, {"auth_url", str("ftp://x/v3")}}));
  EXPECT_TRUE(has_error_at(diags, "endpoint", "http")) << dump(diags);
  EXPECT_TRUE(has_error_at(diags, "auth_url", "http")) << dump(diags);
  diags = provider({})->validate_config(
      config({{"endpoint", str("http://127.0.0.1:8080")}, {"auth_url", str("https://iam/v3")}}));
  EXPECT_FALSE(diags.has_errors()) << dump(diags);
}

TEST(ProviderValidate, InvalidEndpointFromEnvironmentIsReported) {
  auto diags = provider({{"RDS_ENDPOINT", "localhost:80"}})->validate_config(config({}));
  EXPECT_TRUE(has_error_at(diags, "endpoint", "RDS_ENDPOINT")) << dump(diags);
}

TEST(ProviderValidate, NegativeMaxRetriesIsRejected) {
  auto diags = provider({})->validate_config(config({{"max_retries", Value::number(Number(-1))}}));
  EXPECT_TRUE(has_error_at(diags, "max_retries")) << dump(diags);
  diags = provider({})->validate_config(config({{"max_retries", Value::number(Number(0))}}));
  EXPECT_FALSE(diags.has_errors()) << dump(diags);
}

// The documented range of request_timeout is 1 s to 1 h: both ends are accepted and reach the client, and
// anything outside it (or not a duration) is refused on the attribute, naming the range.
TEST(ProviderValidate, RequestTimeoutIsADurationFromOneSecondToOneHour) {
  for (const char* refused : {"999ms", "0s", "61m", "2h", "-5s", "ten seconds"}) {
    auto diags = provider({})->validate_config(config({{"request_timeout", str(refused)}}));
    EXPECT_TRUE(has_error_at(diags, "request_timeout", "from \"1s\" to \"1h\"")) << refused << dump(diags);
  }
  const Env env{{"OS_PROJECT_ID", "p"}, {"RDS_ENDPOINT", "http://127.0.0.1:9"}, {"OS_AUTH_TOKEN", "t"}};
  for (const auto& [accepted, expected] : {std::pair{"1s", std::chrono::milliseconds(1000)},
                                           std::pair{"1h", std::chrono::milliseconds(3'600'000)},
                                           std::pair{"90s", std::chrono::milliseconds(90'000)}}) {
    auto recorder = std::make_shared<Recorder>();
    auto diags =
        provider(env, recorder)->configure(config({{"request_timeout", str(accepted)}}), "1.11.4", {});
    ASSERT_FALSE(diags.has_errors()) << accepted << dump(diags);
    EXPECT_EQ(std::chrono::duration_cast<std::chrono::milliseconds>(recorder->config->request_timeout),
              expected)
        << accepted;
  }
}

TEST(ProviderValidate, InsecureFromEnvironmentMustBeABoolean) {
  auto diags = provider({{"OS_INSECURE", "maybe"}})->validate_config(config({}));
  EXPECT_TRUE(has_error_at(diags, "insecure", "OS_INSECURE")) << dump(diags);
}

TEST(ProviderValidate, BatchReadsFromEnvironmentMustBeABoolean) {
  auto diags = provider({{"RDS_BATCH_READS", "sometimes"}})->validate_config(config({}));
  EXPECT_TRUE(has_error_at(diags, "batch_reads", "RDS_BATCH_READS")) << dump(diags);
}

TEST(ProviderConfigure, BatchReadsIsOnUnlessTheBlockOrTheEnvironmentTurnsItOff) {
  const Env base{{"OS_PROJECT_ID", "p"}, {"RDS_ENDPOINT", "http://127.0.0.1:9"}, {"OS_AUTH_TOKEN", "t"}};
  const auto batch_reads = [&](Env env, std::map<std::string, Value> block) {
    auto recorder = std::make_shared<Recorder>();
    auto diags = provider(env, recorder)->configure(config(std::move(block)), "1.11.4", {});
    EXPECT_FALSE(diags.has_errors()) << dump(diags);
    return recorder->config && recorder->config->batch_reads;
  };
  EXPECT_TRUE(batch_reads(base, {}));
  Env off = base;
  off.emplace("RDS_BATCH_READS", "false");
  EXPECT_FALSE(batch_reads(off, {}));
  EXPECT_TRUE(batch_reads(off, {{"batch_reads", Value::boolean(true)}})) << "the block wins";
  EXPECT_FALSE(batch_reads(base, {{"batch_reads", Value::boolean(false)}}));
}

TEST(ProviderConfigure, MissingProjectIdIsAClearError) {
  auto diags = provider({{"RDS_ENDPOINT", "http://127.0.0.1:1"}})
                   ->configure(config({{"token", str("T")}}), "1.11.4", {});
  EXPECT_TRUE(has_error_at(diags, "project_id", "OS_PROJECT_ID")) << dump(diags);
}

TEST(ProviderConfigure, NoCredentialsAtAllIsAClearError) {
  auto diags = provider(kSimEnv)->configure(config({}), "1.11.4", {});
  ASSERT_TRUE(diags.has_errors());
  EXPECT_NE(dump(diags).find("No credentials"), std::string::npos) << dump(diags);
}

TEST(ProviderConfigure, MissingRegionWithoutEndpointIsAClearError) {
  auto diags = provider({{"OS_PROJECT_ID", "p"}})->configure(config({{"token", str("T")}}), "1.11.4", {});
  EXPECT_TRUE(has_error_at(diags, "region", "OS_REGION_NAME")) << dump(diags);
}

TEST(ProviderConfigure, UnreadableCacertFileIsReportedOnTheAttribute) {
  auto diags = provider(kSimEnv)->configure(
      config({{"token", str("T")}, {"cacert_file", str("/nonexistent/ca.pem")}}), "1.11.4", {});
  EXPECT_TRUE(has_error_at(diags, "cacert_file", "/nonexistent/ca.pem")) << dump(diags);
}

TEST(ProviderConfigure, UnknownArgumentAtConfigureIsAnError) {
  auto diags =
      provider(kSimEnv)->configure(config({{"token", Value::unknown(Type::string())}}), "1.11.4", {});
  EXPECT_TRUE(has_error_at(diags, "token", "known")) << dump(diags);
}

TEST(ProviderConfigure, EnvironmentDefaultsFillTheClientConfig) {
  auto recorder = std::make_shared<Recorder>();
  const Env env{{"OS_REGION_NAME", "eu-de"},
                {"OS_PROJECT_ID", "proj"},
                {"RDS_ENDPOINT", "http://127.0.0.1:9"},
                {"OS_AUTH_URL", "http://127.0.0.1:9/v3"},
                {"OS_USERNAME", "user"},
                {"OS_PASSWORD", "pw"},
                {"OS_DOMAIN_NAME", "dom"},
                {"OS_INSECURE", "true"}};
  auto diags =
      provider(env, recorder)->configure(config({{"max_retries", Value::number(Number(2))}}), "1.11.4", {});
  // Nothing listens on port 9: the password login at configure fails, after the client was made.
  for (const auto& d : diags) {
    if (d.severity == rds::core::Severity::error) {
      EXPECT_EQ(d.summary, "Cannot log in to IAM") << dump(diags);
    }
  }
  ASSERT_TRUE(recorder->config);
  const auto& c = *recorder->config;
  EXPECT_EQ(c.region, "eu-de");
  EXPECT_EQ(c.project_id, "proj");
  EXPECT_EQ(c.endpoint, "http://127.0.0.1:9");
  EXPECT_EQ(c.auth_url, "http://127.0.0.1:9/v3");
  EXPECT_EQ(c.user_name, "user");
  EXPECT_EQ(c.password, "pw");
  EXPECT_EQ(c.domain_name, "dom");
  EXPECT_TRUE(c.insecure);
  EXPECT_EQ(c.max_retries, 2);
  EXPECT_TRUE(c.access_key.empty());
  EXPECT_NE(c.user_agent.find("1.11.4"), std::string::npos);
}

TEST(ProviderConfigure, ConfigValuesWinOverEnvironment) {
  auto recorder = std::make_shared<Recorder>();
  const Env env{{"OS_PROJECT_ID", "env-project"},
                {"RDS_ENDPOINT", "http://127.0.0.1:9"},
                {"OS_AUTH_TOKEN", "env-token"}};
  auto diags = provider(env, recorder)->configure(config({{"project_id", str("cfg-project")}}), "1.11.4", {});
  ASSERT_FALSE(diags.has_errors()) << dump(diags);
  EXPECT_EQ(recorder->config->project_id, "cfg-project");
  EXPECT_EQ(recorder->config->token, "env-token");  // OS_AUTH_TOKEN is the second name of token
}

TEST(ProviderConfigure, TemporaryKeysAndCaBundleComeFromTheEnvironment) {
  const std::string ca_file = ::testing::TempDir() + "/provider_config_test_ca.pem";
  std::ofstream(ca_file) << rds::testing::kTestCaCertificatePem;
  auto recorder = std::make_shared<Recorder>();
  const Env env{{"OS_PROJECT_ID", "p"},  {"OS_REGION_NAME", "eu-nl"}, {"OS_ACCESS_KEY", "AK"},
                {"OS_SECRET_KEY", "SK"}, {"OS_SECURITY_TOKEN", "ST"}, {"OS_CACERT", ca_file},
                {"OS_INSECURE", "0"}};
  auto diags = provider(env, recorder)->configure(config({}), "1.11.4", {});
  ASSERT_FALSE(diags.has_errors()) << dump(diags);
  const auto& c = *recorder->config;
  EXPECT_EQ(c.region, "eu-nl");
  EXPECT_TRUE(c.endpoint.empty());  // the client derives https://rds.eu-nl.otc.t-systems.com
  EXPECT_EQ(c.access_key, "AK");
  EXPECT_EQ(c.secret_key, "SK");
  EXPECT_EQ(c.security_token, "ST");
  EXPECT_EQ(c.cacert_file, ca_file);
  EXPECT_FALSE(c.insecure);
  EXPECT_EQ(c.max_retries, 5);
}

TEST(ProviderConfigure, ResourceOperationsBeforeConfigureSayTheProviderIsNotConfigured) {
  auto resource = provider(kSimEnv)->resources().at(0);
  auto result = resource->import_state({"abc"});
  ASSERT_TRUE(result.diagnostics.has_errors());
  EXPECT_NE(result.diagnostics.items()[0].summary.find("not configured"), std::string::npos);
}

}  // namespace
}  // namespace rds::config

namespace rds::config {
namespace {

using namespace config_test_support;

TEST(ProviderSecurityWarnings, PasswordOrTokenOverPlainHttpToAnotherHostIsWarned) {
  auto password = settings_of({{"user_name", str("u")},
                               {"password", str("p")},
                               {"domain_name", str("d")},
                               {"auth_url", str("http://iam.example.com/v3")},
                               {"endpoint", str("http://rds.example.com")}},
                              {});
  auto diags = security_warnings(password);
  EXPECT_TRUE(has_warning_at(diags, "auth_url", "IAM password")) << dump(diags);
  EXPECT_TRUE(has_warning_at(diags, "endpoint", "IAM token")) << dump(diags);

  auto token = settings_of({{"token", str("T")}, {"endpoint", str("HTTP://10.0.0.5:8080")}}, {});
  EXPECT_TRUE(has_warning_at(security_warnings(token), "endpoint", "unencrypted"))
      << dump(security_warnings(token));
}

TEST(ProviderSecurityWarnings, LoopbackHttpsAndAkSkAreNotWarned) {
  for (const char* url :
       {"http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:9", "https://rds.example.com"}) {
    auto token = settings_of({{"token", str("T")}, {"endpoint", str(url)}}, {});
    EXPECT_TRUE(security_warnings(token).empty()) << url << "\n" << dump(security_warnings(token));
  }
  auto aksk = settings_of(
      {{"access_key", str("AK")}, {"secret_key", str("SK")}, {"endpoint", str("http://rds.example.com")}},
      {});
  EXPECT_TRUE(security_warnings(aksk).empty()) << "only a signature travels with AK/SK";
}

TEST(ProviderSecurityWarnings, InsecureIsWarned) {
  auto settings = settings_of({{"token", str("T")}, {"insecure", Value::boolean(true)}}, {});
  EXPECT_TRUE(has_warning_at(security_warnings(settings), "insecure", "does not verify"))
      << dump(security_warnings(settings));
}

TEST(ProviderSecurityWarnings, ConfigureGivesThemOnce) {
  auto diags = provider(kSimEnv)->configure(config({{"token", str("T")}, {"insecure", Value::boolean(true)}}),
                                            "1.11.4", {});
  int count = 0;
  for (const auto& d : diags) count += d.summary == "TLS verification is off" ? 1 : 0;
  EXPECT_EQ(count, 1) << dump(diags);
}

// A failed second ConfigureProvider must not leave the first one's client behind.
TEST(ProviderConfigure, AFailedReconfigurationLeavesTheProviderUnconfigured) {
  auto rds = provider(kSimEnv);
  ASSERT_FALSE(rds->configure(config({{"token", str("T")}}), "1.11.4", {}).has_errors());
  ASSERT_TRUE(rds->configure(config({{"token", str("T")}, {"region", str("a@evil.com/")}}), "1.11.4", {})
                  .has_errors());
  std::shared_ptr<rds::core::Resource> ssl;
  for (auto& resource : rds->resources())
    if (resource->type_name() == "rds_instance_ssl") ssl = resource;
  ASSERT_TRUE(ssl);
  const Value state =
      Value::object(ssl->schema().value_type(),
                    {{"id", str("db1")}, {"instance_id", str("db1")}, {"ssl_enable", Value::boolean(true)}});
  auto read = ssl->read({state, ""});
  ASSERT_TRUE(read.diagnostics.has_errors()) << "a read must not use the earlier client";
  EXPECT_NE(dump(read.diagnostics).find("not configured"), std::string::npos) << dump(read.diagnostics);
}

}  // namespace
}  // namespace rds::config
