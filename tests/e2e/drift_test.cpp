// Issue 4, scenarios 5 and 6: changes made outside Terraform show up in the next plan.
#include <gtest/gtest.h>

#include "tests/e2e/support/e2e_test.h"

namespace rds::testing {
namespace {

using Drift = E2eTest;

TEST_F(Drift, OutOfBandSslFlipShowsAsDriftAndApplyCorrectsIt) {
  start();
  sim().add_instance("mysql-1", false);
  workspace().write_config(ssl_resource("x", "mysql-1", true));
  apply_ok();

  sim().flip_ssl_out_of_band("mysql-1", false);

  auto plan = workspace().plan_json();
  EXPECT_EQ(planned_actions(plan, "rds_instance_ssl.x"), std::vector<std::string>{"update"}) << plan.dump(2);
  ASSERT_TRUE(plan.contains("resource_drift")) << "the refresh must report the drift\n" << plan.dump(2);
  EXPECT_EQ(plan["resource_drift"][0]["change"]["after"]["ssl_enable"], false) << plan.dump(2);

  apply_ok();

  EXPECT_TRUE(sim().ssl_enabled("mysql-1"));
  expect_empty_plan("after correcting the drift");
}

TEST_F(Drift, InstanceDeletedOutOfBandIsDroppedAndItsRecreationFailsThePlan) {
  start();
  sim().add_instance("mysql-1", false);
  workspace().write_config(ssl_resource("x", "mysql-1", true));
  apply_ok();

  sim().delete_instance("mysql-1");

  // The refresh drops the resource; planning it again reads the instance and says it is gone.
  auto plan = workspace().terraform({"plan", "-input=false", "-no-color"});
  EXPECT_EQ(plan.exit_code, 1) << plan.describe();
  EXPECT_NE(plan.plain_output().find("RDS instance mysql-1 does not exist"), std::string::npos)
      << plan.describe();
  auto refreshed = workspace().terraform({"apply", "-refresh-only", "-auto-approve", "-input=false"});
  ASSERT_TRUE(refreshed.succeeded()) << refreshed.describe();
  EXPECT_TRUE(workspace().state_resource("rds_instance_ssl.x").is_null())
      << "a refresh must drop the resource whose instance is gone";
}

}  // namespace
}  // namespace rds::testing
