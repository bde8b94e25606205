// `terraform validate` with the real CLI accepts a valid configuration and rejects invalid ones
// with a diagnostic that names the offending attribute.
#include <gtest/gtest.h>

#include "tests/e2e/support/e2e_test.h"

namespace rds::testing {
namespace {

class TerraformValidate : public E2eTest {
 protected:
  // validate never calls the API: no sim, no credentials in the environment.
  TerraformWorkspace workspace_;

  CommandResult validate(const std::string& body) {
    workspace_.write_config(body);
    return workspace_.terraform({"validate", "-json"});
  }

  // Every error diagnostic of a `validate -json` answer, as one text per diagnostic
  // (summary, detail and the source snippet Terraform attaches when the diagnostic has an attribute path).
  static std::vector<std::string> errors(const CommandResult& result) {
    std::vector<std::string> texts;
    auto answer = nlohmann::json::parse(result.out, nullptr, false);
    if (answer.is_discarded() || !answer.contains("diagnostics")) return texts;
    for (const auto& diagnostic : answer["diagnostics"]) {
      if (diagnostic.value("severity", "") != "error") continue;
      std::string text = diagnostic.value("summary", "") + " | " + diagnostic.value("detail", "");
      if (diagnostic.contains("snippet")) text += " | " + diagnostic["snippet"].value("code", "");
      texts.push_back(text);
    }
    return texts;
  }

  static void expect_error_naming(const CommandResult& result, const std::string& attribute) {
    EXPECT_EQ(result.exit_code, 1) << result.describe();
    auto texts = errors(result);
    ASSERT_FALSE(texts.empty()) << "no error diagnostic\n" << result.describe();
    bool named = false;
    for (const auto& text : texts) named = named || text.find(attribute) != std::string::npos;
    EXPECT_TRUE(named) << "no error diagnostic names '" << attribute << "'\n" << result.describe();
  }
};

TEST_F(TerraformValidate, AcceptsAValidConfiguration) {
  auto result = validate(R"(provider "rds" {
  region     = "eu-de"
  project_id = "0123456789abcdef"
  access_key = "AK"
  secret_key = "SK"
}
)" + ssl_resource("x", "inst-1", true, R"(  disable_on_destroy = true
  timeouts {
    create = "10m"
    update = "90s"
    delete = "1h"
  }
)"));
  ASSERT_TRUE(result.succeeded()) << result.describe();
  EXPECT_TRUE(nlohmann::json::parse(result.out).value("valid", false)) << result.describe();
}

TEST_F(TerraformValidate, AcceptsAnInstanceIdThatIsUnknownUntilApply) {
  // Variables have no value at validate time, so the provider sees an unknown instance_id.
  auto result = validate(R"(variable "instance_id" { type = string }
provider "rds" {}
)" + ssl_resource("x", "${var.instance_id}", false));
  EXPECT_TRUE(result.succeeded()) << result.describe();
}

TEST_F(TerraformValidate, RejectsAnEmptyInstanceIdNamingIt) {
  expect_error_naming(validate("provider \"rds\" {}\n" + ssl_resource("x", "", true)), "instance_id");
}

TEST_F(TerraformValidate, RejectsAnUnparsableTimeoutNamingIt) {
  auto result =
      validate("provider \"rds\" {}\n" +
               ssl_resource("x", "inst-1", true, "  timeouts {\n    create = \"ten minutes\"\n  }\n"));
  expect_error_naming(result, "create");
}

TEST_F(TerraformValidate, RejectsAnAccessKeyWithoutSecretKeyNamingIt) {
  auto result = validate(R"(provider "rds" {
  access_key = "AK"
}
)" + ssl_resource("x", "inst-1", true));
  expect_error_naming(result, "secret_key");
}

TEST_F(TerraformValidate, RejectsAMissingRequiredSslEnable) {
  auto result = validate(R"(provider "rds" {}
resource "rds_instance_ssl" "x" {
  instance_id = "inst-1"
}
)");
  expect_error_naming(result, "ssl_enable");
}

// Bad input is caught at validate time, on the attribute, with the reason.
TEST_F(TerraformValidate, RejectsInstanceIdsThatWouldAddressOtherInstances) {
  for (const char* id : {"db 1", "db/1", "db?1", "db#1", "db%1", "*db"}) {
    auto result = validate("provider \"rds\" {}\n" + ssl_resource("x", id, true));
    expect_error_naming(result, "instance_id");
    // The provider's own words quote the value (Terraform's snippet alone would also show the id).
    bool quoted = false;
    for (const auto& text : errors(result))
      quoted = quoted || text.find(std::string("got \\\"") + id + "\\\"") != std::string::npos ||
               text.find(std::string("got \"") + id + "\"") != std::string::npos;
    EXPECT_TRUE(quoted) << id << "\n" << result.describe();
  }
}

