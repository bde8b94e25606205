// Secrets never reach the logs: with the provider's most verbose logging on, an apply's whole output
// contains no secret key and no password.
#include <gtest/gtest.h>

#include "tests/e2e/support/e2e_test.h"

namespace rds::testing {
namespace {

constexpr const char* kSecretKey = "e2e-secret-key-3f9a1c";
constexpr const char* kPassword = "e2e-password-77c1d0";

class Secrets : public E2eTest {
 protected:
  void start_with_secrets() {
    SimOptions options;
    options.extra_args = {"--access-key", "e2e-ak", "--secret-key", kSecretKey, "--password", kPassword};
    start(options);
    sim().add_instance("mysql-1", false);
    workspace().write_config(ssl_resource("x", "mysql-1", true));
    workspace().set_env("TF_LOG_PROVIDER", "trace");
  }

  void expect_apply_logs_without(const std::string& secret) {
    auto apply = workspace().terraform({"apply", "-auto-approve", "-input=false", "-no-color"});
    ASSERT_TRUE(apply.succeeded()) << apply.describe();
    EXPECT_TRUE(sim().ssl_enabled("mysql-1"));
    // Proof that logging was on: the provider's own hclog lines are in Terraform's stderr.
    EXPECT_NE(apply.err.find("terraform-provider-rds"), std::string::npos) << "no provider logs\n"
                                                                           << apply.err;
    EXPECT_EQ(apply.plain_output().find(secret), std::string::npos) << "a secret leaked into the output";
  }
};

TEST_F(Secrets, SecretKeyNeverAppearsInTraceLogs) {
  start_with_secrets();
  workspace().set_env("OS_ACCESS_KEY", "e2e-ak");
  workspace().set_env("OS_SECRET_KEY", kSecretKey);
  expect_apply_logs_without(kSecretKey);
}

TEST_F(Secrets, PasswordNeverAppearsInTraceLogs) {
  start_with_secrets();
  auto& env = workspace();
  env.set_env("OS_ACCESS_KEY", "");
  env.set_env("OS_SECRET_KEY", "");
  env.set_env("OS_USERNAME", "sim-user");
  env.set_env("OS_PASSWORD", kPassword);
  env.set_env("OS_DOMAIN_NAME", "sim-domain");
  expect_apply_logs_without(kPassword);
  EXPECT_GT(sim().count_requests("POST", "/auth/tokens"), 0) << "the password must be exchanged for a token";
}

}  // namespace
}  // namespace rds::testing
