// `terraform validate` with numbers too big for any machine type: Terraform sends a number that fits
// neither int64 nor float64 as its full decimal text (1e100000 is 100,001 digits), which used to overflow
// the provider's stack while parsing, so Terraform only said the plugin crashed or did not respond.
// Now the provider answers with an error diagnostic on the attribute.
#include <gtest/gtest.h>

#include "tests/e2e/support/e2e_test.h"

namespace rds::testing {
namespace {

class TerraformBadNumbers : public E2eTest {
 protected:
  // validate never calls the API: no sim, no credentials in the environment.
  TerraformWorkspace workspace_;

  CommandResult validate_max_retries(const std::string& number) {
    // Terraform validates a provider block only when something uses it.
    workspace_.write_config("provider \"rds\" {\n  max_retries = " + number + "\n}\n" +
                            ssl_resource("x", "inst-1", true));
    return workspace_.terraform({"validate", "-json"});
  }

  static void expect_error_naming_max_retries(const CommandResult& result) {
    EXPECT_EQ(result.exit_code, 1) << result.describe();
    const std::string output = result.plain_output();
    for (const char* crash : {"did not respond", "segmentation", "panic", "plugin crashed"}) {
      EXPECT_EQ(output.find(crash), std::string::npos) << "output mentions \"" << crash << "\"\n"
                                                       << result.describe();
    }
    const auto answer = nlohmann::json::parse(result.out, nullptr, false);
    ASSERT_FALSE(answer.is_discarded()) << result.describe();
    bool named = false;
    for (const auto& diagnostic : answer.value("diagnostics", nlohmann::json::array())) {
      if (diagnostic.value("severity", "") != "error") continue;
      named = named || diagnostic.dump().find("max_retries") != std::string::npos;
    }
    EXPECT_TRUE(named) << "no error diagnostic names max_retries\n" << result.describe();
  }
};

TEST_F(TerraformBadNumbers, HugeMaxRetriesIsAnErrorNamingItNotACrash) {
  expect_error_naming_max_retries(validate_max_retries("1e100000"));
}

TEST_F(TerraformBadNumbers, TinyFractionalMaxRetriesIsAnErrorNamingItNotACrash) {
  expect_error_naming_max_retries(validate_max_retries("1e-100000"));
}

}  // namespace
}  // namespace rds::testing
