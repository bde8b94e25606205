// Create, update in place, replace, and destroy with real Terraform.
#include <gtest/gtest.h>

#include "tests/e2e/support/e2e_test.h"

namespace rds::testing {
namespace {

using Lifecycle = E2eTest;

TEST_F(Lifecycle, CreateTurnsSslOnAndTheNextPlanIsEmpty) {
  start();
  sim().add_instance("mysql-1", false);
  workspace().write_config(ssl_resource("x", "mysql-1", true));

  apply_ok();

  EXPECT_TRUE(sim().ssl_enabled("mysql-1"));
  auto resource = workspace().state_resource("rds_instance_ssl.x");
  ASSERT_FALSE(resource.is_null());
  EXPECT_EQ(resource["values"]["id"], "mysql-1");
  EXPECT_EQ(resource["values"]["instance_id"], "mysql-1");
  EXPECT_EQ(resource["values"]["ssl_enable"], true);
  expect_empty_plan("right after the create");
  auto no_refresh = workspace().terraform({"plan", "-detailed-exitcode", "-refresh=false"});
  EXPECT_EQ(no_refresh.exit_code, 0) << no_refresh.describe();
}

TEST_F(Lifecycle, CreateWhenSslIsAlreadyAsWantedSendsNoSwitch) {
  start();
  sim().add_instance("mysql-1", true);
  workspace().write_config(ssl_resource("x", "mysql-1", true));

  apply_ok();

  EXPECT_TRUE(sim().ssl_enabled("mysql-1"));
  EXPECT_EQ(sim().count_requests("PUT", "/ssl"), 0) << sim().requests().dump(2);
  expect_empty_plan("after a create that had nothing to switch");
}

TEST_F(Lifecycle, UpdateInPlaceTurnsSslOffAndTheNextPlanIsEmpty) {
  start();
  sim().add_instance("mysql-1", false);
  workspace().write_config(ssl_resource("x", "mysql-1", true));
  apply_ok();

  workspace().write_config(ssl_resource("x", "mysql-1", false));
  auto plan = workspace().plan_json();
  EXPECT_EQ(planned_actions(plan, "rds_instance_ssl.x"), std::vector<std::string>{"update"}) << plan.dump(2);
  apply_ok();

  EXPECT_FALSE(sim().ssl_enabled("mysql-1"));
  EXPECT_EQ(workspace().state_resource("rds_instance_ssl.x")["values"]["ssl_enable"], false);
  expect_empty_plan("right after the update");
}

TEST_F(Lifecycle, ChangingInstanceIdPlansAReplaceAndApplies) {
  start();
  sim().add_instance("mysql-a", false);
  sim().add_instance("mysql-b", false);
  workspace().write_config(ssl_resource("x", "mysql-a", true));
  apply_ok();

  workspace().write_config(ssl_resource("x", "mysql-b", true));
  auto plan = workspace().plan_json();
  auto actions = planned_actions(plan, "rds_instance_ssl.x");
  ASSERT_EQ(actions.size(), 2u) << plan.dump(2);
  EXPECT_TRUE((actions == std::vector<std::string>{"delete", "create"}) ||
              (actions == std::vector<std::string>{"create", "delete"}))
      << plan.dump(2);
  apply_ok();

  EXPECT_TRUE(sim().ssl_enabled("mysql-b"));
  EXPECT_TRUE(sim().ssl_enabled("mysql-a")) << "destroy without disable_on_destroy leaves SSL as it is";
  EXPECT_EQ(workspace().state_resource("rds_instance_ssl.x")["values"]["id"], "mysql-b");
  expect_empty_plan("after the replace");
}

TEST_F(Lifecycle, DestroyByDefaultLeavesSslOnAndWarns) {
  start();
  sim().add_instance("mysql-1", false);
  workspace().write_config(ssl_resource("x", "mysql-1", true));
  apply_ok();

  auto destroy = workspace().terraform({"destroy", "-auto-approve", "-input=false"});
  ASSERT_TRUE(destroy.succeeded()) << destroy.describe();

  EXPECT_TRUE(sim().ssl_enabled("mysql-1")) << "the default destroy only forgets the resource";
  EXPECT_EQ(
      terraform_warnings(destroy),
      std::vector<std::string>{"Destroying rds_instance_ssl leaves SSL as it is on RDS instance mysql-1 "
                               "(e2e-mysql-1)"})
      << "one warning, from the plan, must tell the user SSL was left as it is\n"
      << destroy.describe();
  EXPECT_TRUE(workspace().state_resource("rds_instance_ssl.x").is_null());
}

TEST_F(Lifecycle, DestroyWithDisableOnDestroyTurnsSslOff) {
  start();
  sim().add_instance("mysql-1", false);
  workspace().write_config(ssl_resource("x", "mysql-1", true, "  disable_on_destroy = true\n"));
  apply_ok();
  ASSERT_TRUE(sim().ssl_enabled("mysql-1"));

  auto destroy = workspace().terraform({"destroy", "-auto-approve", "-input=false"});
  ASSERT_TRUE(destroy.succeeded()) << destroy.describe();

  EXPECT_FALSE(sim().ssl_enabled("mysql-1")) << "disable_on_destroy = true must turn SSL off and wait for it";
  EXPECT_TRUE(workspace().state_resource("rds_instance_ssl.x").is_null());
}

TEST_F(Lifecycle, CreateWithAJobToPollWaitsForTheJobAndSsl) {
  SimOptions options;
  options.job_mode = true;
  start(options);
  sim().add_instance("mysql-1", false);
  workspace().write_config(ssl_resource("x", "mysql-1", true));

  apply_ok();

  EXPECT_TRUE(sim().ssl_enabled("mysql-1"));
  EXPECT_GT(sim().count_requests("GET", "/jobs"), 0) << "the job_id the PUT returned must be polled";
  expect_empty_plan("after a create in job mode");
}

}  // namespace
}  // namespace rds::testing
