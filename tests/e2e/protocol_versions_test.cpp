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

INSTANTIATE_TEST_SUITE_P(RealTerraform, ProtocolVersion, ::testing::Values(5, 6), protocol_name);

}  // namespace
}  // namespace rds::testing
