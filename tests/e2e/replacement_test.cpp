// No replacement ever flaps SSL, whatever
// the timing. Each rerun comes either while the first switch still runs or after it has ended; the sim
// ends a switch only when the test says so (finish_ssl_switch), and each "while" case proves that the
// rerun met the running switch (the API refused a PUT as busy) before the switch is ended.
//
// What Terraform sends (hashicorp/terraform v1.11.4): a tainted object is planned as a create with no
// prior state and no prior private; -replace and taint likewise end in a create plan; the destroy half of
// a replacement is applied with the planned_private of that create plan. See instance_ssl_private.h.
#include <gtest/gtest.h>
#include <signal.h>

#include "tests/e2e/support/protocol_version_test.h"
#include "tests/support/eventually.h"

namespace rds::testing {
namespace {

using namespace std::chrono_literals;

enum class Rerun { whileTheSwitchRuns, afterTheSwitchEnded };

const std::string kAddress = "rds_instance_ssl.x";
const std::string kDisableOnDestroy = "  disable_on_destroy = true\n";

class Replacement : public ProtocolVersionTest {
 protected:
  // A sim whose switches run until the test ends them, and the provider attached over the protocol under
  // test. `mysql-1` starts with SSL off.
  void start_with_endless_switches() {
    SimOptions options;
    options.ssl_switch_seconds = 3600;
    start(options);
    sim().add_instance("mysql-1", false);
    sim().add_instance("mysql-2", false);
    attach_provider(GetParam());
  }

  // The first apply requests the switch on mysql-1 and gives up while it runs: timeouts.create runs out.
  void create_that_times_out() {
    workspace().write_config(ssl_resource("x", "mysql-1", true, kDisableOnDestroy + R"(  timeouts {
    create = "1s"
  }
)"));
    auto timed_out = workspace().terraform({"apply", "-auto-approve", "-input=false", "-no-color"});
    ASSERT_EQ(timed_out.exit_code, 1) << timed_out.describe();
    ASSERT_NE(timed_out.plain_output().find("timeouts.create ran out"), std::string::npos)
        << timed_out.describe();
    ASSERT_NE(timed_out.plain_output().find("may still complete"), std::string::npos)
        << "the error must say the switch may still complete\n"
        << timed_out.describe();
    expect_tainted_with_the_switch_running();
    workspace().write_config(ssl_resource("x", "mysql-1", true, kDisableOnDestroy));
  }

  // The first apply requests the switch on mysql-1 and is interrupted (Ctrl-C) while it runs.
  void create_that_is_interrupted() {
    workspace().write_config(ssl_resource("x", "mysql-1", true, kDisableOnDestroy));
    auto apply = workspace().start_terraform({"apply", "-auto-approve", "-input=false", "-no-color"});
    ASSERT_TRUE(eventually([&] { return sim().accepted_switches() == 1; }, 60s))
        << apply->stdout_so_far() << apply->stderr_so_far();
    apply->signal_group(SIGINT);
    auto interrupted = apply->wait(60s);
    ASSERT_FALSE(interrupted.timed_out) << interrupted.describe();
    ASSERT_NE(interrupted.exit_code, 0) << interrupted.describe();
    expect_tainted_with_the_switch_running();
  }

  // A completed create of mysql-1 (its switch ended).
  void create_that_completes() {
    workspace().write_config(ssl_resource("x", "mysql-1", true, kDisableOnDestroy));
    auto apply = workspace().start_terraform({"apply", "-auto-approve", "-input=false", "-no-color"});
    ASSERT_TRUE(eventually([&] { return sim().accepted_switches() == 1; }, 60s))
        << apply->stdout_so_far() << apply->stderr_so_far();
    sim().finish_ssl_switch("mysql-1");
    auto done = apply->wait(60s);
    ASSERT_TRUE(done.succeeded()) << done.describe();
    ASSERT_FALSE(workspace().state_resource(kAddress).value("tainted", false));
    sim().set_ssl_switch_seconds(0.3);  // a wrong switch later fails the test at once rather than hang
  }

  void expect_tainted_with_the_switch_running() {
    const auto resource = workspace().state_resource(kAddress);
    ASSERT_FALSE(resource.is_null()) << "the create that requested a switch must be recorded";
    ASSERT_TRUE(resource.value("tainted", false)) << resource.dump(1);
    ASSERT_TRUE(sim().ssl_switch_in_progress("mysql-1"));
    ASSERT_FALSE(sim().ssl_enabled("mysql-1"));
  }

