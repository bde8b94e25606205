// Plan-time checks of the target, the database's name in
// the plan, and warnings before a replacement. (Both protocols: protocol_versions_test.cpp.)
#include <gtest/gtest.h>

#include <regex>

#include "tests/e2e/support/e2e_test.h"

namespace rds::testing {
namespace {

using PlanReview = E2eTest;

int instance_reads(SimEnvironment& sim) { return sim.count_requests("GET", "/instances"); }

TEST_F(PlanReview, AMissingInstanceFailsThePlanOnInstanceId) {
  start();
  workspace().write_config(ssl_resource("x", "no-such-instance", true));

  auto plan = workspace().terraform({"plan", "-input=false", "-no-color"});

  EXPECT_EQ(plan.exit_code, 1) << plan.describe();
  EXPECT_NE(plan.plain_output().find("RDS instance no-such-instance does not exist"), std::string::npos)
      << plan.describe();
  EXPECT_NE(plan.plain_output().find("instance_id = \"no-such-instance\""), std::string::npos)
      << "the error must point at instance_id\n"
      << plan.describe();
}

TEST_F(PlanReview, ABusyInstanceIsFineAtPlanTime) {
  start();
  sim().add_instance("mysql-1", false);
  sim().hold_status("mysql-1", "BACKING UP", 600);
  workspace().write_config(ssl_resource("x", "mysql-1", true));

  auto plan = workspace().terraform({"plan", "-input=false", "-no-color"});

  EXPECT_TRUE(plan.succeeded()) << plan.describe();
  EXPECT_NE(plan.plain_output().find("\"e2e-mysql-1\""), std::string::npos) << plan.describe();
}

TEST_F(PlanReview, AnApiErrorAtPlanTimeNamesTheCall) {
  start();
  sim().add_instance("mysql-1", false);
  sim().inject_fault({{"kind", "status"}, {"status", 403}, {"error_code", "DBS.200001"}, {"count", 1}});
  workspace().write_config(ssl_resource("x", "mysql-1", true));

  auto plan = workspace().terraform({"plan", "-input=false", "-no-color"});

  EXPECT_EQ(plan.exit_code, 1) << plan.describe();
  EXPECT_NE(plan.plain_output().find("GET /v3/sim-project/instances"), std::string::npos) << plan.describe();
  EXPECT_NE(plan.plain_output().find("DBS.200001"), std::string::npos) << plan.describe();
}

TEST_F(PlanReview, PlansWithoutAChangeOrAKnownTargetAndDestroysAskTheApiNothing) {
  start();
  sim().add_instance("mysql-1", false);
  workspace().write_config(ssl_resource("x", "mysql-1", true));
  apply_ok();

  int before = instance_reads(sim());
  auto unchanged = workspace().terraform({"plan", "-refresh=false", "-input=false", "-detailed-exitcode"});
  EXPECT_EQ(unchanged.exit_code, 0) << unchanged.describe();
  EXPECT_EQ(instance_reads(sim()), before) << "a plan with no change made an API call";

  auto destroy = workspace().terraform({"plan", "-destroy", "-refresh=false", "-input=false"});
  EXPECT_TRUE(destroy.succeeded()) << destroy.describe();
  EXPECT_EQ(instance_reads(sim()), before) << "a destroy plan made an API call";

  // An instance_id only known after apply: nothing to read at plan time.
  workspace().write_config(R"(resource "terraform_data" "id" {
  input = "mysql-1"
}
)" + ssl_resource("y", "${terraform_data.id.output}", true));
  before = instance_reads(sim());
  auto unknown = workspace().terraform({"plan", "-refresh=false", "-input=false"});
  EXPECT_TRUE(unknown.succeeded()) << unknown.describe();
  EXPECT_EQ(instance_reads(sim()), before) << "a plan with an unknown instance_id made an API call";
}

TEST_F(PlanReview, ARenameBetweenPlanAndApplyKeepsThePlannedNameUntilTheNextRefresh) {
  start();
  sim().add_instance("mysql-1", false);
  workspace().write_config(ssl_resource("x", "mysql-1", true));
  apply_ok();
  workspace().write_config(ssl_resource("x", "mysql-1", false));
  auto plan = workspace().terraform({"plan", "-input=false", "-out=update.tfplan"});
  ASSERT_TRUE(plan.succeeded()) << plan.describe();

  sim().process().admin("PATCH", "/_admin/instances/mysql-1", {{"name", "orders-prod"}});
  auto apply = workspace().terraform({"apply", "-input=false", "-no-color", "update.tfplan"});

  ASSERT_TRUE(apply.succeeded()) << "no \"inconsistent result\" for a renamed instance\n" << apply.describe();
  EXPECT_EQ(workspace().state_resource("rds_instance_ssl.x")["values"]["instance_name"], "e2e-mysql-1");
  auto refreshed = workspace().terraform({"apply", "-refresh-only", "-auto-approve", "-input=false"});
  ASSERT_TRUE(refreshed.succeeded()) << refreshed.describe();
  EXPECT_EQ(workspace().state_resource("rds_instance_ssl.x")["values"]["instance_name"], "orders-prod");
  expect_empty_plan("after the refresh");
}

TEST_F(PlanReview, AReplacementSaysWhatHappensToSslOnTheOldInstance) {
  start();
  sim().add_instance("mysql-1", true);
  sim().add_instance("mysql-2", false);
  workspace().write_config(ssl_resource("x", "mysql-1", true, "  disable_on_destroy = true\n"));
  apply_ok();

  workspace().write_config(ssl_resource("x", "mysql-2", true, "  disable_on_destroy = true\n"));
  auto plan = workspace().terraform({"plan", "-input=false", "-no-color"});

  ASSERT_TRUE(plan.succeeded()) << plan.describe();
  EXPECT_NE(plan.plain_output().find(
                "Replacing rds_instance_ssl turns SSL off on RDS instance mysql-1 (e2e-mysql-1)"),
            std::string::npos)
      << plan.describe();
}

// Terraform hides unchanged attributes in update, replace and destroy plans except id,
// name and tags, so `name` carries the database's name into every plan a reviewer reads.
TEST_F(PlanReview, UpdateReplaceAndDestroyPlansNameTheDatabase) {
  start();
  sim().add_instance("mysql-1", false);
  sim().add_instance("mysql-2", false);
  workspace().write_config(ssl_resource("x", "mysql-1", true));
  apply_ok();
  const std::regex named(R"(\n\s*[-~ ]?\s*name\s+= "e2e-mysql-1")");

  workspace().write_config(ssl_resource("x", "mysql-1", false));
  auto update = workspace().terraform({"plan", "-input=false", "-no-color"});
  ASSERT_TRUE(update.succeeded()) << update.describe();
  EXPECT_NE(update.plain_output().find("will be updated in-place"), std::string::npos) << update.describe();
  EXPECT_TRUE(std::regex_search(update.plain_output(), named)) << update.describe();

  workspace().write_config(ssl_resource("x", "mysql-2", true));
  auto replace = workspace().terraform({"plan", "-input=false", "-no-color"});
  ASSERT_TRUE(replace.succeeded()) << replace.describe();
  EXPECT_NE(replace.plain_output().find("must be replaced"), std::string::npos) << replace.describe();
  EXPECT_NE(replace.plain_output().find("e2e-mysql-1"), std::string::npos) << replace.describe();

  workspace().write_config(ssl_resource("x", "mysql-1", true));
  auto destroy = workspace().terraform({"plan", "-destroy", "-input=false", "-no-color"});
  ASSERT_TRUE(destroy.succeeded()) << destroy.describe();
  EXPECT_TRUE(std::regex_search(destroy.plain_output(), named)) << destroy.describe();
}

TEST_F(PlanReview, GeneratedConfigHoldsOnlyTheArguments) {
  start();
  sim().add_instance("mysql-1", true);
  workspace().write_config("import {\n  to = rds_instance_ssl.x\n  id = \"mysql-1\"\n}\n");

  auto plan = workspace().terraform({"plan", "-input=false", "-generate-config-out=generated.tf"});

  ASSERT_TRUE(plan.succeeded()) << plan.describe();
  const std::string generated = workspace().read_file("generated.tf");
  EXPECT_NE(generated.find("instance_id"), std::string::npos) << generated;
  for (const char* computed : {"name", "instance_name", "engine", "engine_version"})
    EXPECT_EQ(generated.find(computed), std::string::npos) << computed << " is computed\n" << generated;
}

}  // namespace
}  // namespace rds::testing
