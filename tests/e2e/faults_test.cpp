// No needless switch, no SSL flap, one login, deadlines that hold, every
// transient failure ridden out, and errors that say everything.
#include <gtest/gtest.h>

#include <chrono>

#include "tests/e2e/support/e2e_test.h"

namespace rds::testing {
namespace {

using namespace std::chrono_literals;

using Faults = E2eTest;

TEST_F(Faults, ApplyBehindARunningSwitchToTheSameValueSendsNoSecondSwitch) {
  SimOptions options;
  options.ssl_switch_seconds = 3.0;
  start(options);
  sim().add_instance("mysql-1", false);
  ASSERT_EQ(sim().start_switch_like_the_console("mysql-1", true), 200);
  workspace().write_config(ssl_resource("x", "mysql-1", true));

  apply_ok();

  EXPECT_TRUE(sim().ssl_enabled("mysql-1"));
  EXPECT_EQ(sim().accepted_switches(), 1) << "only the console's switch may run\n"
                                          << sim().requests().dump(1);
  EXPECT_GE(sim().count_requests("PUT", "/ssl"), 2)
      << "the provider's own PUT must have met the running switch";
  expect_empty_plan("after riding out the console's switch");
}

// Replacing a timed-out or interrupted create, at every timing: tests/e2e/replacement_test.cpp.

TEST_F(Faults, AWrongPasswordIsOneLoginAndOneErrorForManyResources) {
  start();
  std::string config;
  for (int i = 1; i <= 5; ++i) {
    sim().add_instance("mysql-" + std::to_string(i), false);
    config += ssl_resource("r" + std::to_string(i), "mysql-" + std::to_string(i), true);
  }
  workspace().set_env("OS_ACCESS_KEY", "");
  workspace().set_env("OS_SECRET_KEY", "");
  workspace().set_env("OS_USERNAME", "sim-user");
  workspace().set_env("OS_PASSWORD", "not-the-password");
  workspace().set_env("OS_DOMAIN_NAME", "sim-domain");
  workspace().write_config(config);

  auto plan = workspace().terraform({"plan", "-input=false", "-no-color"});

  EXPECT_EQ(plan.exit_code, 1) << plan.describe();
  EXPECT_EQ(sim().count_requests("POST", "/v3/auth/tokens"), 1) << sim().requests().dump(1);
  EXPECT_EQ(occurrences(plan.plain_output(), "Error: Cannot log in to IAM"), 1) << plan.describe();
  EXPECT_NE(plan.plain_output().find("HTTP status: 401"), std::string::npos) << plan.describe();
  EXPECT_EQ(plan.plain_output().find("not-the-password"), std::string::npos) << "secrets are never shown";
}

TEST_F(Faults, ChangingOnlyTheTimeoutsOfARebootingInstanceNeitherWaitsNorSwitches) {
  start();
  sim().add_instance("mysql-1", false);
  workspace().write_config(ssl_resource("x", "mysql-1", true));
  apply_ok();
  sim().hold_status("mysql-1", "REBOOTING", 600);

  workspace().write_config(ssl_resource("x", "mysql-1", true, "  timeouts {\n    update = \"5s\"\n  }\n"));
  apply_ok();

  EXPECT_EQ(sim().count_requests("PUT", "/ssl"), 1) << sim().requests().dump(1);
  expect_empty_plan("after changing only the timeouts");
}

TEST_F(Faults, AnApiThatNeverAnswersCannotHoldACreatePastItsTimeout) {
  start();
  sim().add_instance("mysql-1", false);
  workspace().write_config(ssl_resource("x", "mysql-1", true, "  timeouts {\n    create = \"3s\"\n  }\n"));
  auto plan = workspace().terraform({"plan", "-input=false", "-out=create.tfplan"});
  ASSERT_TRUE(plan.succeeded()) << plan.describe();
  sim().inject_fault({{"kind", "latency"}, {"latency_ms", 120000}, {"count", 100}});

  // Every answer takes 120 s, longer than this command may run: an apply that ends at all has given up
  // on its first read instead of waiting for an answer (or for six 60 s request timeouts).
  auto apply = workspace().terraform({"apply", "-input=false", "-no-color", "create.tfplan"}, 110s);

  ASSERT_FALSE(apply.timed_out) << apply.describe();
  EXPECT_EQ(apply.exit_code, 1) << apply.describe();
  EXPECT_NE(apply.plain_output().find("timeouts.create ran out"), std::string::npos) << apply.describe();
  EXPECT_EQ(sim().count_requests("PUT", "/ssl"), 0);
}

TEST_F(Faults, OneServerErrorOnTheFirstReadIsRiddenOut) {
  start();
  sim().add_instance("mysql-1", false);
  sim().inject_fault({{"kind", "status"}, {"status", 500}, {"error_code", "DBS.200000"}, {"count", 1}});
  workspace().write_config(ssl_resource("x", "mysql-1", true));

  apply_ok();

  EXPECT_EQ(sim().faulted_requests("status"), 1) << "the HTTP 500 must have been sent";
  EXPECT_TRUE(sim().ssl_enabled("mysql-1"));
  expect_empty_plan("after riding out one HTTP 500");
}

TEST_F(Faults, TwentyResourcesConvergeUnderAMixOfTransientFailures) {
  start();
  std::string config;
  for (int i = 1; i <= 20; ++i) {
    sim().add_instance("mysql-" + std::to_string(i), false);
    config += ssl_resource("r" + std::to_string(i), "mysql-" + std::to_string(i), true);
  }
  for (int round = 0; round < 2; ++round) {
    sim().inject_fault({{"kind", "status"}, {"status", 500}, {"error_code", "DBS.200000"}, {"count", 2}});
    sim().inject_fault({{"kind", "drop"}, {"count", 2}});
    sim().inject_fault({{"kind", "status"}, {"status", 503}, {"count", 2}});
    sim().inject_fault({{"kind", "retry_after"}, {"retry_after", 1}, {"count", 2}});
  }
  workspace().write_config(config);

  apply_ok();

  // Every queued fault fired (the apply makes far more than 16 calls).
  EXPECT_EQ(sim().faulted_requests("status"), 8) << sim().requests().dump(1);
  EXPECT_EQ(sim().faulted_requests("drop"), 4) << sim().requests().dump(1);
  EXPECT_EQ(sim().faulted_requests("retry_after"), 4) << sim().requests().dump(1);
  for (int i = 1; i <= 20; ++i) EXPECT_TRUE(sim().ssl_enabled("mysql-" + std::to_string(i))) << i;
  EXPECT_EQ(sim().accepted_switches(), 20) << sim().requests().dump(1);
  expect_empty_plan("after riding out the faults");
}

TEST_F(Faults, AFailedJobReportsItsFailReason) {
  SimOptions options;
  options.job_mode = true;
  start(options);
  sim().add_instance("mysql-1", false);
  sim().inject_fault({{"kind", "job_failure"}});
  workspace().write_config(ssl_resource("x", "mysql-1", true));

  auto apply = workspace().terraform({"apply", "-auto-approve", "-input=false", "-no-color"});

  EXPECT_EQ(apply.exit_code, 1) << apply.describe();
  EXPECT_NE(apply.plain_output().find("Injected job failure"), std::string::npos) << apply.describe();
}

// A status the instance never leaves by itself fails the plan, in review, naming it;
// "at once" is proved by what was asked: one read, no switch, no wait.
TEST_F(Faults, AFrozenStoppedOrFailedInstanceFailsThePlanNamingItsStatus) {
  start();
  for (const std::string status : {"FROZEN", "STOPPED", "FAILED"}) {
    sim().add_instance("db-" + status, false);
    sim().hold_status("db-" + status, status, 3600);
  }
  for (const std::string status : {"FROZEN", "STOPPED", "FAILED"}) {
    sim().process().admin("DELETE", "/_admin/requests");
    workspace().write_config(ssl_resource("x", "db-" + status, true));

    auto plan = workspace().terraform({"plan", "-input=false", "-no-color"});

    EXPECT_EQ(plan.exit_code, 1) << plan.describe();
    EXPECT_NE(plan.plain_output().find("RDS instance db-" + status + " is " + status), std::string::npos)
        << plan.describe();
    EXPECT_NE(plan.plain_output().find("instance_id"), std::string::npos)
        << "the error points at instance_id\n"
        << plan.describe();
    EXPECT_EQ(sim().count_requests("GET", "/instances"), 1) << sim().requests().dump(1);
    EXPECT_EQ(sim().count_requests("PUT", "/ssl"), 0);
  }
}

TEST_F(Faults, AnAnswerWithoutEnableSslIsAWarningNotASilentSuccess) {
  start();
  sim().add_instance_without_enable_ssl("mysql-old");
  workspace().write_config(ssl_resource("x", "mysql-old", true));

  auto apply = workspace().terraform({"apply", "-auto-approve", "-input=false", "-no-color"});

  ASSERT_TRUE(apply.succeeded()) << apply.describe();
  auto warnings = terraform_warnings(apply);
  bool warned = false;
  for (const auto& warning : warnings)
    warned = warned || warning.find("does not report enable_ssl") != std::string::npos;
  EXPECT_TRUE(warned) << apply.describe();
}

TEST_F(Faults, InsecureIsWarnedOncePerProvider) {
  start();
  std::string config = "provider \"rds\" {\n  insecure = true\n}\n";
  for (int i = 1; i <= 3; ++i) {
    sim().add_instance("mysql-" + std::to_string(i), false);
    config += ssl_resource("r" + std::to_string(i), "mysql-" + std::to_string(i), true);
  }
  workspace().write_config(config);

  auto plan = workspace().terraform({"plan", "-input=false", "-no-color"});

  ASSERT_TRUE(plan.succeeded()) << plan.describe();
  EXPECT_EQ(occurrences(plan.plain_output(), "Warning: TLS verification is off"), 1) << plan.describe();
}

}  // namespace
}  // namespace rds::testing