  // Runs `terraform <args>` at `timing` relative to the switch running on `instance`: after it has ended,
  // or while it runs: then the switch ends only once the rerun has met it (a PUT refused as busy). Later
  // switches take 0.3 s.
  CommandResult rerun(const std::vector<std::string>& args, Rerun timing, const std::string& instance) {
    sim().set_ssl_switch_seconds(0.3);
    if (timing == Rerun::afterTheSwitchEnded) {
      sim().finish_ssl_switch(instance);
      EXPECT_TRUE(sim().ssl_enabled(instance));
      return workspace().terraform(args);
    }
    const int refused_before = sim().refused_switches();
    auto command = workspace().start_terraform(args);
    const bool met =
        eventually([&] { return sim().refused_switches() > refused_before || !command->running(); }, 120s);
    EXPECT_TRUE(met && sim().refused_switches() > refused_before)
        << "the rerun never met the running switch\n"
        << command->stdout_so_far() << command->stderr_so_far() << sim().requests().dump(1);
    EXPECT_TRUE(sim().ssl_switch_in_progress(instance)) << "the first switch ended before the rerun met it";
    if (sim().ssl_switch_in_progress(instance)) sim().finish_ssl_switch(instance);
    return command->wait(120s);
  }

  // The state holds mysql-1, untainted, with SSL as the sim has it; a plan right after is empty.
  void expect_state_matches_the_sim(bool ssl_on) {
    EXPECT_EQ(sim().ssl_enabled("mysql-1"), ssl_on);
    const auto resource = workspace().state_resource(kAddress);
    ASSERT_FALSE(resource.is_null());
    EXPECT_FALSE(resource.value("tainted", false)) << resource.dump(1);
    EXPECT_EQ(resource["values"]["instance_id"], "mysql-1");
    EXPECT_EQ(resource["values"]["ssl_enable"], ssl_on) << resource.dump(1);
    expect_empty_plan("after the replacement");
  }

  // A replacement of a tainted mysql-1 object by one for the same instance, with the same ssl_enable.
  void expect_no_flap(const CommandResult& replaced) {
    ASSERT_TRUE(replaced.succeeded()) << replaced.describe();
    EXPECT_EQ(sim().accepted_switches(), 1) << "the replacement switched SSL off and on again\n"
                                            << sim().requests().dump(1);
    expect_state_matches_the_sim(true);
  }

