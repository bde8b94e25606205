// The same lifecycle through real Terraform over protocol 5 and over protocol 6.
//
// Terraform 1.x always offers both versions and the provider picks 6, so to exercise tfplugin5 with the
// real CLI the provider is started by hand in --debug mode with PLUGIN_PROTOCOL_VERSIONS=<n>, and
// Terraform attaches to it through TF_REATTACH_PROVIDERS (go-plugin's reattach, what debuggers use).
#include <gtest/gtest.h>
#include <signal.h>

#include <regex>
#include <thread>

#include "tests/e2e/support/e2e_test.h"

namespace rds::testing {
namespace {

using namespace std::chrono_literals;

class ProtocolVersion : public E2eTest, public ::testing::WithParamInterface<int> {
 protected:
  // Starts the provider in debug mode speaking protocol `version`, configured for the sim through its
  // own environment (a reattached provider does not see Terraform's), and points the workspace at it.
  void attach_provider(int version) {
    auto env = clean_environment();
    for (const auto& [name, value] : sim().provider_env()) env[name] = value;
    env["PLUGIN_PROTOCOL_VERSIONS"] = std::to_string(version);
    env["TF_LOG_PROVIDER"] = "debug";  // its log proves Terraform talked to this process, not another
    provider_ = std::make_unique<ChildProcess>(
        ProcessOptions{.argv = {(provider_bin_dir() / "terraform-provider-rds").string(), "--debug"},
                       .env = env,
                       .cwd = workspace().dir(),
                       .own_process_group = true,
                       .stdout_to = Output::kFile,
                       .stderr_to = Output::kFile,
                       .capture_prefix = workspace().dir() / ".provider",
                       .default_sigint = true});

    static const std::regex reattach("TF_REATTACH_PROVIDERS='([^']*)'");
    std::smatch match;
    auto deadline = std::chrono::steady_clock::now() + 10s;
    std::string out;
    while (!std::regex_search(out = provider_->stdout_so_far(), match, reattach)) {
      ASSERT_TRUE(provider_->running() && std::chrono::steady_clock::now() < deadline)
          << "the provider printed no TF_REATTACH_PROVIDERS line\n"
          << out << provider_->stderr_so_far();
      std::this_thread::sleep_for(20ms);
    }
    auto config = nlohmann::json::parse(match[1].str());
    ASSERT_EQ(config[kProviderAddress]["ProtocolVersion"], version) << config.dump();
    workspace().set_env("TF_REATTACH_PROVIDERS", match[1].str());
  }

  void TearDown() override {
    if (provider_ == nullptr) return;
    provider_->signal_group(SIGINT);  // --debug mode stops on Ctrl-C
    auto stopped = provider_->wait(10s);
    EXPECT_FALSE(stopped.timed_out) << "the debug-mode provider did not stop on SIGINT";
    EXPECT_NE(stopped.err.find("\"protocol_version\":\"" + std::to_string(GetParam()) + "\""),
              std::string::npos)
        << "the provider's start-up log must show the protocol it served\n"
        << stopped.err;
    // Start-up and stop log a line each; everything else comes from the RPCs Terraform sent to this process.
    size_t log_lines = 0;
    for (size_t at = stopped.err.find("\"@message\""); at != std::string::npos;
         at = stopped.err.find("\"@message\"", at + 1)) {
      ++log_lines;
    }
    EXPECT_GT(log_lines, 4u) << "Terraform did not use the attached provider\n" << stopped.err;
  }

  std::unique_ptr<ChildProcess> provider_;
};

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

// Issue 8, points 1 to 3 on each protocol: the plan names the database, refuses a wrong target, and
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

INSTANTIATE_TEST_SUITE_P(RealTerraform, ProtocolVersion, ::testing::Values(5, 6),
                         [](const ::testing::TestParamInfo<int>& info) {
                           return "Protocol" + std::to_string(info.param);
                         });

}  // namespace
}  // namespace rds::testing
