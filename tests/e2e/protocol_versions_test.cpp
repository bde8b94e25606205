// The same lifecycle through real Terraform over protocol 5 and over protocol 6 (the provider attached
// through TF_REATTACH_PROVIDERS: see support/protocol_version_test.h).
#include <gtest/gtest.h>

#include "tests/e2e/support/protocol_version_test.h"

namespace rds::testing {
namespace {

using namespace std::chrono_literals;

using ProtocolVersion = ProtocolVersionTest;

TEST_P(ProtocolVersion, CreateUpdateImportAndDestroyWork) {
  start();
  sim().add_instance("mysql-1", false);
  attach_provider(GetParam());
  if (HasFatalFailure()) return;

  workspace().write_config(ssl_resource("x", "mysql-1", true, "  disable_on_destroy = true\n"));
  apply_ok();
  EXPECT_TRUE(sim().ssl_enabled("mysql-1"));
  expect_empty_plan("after the create");

  workspace().write_config(ssl_resource("x", "mysql-1", false, "  disable_on_destroy = true\n"));
  apply_ok();
  EXPECT_FALSE(sim().ssl_enabled("mysql-1"));
  expect_empty_plan("after the update");

  auto forget = workspace().terraform({"state", "rm", "rds_instance_ssl.x"});
  ASSERT_TRUE(forget.succeeded()) << forget.describe();
  auto import = workspace().terraform({"import", "-input=false", "rds_instance_ssl.x", "mysql-1"});
  ASSERT_TRUE(import.succeeded()) << import.describe();
  EXPECT_EQ(workspace().state_resource("rds_instance_ssl.x")["values"]["ssl_enable"], false);

  sim().flip_ssl_out_of_band("mysql-1", true);
  auto drift = plan_detailed();
  EXPECT_EQ(drift.exit_code, 2) << "the out-of-band flip must show as a change\n" << drift.describe();

  auto destroy = workspace().terraform({"destroy", "-auto-approve", "-input=false"});
  ASSERT_TRUE(destroy.succeeded()) << destroy.describe();
  EXPECT_TRUE(workspace().state_resource("rds_instance_ssl.x").is_null());
}

// The plan names the database, refuses a wrong target, and
// says before a destroy what it will do to SSL (plan_destroy).
TEST_P(ProtocolVersion, PlansNameTheDatabaseRefuseWrongTargetsAndWarnBeforeADestroy) {
  start();
  sim().add_instance("mysql-1", false);
  sim().add_instance("pg-1", false, "PostgreSQL");
  attach_provider(GetParam());
  if (HasFatalFailure()) return;

  workspace().write_config(ssl_resource("x", "mysql-1", true));
  auto plan = workspace().plan_json();
  auto planned = find_resource(plan["planned_values"], "rds_instance_ssl.x")["values"];
  EXPECT_EQ(planned["instance_name"], "e2e-mysql-1") << planned.dump(2);
  EXPECT_EQ(planned["engine"], "MySQL") << planned.dump(2);
  EXPECT_EQ(planned["engine_version"], "8.0") << planned.dump(2);

  workspace().write_config(ssl_resource("x", "pg-1", true));
  auto wrong = workspace().terraform({"plan", "-input=false", "-no-color"});
  EXPECT_EQ(wrong.exit_code, 1) << wrong.describe();
  EXPECT_NE(wrong.plain_output().find("runs PostgreSQL 14"), std::string::npos) << wrong.describe();
  EXPECT_NE(wrong.plain_output().find("instance_id"), std::string::npos) << wrong.describe();

  workspace().write_config(ssl_resource("x", "mysql-1", true));
  apply_ok();
  auto keep = workspace().terraform({"plan", "-destroy", "-input=false", "-no-color"});
  ASSERT_TRUE(keep.succeeded()) << keep.describe();
  EXPECT_NE(keep.plain_output().find(
                "Destroying rds_instance_ssl leaves SSL as it is on RDS instance mysql-1 (e2e-mysql-1)"),
            std::string::npos)
      << keep.describe();

  workspace().write_config(ssl_resource("x", "mysql-1", true, "  disable_on_destroy = true\n"));
  apply_ok();
  auto off = workspace().terraform({"plan", "-destroy", "-input=false", "-no-color"});
  ASSERT_TRUE(off.succeeded()) << off.describe();
  EXPECT_NE(off.plain_output().find(
                "Destroying rds_instance_ssl turns SSL off on RDS instance mysql-1 (e2e-mysql-1)"),
            std::string::npos)
      << off.describe();
}

INSTANTIATE_TEST_SUITE_P(RealTerraform, ProtocolVersion, ::testing::Values(5, 6), protocol_name);

}  // namespace
}  // namespace rds::testing