  const std::vector<std::string> apply_args_{"apply", "-auto-approve", "-input=false", "-no-color"};
};

TEST_P(Replacement, OfATimedOutCreateRerunWhileTheSwitchRunsNeverSwitchesSslOff) {
  start_with_endless_switches();
  create_that_times_out();
  if (HasFatalFailure()) return;
  expect_no_flap(rerun(apply_args_, Rerun::whileTheSwitchRuns, "mysql-1"));
}

TEST_P(Replacement, OfATimedOutCreateRerunAfterTheSwitchEndedNeverSwitchesSslOff) {
  start_with_endless_switches();
  create_that_times_out();
  if (HasFatalFailure()) return;
  expect_no_flap(rerun(apply_args_, Rerun::afterTheSwitchEnded, "mysql-1"));
}

TEST_P(Replacement, OfAnInterruptedCreateRerunWhileTheSwitchRunsNeverSwitchesSslOff) {
  start_with_endless_switches();
  create_that_is_interrupted();
  if (HasFatalFailure()) return;
  expect_no_flap(rerun(apply_args_, Rerun::whileTheSwitchRuns, "mysql-1"));
}

TEST_P(Replacement, OfAnInterruptedCreateRerunAfterTheSwitchEndedNeverSwitchesSslOff) {
  start_with_endless_switches();
  create_that_is_interrupted();
  if (HasFatalFailure()) return;
  expect_no_flap(rerun(apply_args_, Rerun::afterTheSwitchEnded, "mysql-1"));
}

TEST_P(Replacement, ForcedWithReplaceWhileTheSwitchRunsNeverSwitchesSslOff) {
  start_with_endless_switches();
  create_that_times_out();
  if (HasFatalFailure()) return;
  expect_no_flap(rerun({"apply", "-auto-approve", "-input=false", "-no-color", "-replace=" + kAddress},
                       Rerun::whileTheSwitchRuns, "mysql-1"));
}

TEST_P(Replacement, ForcedWithReplaceAfterACompletedCreateNeverSwitchesSslOff) {
  start_with_endless_switches();
  create_that_completes();
  if (HasFatalFailure()) return;
  auto replaced = workspace().terraform({"apply", "-auto-approve", "-input=false", "-replace=" + kAddress});
  ASSERT_TRUE(replaced.succeeded()) << replaced.describe();
  EXPECT_EQ(sim().accepted_switches(), 1) << sim().requests().dump(1);
  expect_state_matches_the_sim(true);
}

TEST_P(Replacement, ForcedWithTaintAfterACompletedCreateNeverSwitchesSslOff) {
  start_with_endless_switches();
  create_that_completes();
  if (HasFatalFailure()) return;
  auto taint = workspace().terraform({"taint", kAddress});
  ASSERT_TRUE(taint.succeeded()) << taint.describe();
  auto replaced = workspace().terraform(apply_args_);
  ASSERT_TRUE(replaced.succeeded()) << replaced.describe();
  EXPECT_EQ(sim().accepted_switches(), 1) << sim().requests().dump(1);
  expect_state_matches_the_sim(true);
}

// A real destroy of a tainted object with disable_on_destroy = true turns SSL off, also while the
// switch its create requested still runs (the destroy waits for it, then switches SSL off). The plan
// says so once, and the apply does not say it again.
class TaintedDestroy : public Replacement {
 protected:
  void destroy_turns_ssl_off(Rerun timing) {
    start_with_endless_switches();
    create_that_times_out();
    if (HasFatalFailure()) return;
    auto destroyed = rerun({"destroy", "-auto-approve", "-input=false", "-no-color"}, timing, "mysql-1");
    ASSERT_TRUE(destroyed.succeeded()) << destroyed.describe();
    EXPECT_FALSE(sim().ssl_enabled("mysql-1")) << sim().requests().dump(1);
    EXPECT_FALSE(sim().ssl_switch_in_progress("mysql-1"));
    EXPECT_EQ(sim().accepted_switches(), 2) << "one switch on (the create), one off (the destroy)\n"
                                            << sim().requests().dump(1);
    EXPECT_TRUE(workspace().state_resource(kAddress).is_null());
    EXPECT_EQ(occurrences(destroyed.plain_output(),
                          "Warning: Destroying rds_instance_ssl turns SSL off on RDS instance mysql-1"),
              1)
        << destroyed.describe();
    EXPECT_EQ(terraform_warnings(destroyed).size(), 1u) << destroyed.describe();
  }
};

TEST_P(TaintedDestroy, WhileTheSwitchRunsTurnsSslOff) { destroy_turns_ssl_off(Rerun::whileTheSwitchRuns); }

TEST_P(TaintedDestroy, AfterTheSwitchEndedTurnsSslOff) { destroy_turns_ssl_off(Rerun::afterTheSwitchEnded); }

TEST_P(Replacement, ThatMovesToAnotherInstanceTurnsSslOffOnTheOldOneAndSaysSoOnce) {
  start_with_endless_switches();
  create_that_completes();
  if (HasFatalFailure()) return;
  workspace().write_config(ssl_resource("x", "mysql-2", true, kDisableOnDestroy));

  auto moved = workspace().terraform(apply_args_);

  ASSERT_TRUE(moved.succeeded()) << moved.describe();
  EXPECT_FALSE(sim().ssl_enabled("mysql-1"));
  EXPECT_TRUE(sim().ssl_enabled("mysql-2"));
  EXPECT_EQ(sim().accepted_switches(), 3) << "mysql-1 on, mysql-1 off, mysql-2 on\n"
                                          << sim().requests().dump(1);
  EXPECT_EQ(occurrences(moved.plain_output(),
                        "Warning: Replacing rds_instance_ssl turns SSL off on RDS instance mysql-1"),
            1)
      << moved.describe();
  EXPECT_EQ(terraform_warnings(moved).size(), 1u) << moved.describe();
  EXPECT_EQ(workspace().state_resource(kAddress)["values"]["instance_id"], "mysql-2");
  expect_empty_plan("after the move");
}

INSTANTIATE_TEST_SUITE_P(RealTerraform, Replacement, ::testing::Values(5, 6), protocol_name);
INSTANTIATE_TEST_SUITE_P(RealTerraform, TaintedDestroy, ::testing::Values(5, 6), protocol_name);

}  // namespace
}  // namespace rds::testing