TEST_F(TerraformValidate, CallsAWhitespaceOnlyInstanceIdWhatItIs) {
  auto result = validate("provider \"rds\" {}\n" + ssl_resource("x", "   ", true));
  expect_error_naming(result, "instance_id");
  EXPECT_NE(result.out.find("only whitespace"), std::string::npos) << result.describe();
}

TEST_F(TerraformValidate, RejectsTimeoutsThatAreZeroNegativeOrBeyondTheMaximum) {
  for (const char* timeout : {"0s", "0", "-5m", "25h", "2562047h"}) {
    auto result =
        validate("provider \"rds\" {}\n" +
                 ssl_resource("x", "inst-1", true,
                              std::string("  timeouts {\n    update = \"") + timeout + "\"\n  }\n"));
    expect_error_naming(result, "update");
  }
  auto longest = validate("provider \"rds\" {}\n" +
                          ssl_resource("x", "inst-1", true, "  timeouts {\n    update = \"24h\"\n  }\n"));
  EXPECT_TRUE(longest.succeeded()) << "24h is the documented maximum\n" << longest.describe();
}

TEST_F(TerraformValidate, RejectsAnEndpointCopiedWithItsVersionPathAndNamesTheFix) {
  for (const char* endpoint :
       {"https://rds.eu-de.otc.t-systems.com/v3", "https://rds.eu-de.otc.t-systems.com/v3/0123abc/"}) {
    auto result = validate(std::string("provider \"rds\" {\n  endpoint = \"") + endpoint + "\"\n}\n" +
                           ssl_resource("x", "inst-1", true));
    expect_error_naming(result, "endpoint");
    EXPECT_NE(result.out.find("\\\"https://rds.eu-de.otc.t-systems.com\\\""), std::string::npos)
        << "the error must give the base URL to use\n"
        << result.describe();
  }
}

TEST_F(TerraformValidate, RejectsAnAuthUrlWithoutTheVersionAndNamesTheFix) {
  auto result = validate(R"(provider "rds" {
  auth_url = "https://iam.eu-de.otc.t-systems.com"
}
)" + ssl_resource("x", "inst-1", true));
  expect_error_naming(result, "auth_url");
  EXPECT_NE(result.out.find("https://iam.eu-de.otc.t-systems.com/v3"), std::string::npos)
      << result.describe();
}

TEST_F(TerraformValidate, RejectsAProjectIdWithCharactersNoProjectIdHas) {
  auto result = validate(R"(provider "rds" {
  project_id = "0123/abc"
}
)" + ssl_resource("x", "inst-1", true));
  expect_error_naming(result, "project_id");
}

// Each argument falls back to its own environment variable; the one-method rule runs on the result, so a
// token in the block next to keys in the environment is a conflict that says where each came from.
TEST_F(TerraformValidate, ATokenInTheBlockConflictsWithKeysInTheEnvironmentNamingBothSources) {
  workspace_.set_env("OS_ACCESS_KEY", "AK-FROM-ENV");
  workspace_.set_env("OS_SECRET_KEY", "SK-FROM-ENV");
  auto result = validate(R"(provider "rds" {
  token = "T"
}
)" + ssl_resource("x", "inst-1", true));
  expect_error_naming(result, "token");
  EXPECT_NE(result.out.find("token (set in the provider block)"), std::string::npos) << result.describe();
  EXPECT_NE(result.out.find("access_key (from environment variable OS_ACCESS_KEY)"), std::string::npos)
      << result.describe();
}

TEST_F(TerraformValidate, AnEmptyStringInTheBlockIsAnErrorEvenWithTheVariableSet) {
  workspace_.set_env("OS_ACCESS_KEY", "AK-FROM-ENV");
  workspace_.set_env("OS_SECRET_KEY", "SK-FROM-ENV");
  auto result = validate(R"(provider "rds" {
  access_key = ""
}
)" + ssl_resource("x", "inst-1", true));
  expect_error_naming(result, "access_key");
  EXPECT_NE(result.out.find("Empty access_key"), std::string::npos) << result.describe();
}

TEST_F(TerraformValidate, ConflictingCredentialsNameWhereEachCameFrom) {
  auto result = validate(R"(provider "rds" {
  token      = "T"
  access_key = "AK"
  secret_key = "SK"
}
)" + ssl_resource("x", "inst-1", true));
  expect_error_naming(result, "token");
  EXPECT_NE(result.out.find("token (set in the provider block)"), std::string::npos) << result.describe();
  EXPECT_NE(result.out.find("access_key (set in the provider block)"), std::string::npos)
      << result.describe();
}

}  // namespace
}  // namespace rds::testing
