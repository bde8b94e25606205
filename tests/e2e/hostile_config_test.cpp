// Provider blocks written to
// send the calls (and their credentials) to another host, or to hang the provider, fail with an error
// naming the attribute, and nothing reaches any server.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "tests/e2e/support/protocol_version_test.h"

namespace rds::testing {
namespace {

using HostileConfig = ProtocolVersionTest;

// The config reads one instance, so that a plan has to configure the provider.
std::string reading_config(const std::string& provider_body) {
  return "provider \"rds\" {\n" + provider_body + "}\ndata \"rds_instance\" \"x\" { id = \"m1\" }\n";
}

TEST_P(HostileConfig, RegionWithAnAtSignFailsAtValidateNamingRegionAndSendsNothing) {
  start();
  attach_provider(GetParam());
  if (HasFatalFailure()) return;
  // The sim's URL is the endpoint (from the provider's environment), so a request would show up there.
  workspace().write_config(reading_config("  region = \"a@evil.com/\"\n"));

  auto validate = workspace().terraform({"validate", "-no-color"});

  EXPECT_EQ(validate.exit_code, 1) << validate.describe();
  EXPECT_NE(validate.plain_output().find("Invalid region"), std::string::npos) << validate.describe();
  EXPECT_NE(validate.plain_output().find("\"@\""), std::string::npos) << validate.describe();
  EXPECT_TRUE(sim().requests().empty()) << sim().requests().dump(1);
}

TEST_P(HostileConfig, CacertFileOnAFifoFailsPlanNamingItInsteadOfHanging) {
  start();
  attach_provider(GetParam());
  if (HasFatalFailure()) return;
  const auto fifo = workspace().dir() / "ca.pem";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0) << fifo;  // and nothing ever writes to it
  workspace().write_config(reading_config("  cacert_file = \"" + fifo.string() + "\"\n"));

  // The old provider blocked here until the command's timeout killed Terraform.
  auto plan = workspace().terraform({"plan", "-input=false", "-no-color"});

  EXPECT_FALSE(plan.timed_out) << plan.describe();
  EXPECT_EQ(plan.exit_code, 1) << plan.describe();
  EXPECT_NE(plan.plain_output().find("Invalid cacert_file"), std::string::npos) << plan.describe();
  EXPECT_NE(plan.plain_output().find("FIFO"), std::string::npos) << plan.describe();
  EXPECT_TRUE(sim().requests().empty()) << sim().requests().dump(1);
}

TEST_P(HostileConfig, EndpointWithUserAndPasswordFailsNamingEndpointAndNeverShowsThePassword) {
  start();
  attach_provider(GetParam());
  if (HasFatalFailure()) return;
  // From a sensitive variable, as a real password would be: Terraform itself then shows
  // "(sensitive value)" in its own snippet of the config, so any "secret" in the output is ours.
  std::string url = sim().base_url();
  url.insert(url.find("://") + 3, "user:secret@");
  workspace().set_env("TF_VAR_endpoint", url);
  workspace().write_config("variable \"endpoint\" {\n  type      = string\n  sensitive = true\n}\n" +
                           reading_config("  endpoint = var.endpoint\n"));

  auto plan = workspace().terraform({"plan", "-input=false", "-no-color"});

  EXPECT_EQ(plan.exit_code, 1) << plan.describe();
  EXPECT_NE(plan.plain_output().find("Invalid endpoint"), std::string::npos) << plan.describe();
  EXPECT_NE(plan.plain_output().find("user name or password"), std::string::npos) << plan.describe();
  EXPECT_EQ(plan.plain_output().find("secret"), std::string::npos) << plan.describe();
  EXPECT_TRUE(sim().requests().empty()) << sim().requests().dump(1);
}

INSTANTIATE_TEST_SUITE_P(RealTerraform, HostileConfig, ::testing::Values(5, 6), protocol_name);

}  // namespace
}  // namespace rds::testing
