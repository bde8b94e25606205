// Waiting for a busy instance, a timeout shorter than the switch,
// and Ctrl-C during a long wait.
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <cctype>

#include "tests/e2e/support/e2e_test.h"
#include "tests/support/eventually.h"

namespace rds::testing {
namespace {

using namespace std::chrono_literals;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

using Waits = E2eTest;

TEST_F(Waits, ApplyWaitsForABackingUpInstanceAndSucceeds) {
  start();
  sim().add_instance("mysql-1", false);
  sim().hold_status("mysql-1", "BACKING UP", 2.0);
  workspace().write_config(ssl_resource("x", "mysql-1", true));

  apply_ok();

  EXPECT_TRUE(sim().ssl_enabled("mysql-1"));
  expect_empty_plan("after waiting out the backup");
}

TEST_F(Waits, ApplyRetriesTheBusyErrorCodeAndSucceeds) {
  start();
  sim().add_instance("mysql-1", false);
  // "Another operation is in progress": the API refuses the switch twice before accepting it.
  sim().inject_fault({{"kind", "status"},
                      {"count", 2},
                      {"status", 409},
                      {"error_code", "DBS.201202"},
                      {"method", "PUT"},
                      {"path_contains", "/ssl"}});
  workspace().write_config(ssl_resource("x", "mysql-1", true));

  apply_ok();

  EXPECT_TRUE(sim().ssl_enabled("mysql-1"));
  EXPECT_GE(sim().count_requests("PUT", "/ssl"), 3) << sim().requests().dump(2);
}

TEST_F(Waits, TimeoutShorterThanTheSwitchFailsClearlyAndKeepsTheResourceInState) {
  SimOptions options;
  // Far apart, so a loaded machine cannot blur them: the wait must time out, not the request before it.
  options.ssl_switch_seconds = 5.0;
  start(options);
  sim().add_instance("mysql-1", false);
  workspace().write_config(ssl_resource("x", "mysql-1", true, "  timeouts {\n    create = \"2s\"\n  }\n"));

  auto apply = workspace().terraform({"apply", "-auto-approve", "-input=false", "-no-color"});

  EXPECT_EQ(apply.exit_code, 1) << apply.describe();
  std::string output = lower(apply.plain_output());
  EXPECT_TRUE(output.find("timeout") != std::string::npos || output.find("timed out") != std::string::npos)
      << "the error must say the wait timed out\n"
      << apply.describe();
  EXPECT_NE(output.find("mysql-1"), std::string::npos) << "the error must name the instance\n"
                                                       << apply.describe();

  auto resource = workspace().state_resource("rds_instance_ssl.x");
  ASSERT_FALSE(resource.is_null()) << "the PUT went through: the state must record the resource";
  EXPECT_TRUE(resource.value("tainted", false)) << "a create that failed is tainted\n" << resource.dump(2);

  // A rerun with a long enough timeout converges.
  workspace().write_config(ssl_resource("x", "mysql-1", true));
  apply_ok();
  EXPECT_TRUE(sim().ssl_enabled("mysql-1"));
  expect_empty_plan("after the rerun converged");
}

TEST_F(Waits, InterruptDuringALongWaitExitsPromptlyWithStateSaved) {
  SimOptions options;
  options.ssl_switch_seconds = 60.0;
  start(options);
  sim().add_instance("mysql-1", false);
  workspace().write_config(ssl_resource("x", "mysql-1", true));

  auto apply = workspace().start_terraform({"apply", "-auto-approve", "-input=false", "-no-color"});
  ASSERT_TRUE(eventually([&] { return sim().count_requests("PUT", "/ssl") > 0; }, 60s))
      << "the provider never sent the switch\n"
      << apply->stdout_so_far() << apply->stderr_so_far();
  // Interrupt once the provider polls for enable_ssl to flip: a read after the PUT.
  ASSERT_TRUE(eventually(
      [&] {
        bool put_seen = false;
        for (const auto& request : sim().requests()) {
          if (request.value("method", "") == "PUT") put_seen = true;
          if (put_seen && request.value("method", "") == "GET") return true;
        }
        return false;
      },
      60s))
      << apply->stdout_so_far() << apply->stderr_so_far();

  apply->signal_group(SIGINT);  // what a terminal sends on Ctrl-C
  auto result = apply->wait(20s);

  ASSERT_FALSE(result.timed_out) << "terraform did not exit after SIGINT\n" << result.describe();
  EXPECT_EQ(result.term_signal, 0) << result.describe();
  EXPECT_NE(result.exit_code, 0) << "an interrupted apply is not a success\n" << result.describe();
  EXPECT_EQ(result.plain_output().find("panic"), std::string::npos) << result.describe();
  EXPECT_EQ(result.plain_output().find("did not respond"), std::string::npos) << result.describe();
  EXPECT_FALSE(workspace().state_resource("rds_instance_ssl.x").is_null())
      << "the state must record the resource whose switch was sent\n"
      << result.describe();
}

}  // namespace
}  // namespace rds::testing
