// Changes made outside Terraform show up in the next plan.
#include <gtest/gtest.h>

#include <algorithm>

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

  // The refresh drops the resource; planning it again reads the instance and says that it was in the state
  // and is gone, and how to fix the configuration.
  auto plan = workspace().terraform({"plan", "-input=false", "-no-color"});
  EXPECT_EQ(plan.exit_code, 1) << plan.describe();
  std::string output = plan.plain_output();
  std::replace(output.begin(), output.end(), '\n', ' ');  // Terraform wraps the detail
  EXPECT_NE(output.find("RDS instance mysql-1 was deleted outside Terraform"), std::string::npos)
      << plan.describe();
  EXPECT_NE(output.find("was in the state"), std::string::npos) << plan.describe();
  EXPECT_NE(output.find("Remove the rds_instance_ssl block"), std::string::npos) << plan.describe();
  EXPECT_NE(output.find("terraform state rm"), std::string::npos) << plan.describe();

  // An instance that never existed is not called deleted.
  workspace().write_config(ssl_resource("x", "mysql-1", true) + ssl_resource("y", "never-was", true));
  auto typo = workspace().terraform({"plan", "-input=false", "-no-color"});
  EXPECT_NE(typo.plain_output().find("RDS instance never-was does not exist"), std::string::npos)
      << typo.describe();
  workspace().write_config(ssl_resource("x", "mysql-1", true));
  auto refreshed = workspace().terraform({"apply", "-refresh-only", "-auto-approve", "-input=false"});
  ASSERT_TRUE(refreshed.succeeded()) << refreshed.describe();
  EXPECT_TRUE(workspace().state_resource("rds_instance_ssl.x").is_null())
      << "a refresh must drop the resource whose instance is gone";
}

}  // namespace
}  // namespace rds::testing
