// The provider block as OTC and Huawei Cloud users configure it, with real Terraform against rds-sim:
// arguments from the block and the environment mixed argument by argument, and Huawei Cloud's HW_*
// variables in place of OS_*.
#include <gtest/gtest.h>

#include "tests/e2e/support/e2e_test.h"

namespace rds::testing {
namespace {

class ProviderBlock : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    if (HasFatalFailure()) return;
    start();
    sim().add_instance("mysql-1", false);
  }
  // Takes the sim's credentials and project out of the OS_* variables the harness sets.
  void unset_open_stack_credentials() {
    for (const char* name : {"OS_ACCESS_KEY", "OS_SECRET_KEY", "OS_PROJECT_ID", "OS_REGION_NAME"})
      workspace().set_env(name, "");
  }
};

TEST_F(ProviderBlock, TheAccessKeyInTheBlockAndTheSecretKeyFromTheEnvironmentSignTogether) {
  workspace().set_env("OS_ACCESS_KEY", "");
  workspace().write_config("provider \"rds\" {\n  access_key = \"sim-ak\"\n}\n" +
                           ssl_resource("x", "mysql-1", true));
  apply_ok();
  EXPECT_TRUE(sim().ssl_enabled("mysql-1"));
  EXPECT_GT(sim().count_requests("GET", "/instances"), 0);
  expect_empty_plan("with the keys from two places");
}

TEST_F(ProviderBlock, HuaweiCloudVariablesAloneConfigureTheProvider) {
  unset_open_stack_credentials();
  workspace().set_env("HW_ACCESS_KEY", "sim-ak");
  workspace().set_env("HW_SECRET_KEY", "sim-sk");
  workspace().set_env("HW_PROJECT_ID", "sim-project");
  workspace().set_env("HW_REGION_NAME", "eu-de");
  workspace().write_config(ssl_resource("x", "mysql-1", true));
  apply_ok();
  EXPECT_TRUE(sim().ssl_enabled("mysql-1"));
  for (const auto& request : sim().requests()) {
    const std::string path = request.value("path", "");
    if (path.starts_with("/v3/")) {
      EXPECT_TRUE(path.starts_with("/v3/sim-project/")) << request.dump();
    }
  }
  expect_empty_plan("configured from HW_* variables");
}

TEST_F(ProviderBlock, OpenStackAndHuaweiVariablesThatDisagreeFailThePlanNamingBoth) {
  workspace().set_env("HW_PROJECT_ID", "another-project");
  workspace().write_config(ssl_resource("x", "mysql-1", true));
  auto plan = workspace().terraform({"plan", "-input=false", "-no-color"});
  EXPECT_EQ(plan.exit_code, 1) << plan.describe();
  const std::string text = running_text(plan);
  EXPECT_NE(text.find("OS_PROJECT_ID and HW_PROJECT_ID are both set, to different values"), std::string::npos)
      << plan.describe();
  EXPECT_EQ(sim().count_requests("PUT", "/ssl"), 0);
}

// Only the region: the provider finds the region's project ("eu-de") through IAM with the same keys,
// once per configured provider, and addresses every RDS call to it.
TEST_F(ProviderBlock, WithoutProjectIdTheProjectIsFoundByTheRegionsName) {
  workspace().set_env("OS_PROJECT_ID", "");
  workspace().write_config(ssl_resource("x", "mysql-1", true));
  apply_ok();
  EXPECT_TRUE(sim().ssl_enabled("mysql-1"));
  const int lookups = sim().count_requests("GET", "/v3/projects");
  EXPECT_GE(lookups, 1);
  EXPECT_LE(lookups, 2) << "one lookup per configured provider process (the plan's and the apply's)";
  for (const auto& request : sim().requests()) {
    const std::string path = request.value("path", "");
    if (path.find("/instances") != std::string::npos) {
      EXPECT_TRUE(path.starts_with("/v3/sim-project/")) << request.dump();
    }
  }
  expect_empty_plan("with the project found by the region's name");
}

// clouds.yaml in the working directory and secure.yaml in ~/.config/openstack, as the openstack CLI
// shares them: OS_CLOUD picks the entry, the password comes from secure.yaml, the project from its name.
TEST_F(ProviderBlock, ACloudsYamlEntryWithItsSecureYamlConfiguresThePasswordLogin) {
  unset_open_stack_credentials();
  workspace().set_env("OS_AUTH_URL", "");
  workspace().write_file(
      "clouds.yaml",
      "clouds:\n  sim:\n    region_name: eu-de\n    auth:\n      auth_url: " + sim().process().base_url() +
          "/v3\n      username: sim-user\n      project_name: eu-de\n"
          "      user_domain_name: sim-domain\n");
  workspace().write_file("home/.config/openstack/secure.yaml",
                         "clouds:\n  sim:\n    auth:\n      password: sim-password\n");
  workspace().set_env("HOME", (workspace().dir() / "home").string());
  workspace().set_env("OS_CLOUD", "sim");
  workspace().write_config(ssl_resource("x", "mysql-1", true));
  apply_ok();
  EXPECT_TRUE(sim().ssl_enabled("mysql-1"));
  EXPECT_GE(sim().count_requests("POST", "/v3/auth/tokens"), 1) << "the password login of the cloud entry";
  expect_empty_plan("configured from clouds.yaml");

  workspace().set_env("OS_CLOUD", "prod");
  auto plan = workspace().terraform({"plan", "-input=false", "-no-color"});
  EXPECT_EQ(plan.exit_code, 1) << plan.describe();
  EXPECT_NE(running_text(plan).find("has no cloud \"prod\" under clouds: (it has sim)"), std::string::npos)
      << plan.describe();
}

