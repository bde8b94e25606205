// The sim's state model with a stepped clock: SSL switches, busy refusals, timed statuses, jobs.
#include "sim/state.h"

#include <gtest/gtest.h>

namespace rds::sim {
namespace {

class StateTest : public ::testing::Test {
 protected:
  StateTest() : state_(Clocks{[this] { return now_; }, [] { return std::chrono::system_clock::now(); }}) {
    state_.set_settings({/*ssl_switch_seconds=*/2.0, /*job_mode=*/false});
  }
  void advance(double seconds) { now_ += seconds_to_duration(seconds); }
  InstanceSpec mysql(std::string id) {
    InstanceSpec spec;
    spec.id = std::move(id);
    return spec;
  }

  MonoTime now_{};
  SimState state_;
};

TEST_F(StateTest, AddedInstanceGetsEngineDefaults) {
  InstanceSpec spec;
  spec.id = "pg";
  spec.engine = "postgresql";
  auto inst = state_.add_instance(spec);
  EXPECT_EQ(inst.engine, "PostgreSQL");
  EXPECT_EQ(inst.engine_version, "14");
  EXPECT_EQ(inst.port, 5432);
  EXPECT_EQ(inst.name, "rds-pg");
  EXPECT_EQ(inst.region, "eu-de");
  EXPECT_EQ(inst.status, "ACTIVE");
}

TEST_F(StateTest, GeneratedIdsLookLikeRdsIds) {
  auto inst = state_.add_instance(InstanceSpec{});
  EXPECT_EQ(inst.id.size(), 36u);
  EXPECT_EQ(inst.id.substr(32), "in01");
}

TEST_F(StateTest, PrivateIpsStayUniqueAfterDeletions) {
  auto a = state_.add_instance(mysql("a"));
  state_.remove_instance("a");
  auto b = state_.add_instance(mysql("b"));
  auto c = state_.add_instance(mysql("c"));
  EXPECT_NE(a.private_ips, b.private_ips);
  EXPECT_NE(b.private_ips, c.private_ips);
}

TEST_F(StateTest, TypesAreTheApisAndSpelledAsTheApiSpellsThem) {
  InstanceSpec spec = mysql("ha");
  spec.type = "HA";
  EXPECT_EQ(state_.add_instance(spec).type, "Ha");
  spec = mysql("bad");
  spec.type = "Cluster";
  EXPECT_THROW(state_.add_instance(spec), std::invalid_argument);
}

TEST_F(StateTest, SeededAddressesAreKeptAndOnlyMissingOnesGenerated) {
  InstanceSpec spec = mysql("a");
  spec.private_ips = std::vector<std::string>{"10.1.1.1"};
  spec.public_ips = {"80.1.2.3"};
  auto a = state_.add_instance(spec);
  EXPECT_EQ(a.private_ips, std::vector<std::string>{"10.1.1.1"});
  EXPECT_EQ(a.public_ips, std::vector<std::string>{"80.1.2.3"});
  auto b = state_.add_instance(mysql("b"));
  EXPECT_EQ(b.private_ips.size(), 1u);
  EXPECT_TRUE(b.public_ips.empty());
}

TEST_F(StateTest, AddingManyIsAllOrNothing) {
  state_.add_instance(mysql("taken"));
  EXPECT_THROW(state_.add_instances({mysql("x"), mysql("taken")}), std::invalid_argument);
  EXPECT_THROW(state_.add_instances({mysql("y"), mysql("y")}), std::invalid_argument);
  EXPECT_EQ(state_.instances().size(), 1u) << "a refused batch adds nothing";
  EXPECT_EQ(state_.add_instances({mysql("x"), mysql("y")}).size(), 2u);
  EXPECT_EQ(state_.instances().size(), 3u);
}

TEST_F(StateTest, DuplicateIdIsRefused) {
  state_.add_instance(mysql("a"));
  EXPECT_THROW(state_.add_instance(mysql("a")), std::invalid_argument);
}

TEST_F(StateTest, SslSwitchKeepsOldValueUntilItsTimeIsUp) {
  state_.add_instance(mysql("a"));
  ASSERT_EQ(state_.start_ssl_switch("a", true).result, SslSwitchResult::started);
  advance(1.9);
  EXPECT_EQ(state_.instance("a")->enable_ssl, false);
  EXPECT_EQ(state_.instance("a")->status, "ACTIVE");
  advance(0.2);
  EXPECT_EQ(state_.instance("a")->enable_ssl, true);
  EXPECT_FALSE(state_.instance("a")->ssl_switch.has_value());
}

TEST_F(StateTest, SecondSwitchIsRefusedBusyWhileOneIsInProgress) {
  state_.add_instance(mysql("a"));
  state_.start_ssl_switch("a", true);
  EXPECT_EQ(state_.start_ssl_switch("a", false).result, SslSwitchResult::busy);
  advance(2.0);
  EXPECT_EQ(state_.start_ssl_switch("a", false).result, SslSwitchResult::started);
}

TEST_F(StateTest, SwitchOnNonActiveInstanceIsRefusedBusy) {
  auto spec = mysql("a");
  spec.status = "REBOOTING";
  state_.add_instance(spec);
  EXPECT_EQ(state_.start_ssl_switch("a", true).result, SslSwitchResult::busy);
}

TEST_F(StateTest, SwitchOnOtherEnginesIsUnsupported) {
  InstanceSpec spec;
  spec.id = "sql";
  spec.engine = "SQLServer";
  state_.add_instance(spec);
  auto outcome = state_.start_ssl_switch("sql", true);
  EXPECT_EQ(outcome.result, SslSwitchResult::unsupported_engine);
  EXPECT_EQ(outcome.instance.engine, "SQLServer");
}

TEST_F(StateTest, SwitchOnMissingInstanceIsNotFound) {
  EXPECT_EQ(state_.start_ssl_switch("none", true).result, SslSwitchResult::not_found);
}

TEST_F(StateTest, ZeroSecondSwitchIsDoneAtOnce) {
  state_.set_settings({0.0, false});
  state_.add_instance(mysql("a"));
  state_.start_ssl_switch("a", true);
  EXPECT_EQ(state_.instance("a")->enable_ssl, true);
}

TEST_F(StateTest, TemporaryStatusRevertsToActive) {
  state_.add_instance(mysql("a"));
  InstancePatch patch;
  patch.status = "BACKING UP";
  patch.status_seconds = 3;
  state_.patch_instance("a", patch);
  advance(2.5);
  EXPECT_EQ(state_.instance("a")->status, "BACKING UP");
  advance(0.5);
  EXPECT_EQ(state_.instance("a")->status, "ACTIVE");
}

TEST_F(StateTest, StatusWithoutSecondsStays) {
  state_.add_instance(mysql("a"));
  InstancePatch patch;
  patch.status = "FAILED";
  state_.patch_instance("a", patch);
  advance(3600);
  EXPECT_EQ(state_.instance("a")->status, "FAILED");
}

TEST_F(StateTest, JobModeReportsRunningThenCompleted) {
  state_.set_settings({2.0, true});
  state_.add_instance(mysql("a"));
  auto outcome = state_.start_ssl_switch("a", true);
  ASSERT_TRUE(outcome.job_id.has_value());
  EXPECT_EQ(state_.job(*outcome.job_id)->status, "Running");
  EXPECT_EQ(state_.job(*outcome.job_id)->name, "ConfigureSSL");
  advance(2.0);
  EXPECT_EQ(state_.job(*outcome.job_id)->status, "Completed");
  EXPECT_FALSE(state_.job(*outcome.job_id)->ended.empty());
}

TEST_F(StateTest, FailingSwitchLeavesSslUnchangedAndFailsItsJob) {
  state_.set_settings({1.0, true});
  state_.add_instance(mysql("a"));
  auto outcome = state_.start_ssl_switch("a", true, [] { return true; });
  advance(1.0);
  EXPECT_EQ(state_.instance("a")->enable_ssl, false);
  EXPECT_EQ(state_.job(*outcome.job_id)->status, "Failed");
}

TEST_F(StateTest, RefusedSwitchDoesNotAskWhetherToFail) {
  bool asked = false;
  state_.start_ssl_switch("missing", true, [&] { return asked = true; });
  EXPECT_FALSE(asked);
  state_.add_instance(mysql("a"));
  state_.start_ssl_switch("a", true);
  state_.start_ssl_switch("a", true, [&] { return asked = true; });  // busy
  EXPECT_FALSE(asked);
}

TEST_F(StateTest, OutOfBandFlipAndRemovalOfEnableSsl) {
  state_.add_instance(mysql("a"));
  InstancePatch flip;
  flip.enable_ssl = std::optional<bool>(true);
  EXPECT_EQ(state_.patch_instance("a", flip)->enable_ssl, true);
  InstancePatch remove;
  remove.enable_ssl = std::optional<bool>();
  EXPECT_FALSE(state_.patch_instance("a", remove)->enable_ssl.has_value());
}

TEST_F(StateTest, RemovedInstanceIsGone) {
  state_.add_instance(mysql("a"));
  EXPECT_TRUE(state_.remove_instance("a"));
  EXPECT_FALSE(state_.instance("a").has_value());
  EXPECT_FALSE(state_.remove_instance("a"));
}

}  // namespace
}  // namespace rds::sim
