// Import by id with the `terraform import` command and with an `import {}` block,
// then an empty plan; and `plan -generate-config-out` writes a configuration that plans empty.
#include <gtest/gtest.h>

#include "tests/e2e/support/e2e_test.h"

namespace rds::testing {
namespace {

using Import = E2eTest;

TEST_F(Import, ImportCommandFillsEveryAttributeAndThePlanIsEmpty) {
  start();
  sim().add_instance("mysql-1", true);
  workspace().write_config(ssl_resource("x", "mysql-1", true));

  auto import = workspace().terraform({"import", "-input=false", "rds_instance_ssl.x", "mysql-1"});
  ASSERT_TRUE(import.succeeded()) << import.describe();

  auto resource = workspace().state_resource("rds_instance_ssl.x");
  ASSERT_FALSE(resource.is_null());
  EXPECT_EQ(resource["values"]["id"], "mysql-1");
  EXPECT_EQ(resource["values"]["instance_id"], "mysql-1");
  EXPECT_EQ(resource["values"]["ssl_enable"], true);
  EXPECT_EQ(resource["values"]["disable_on_destroy"], false);
  EXPECT_EQ(resource["values"]["name"], "e2e-mysql-1");
  EXPECT_EQ(resource["values"]["instance_name"], "e2e-mysql-1");
  EXPECT_EQ(resource["values"]["engine"], "MySQL");
  EXPECT_EQ(resource["values"]["engine_version"], "8.0");
  EXPECT_TRUE(resource["values"]["timeouts"].is_null()) << resource.dump(1);
  expect_empty_plan("right after the import");
  EXPECT_EQ(sim().count_requests("PUT", "/ssl"), 0) << "importing must not change the instance";
}

TEST_F(Import, ImportCommandOfAnInstanceWithSslOffRecordsOff) {
  start();
  sim().add_instance("mysql-1", false);
  workspace().write_config(ssl_resource("x", "mysql-1", false));

  auto import = workspace().terraform({"import", "-input=false", "rds_instance_ssl.x", "mysql-1"});
  ASSERT_TRUE(import.succeeded()) << import.describe();

  EXPECT_EQ(workspace().state_resource("rds_instance_ssl.x")["values"]["ssl_enable"], false);
  expect_empty_plan("right after importing an instance with SSL off");
}

TEST_F(Import, ImportOfAMissingInstanceFailsNamingIt) {
  start();
  workspace().write_config(ssl_resource("x", "no-such-instance", true));

  auto import = workspace().terraform({"import", "-input=false", "rds_instance_ssl.x", "no-such-instance"});

  EXPECT_EQ(import.exit_code, 1) << import.describe();
  // The provider's words, not the id Terraform echoes itself.
  EXPECT_NE(import.plain_output().find("Cannot import rds_instance_ssl for RDS instance no-such-instance"),
            std::string::npos)
      << import.describe();
  EXPECT_NE(import.plain_output().find("does not exist in this project"), std::string::npos)
      << import.describe();
}

TEST_F(Import, ImportBlockAppliesAndThenPlansEmpty) {
  start();
  sim().add_instance("mysql-1", true);
  workspace().write_config(R"(import {
  to = rds_instance_ssl.x
  id = "mysql-1"
}
)" + ssl_resource("x", "mysql-1", true));

  auto plan = workspace().plan_json();
  auto actions = planned_actions(plan, "rds_instance_ssl.x");
  EXPECT_EQ(actions, std::vector<std::string>{"no-op"}) << plan.dump(2);
  ASSERT_TRUE(plan.contains("resource_changes")) << plan.dump(2);
  EXPECT_TRUE(plan["resource_changes"][0]["change"].contains("importing")) << plan.dump(2);

  apply_ok();

  EXPECT_EQ(workspace().state_resource("rds_instance_ssl.x")["values"]["ssl_enable"], true);
  expect_empty_plan("after applying the import block");
  EXPECT_EQ(sim().count_requests("PUT", "/ssl"), 0) << "importing must not change the instance";
}

TEST_F(Import, GenerateConfigOutWritesAConfigThatPlansEmpty) {
  start();
  sim().add_instance("mysql-1", true);
  workspace().write_config(R"(import {
  to = rds_instance_ssl.x
  id = "mysql-1"
}
)");

  auto generate = workspace().terraform({"plan", "-input=false", "-generate-config-out=generated.tf"});
  ASSERT_TRUE(generate.succeeded()) << generate.describe();
  ASSERT_TRUE(workspace().has_file("generated.tf")) << generate.describe();
  std::string generated = workspace().read_file("generated.tf");
  EXPECT_NE(generated.find("resource \"rds_instance_ssl\" \"x\""), std::string::npos) << generated;
  EXPECT_NE(generated.find("\"mysql-1\""), std::string::npos) << generated;

  apply_ok();
  expect_empty_plan("with the generated configuration\n" + generated);
}

}  // namespace
}  // namespace rds::testing