// An agency of another account: the CI account's keys ask IAM for the agency's token, and every RDS call
// of the run carries that token (the sim logs it as token auth, which keys alone never give).
TEST_F(ProviderBlock, AssumeRoleActsThroughTheAgencysTokenAskedWithTheCallersKeys) {
  workspace().set_env("OS_PROJECT_ID", "");
  const std::string agency =
      "provider \"rds\" {\n  assume_role {\n    agency_name = \"sim-agency\"\n"
      "    domain_name = \"sim-delegating-domain\"\n    duration    = 3600\n  }\n}\n";
  workspace().write_config(agency + ssl_resource("x", "mysql-1", true));
  apply_ok();
  EXPECT_TRUE(sim().ssl_enabled("mysql-1"));
  EXPECT_GE(sim().count_requests("POST", "/v3/auth/tokens"), 1);
  int rds_calls = 0;
  for (const auto& request : sim().requests()) {
    if (request.value("path", "").find("/instances") == std::string::npos) continue;
    ++rds_calls;
    EXPECT_EQ(request.value("auth", ""), "token") << request.dump();
  }
  EXPECT_GT(rds_calls, 0);
  expect_empty_plan("through the agency");

  workspace().write_config(
      "provider \"rds\" {\n  assume_role {\n    agency_name = \"nobody\"\n"
      "    domain_name = \"sim-delegating-domain\"\n  }\n}\n" +
      ssl_resource("x", "mysql-1", true));
  auto plan = workspace().terraform({"plan", "-input=false", "-no-color"});
  EXPECT_EQ(plan.exit_code, 1) << plan.describe();
  EXPECT_NE(running_text(plan).find("for agency nobody of domain sim-delegating-domain"), std::string::npos)
      << plan.describe();
}

class ProviderBlockSubProject : public ProviderBlock {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    if (HasFatalFailure()) return;
    SimOptions options;
    options.extra_args = {"--project-name", "eu-de_orders", "--project-id", "orders-project"};
    start(options);
    sim().add_instance("mysql-1", false);
    workspace().set_env("OS_PROJECT_ID", "");
  }
};

// A sub-project, by project_name, with a token and with a password (whose login is scoped by the name).
TEST_F(ProviderBlockSubProject, ProjectNameFindsItWithATokenAndWithAPassword) {
  workspace().set_env("OS_ACCESS_KEY", "");
  workspace().set_env("OS_SECRET_KEY", "");
  workspace().write_config(
      "provider \"rds\" {\n  token        = \"sim-token\"\n  project_name = \"eu-de_orders\"\n}\n" +
      ssl_resource("x", "mysql-1", true));
  apply_ok();
  EXPECT_TRUE(sim().ssl_enabled("mysql-1"));
  EXPECT_GE(sim().count_requests("GET", "/v3/projects"), 1);
  EXPECT_GE(sim().count_requests("GET", "/v3/orders-project/instances"), 1);

  workspace().set_env("OS_USERNAME", "sim-user");
  workspace().set_env("OS_PASSWORD", "sim-password");
  workspace().set_env("OS_DOMAIN_NAME", "sim-domain");
  workspace().set_env("OS_PROJECT_NAME", "eu-de_orders");
  workspace().write_config(ssl_resource("x", "mysql-1", false));
  const int lookups_before = sim().count_requests("GET", "/v3/projects");
  apply_ok();
  EXPECT_FALSE(sim().ssl_enabled("mysql-1"));
  EXPECT_EQ(sim().count_requests("GET", "/v3/projects"), lookups_before)
      << "the login's answer names the project";
  expect_empty_plan("with the project found by name at login");
}

TEST_F(ProviderBlockSubProject, AProjectNameIamDoesNotKnowFailsThePlanSayingSo) {
  workspace().write_config(ssl_resource("x", "mysql-1", true));  // finds by the region: eu-de, absent here
  auto plan = workspace().terraform({"plan", "-input=false", "-no-color"});
  EXPECT_EQ(plan.exit_code, 1) << plan.describe();
  const std::string text = running_text(plan);
  EXPECT_NE(text.find("Cannot find the project"), std::string::npos) << plan.describe();
  EXPECT_NE(text.find("No IAM project named \"eu-de\""), std::string::npos) << plan.describe();
  EXPECT_EQ(sim().count_requests("GET", "/instances"), 0);
}

}  // namespace
}  // namespace rds::testing
