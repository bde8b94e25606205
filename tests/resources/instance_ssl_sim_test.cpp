// rds_instance_ssl's lifecycle against a real rds-sim, called in-process through the provider.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <future>
#include <thread>

#include "provider/resources/instance_ssl_private.h"
#include "provider/resources/instance_ssl_state.h"
#include "tests/resources/instance_ssl_fixture.h"
#include "tests/support/eventually.h"

namespace rds::resources::testing {
namespace {

using namespace std::chrono_literals;
using rds::core::Value;

using InstanceSslSim = SimBackedTest;

TEST_F(InstanceSslSim, CreateEnablesSslAndStoresWhatTheApiReports) {
  start({"--instance", "db1:MySQL:off"});
  auto result = plan_and_apply(Value::null(expected_state("db1", true).type()), ssl_config("db1", true));
  ASSERT_FALSE(result.diagnostics.has_errors()) << describe(result.diagnostics);
  EXPECT_EQ(result.new_state, expected_state("db1", true)) << result.new_state.to_string();
  EXPECT_EQ(sim_instance("db1")["enable_ssl"], true);
  EXPECT_EQ(count_requests("PUT", "/instances/db1/ssl"), 1);
}

TEST_F(InstanceSslSim, CreateSendsNoPutWhenSslAlreadyHasTheWantedValue) {
  start({"--instance", "db1:MySQL:on"});
  auto result = plan_and_apply(Value::null(expected_state("db1", true).type()), ssl_config("db1", true));
  ASSERT_FALSE(result.diagnostics.has_errors()) << describe(result.diagnostics);
  EXPECT_EQ(result.new_state, expected_state("db1", true));
  EXPECT_EQ(count_requests("PUT", "/ssl"), 0);
}

TEST_F(InstanceSslSim, CreateWaitsForTheJobWhenTheCloudReturnsOne) {
  start({"--instance", "db1:MySQL:off", "--job-mode"});
  auto result = plan_and_apply(Value::null(expected_state("db1", true).type()), ssl_config("db1", true));
  ASSERT_FALSE(result.diagnostics.has_errors()) << describe(result.diagnostics);
  EXPECT_EQ(result.new_state, expected_state("db1", true));
  EXPECT_GE(count_requests("GET", "/jobs"), 1);
}

TEST_F(InstanceSslSim, UpdateDisablesSslInPlace) {
  start({"--instance", "db1:MySQL:on"});
  auto result = plan_and_apply(expected_state("db1", true), ssl_config("db1", false));
  ASSERT_FALSE(result.diagnostics.has_errors()) << describe(result.diagnostics);
  EXPECT_EQ(result.new_state, expected_state("db1", false));
  EXPECT_EQ(sim_instance("db1")["enable_ssl"], false);
}

TEST_F(InstanceSslSim, ReadShowsAnOutOfBandFlipAsDrift) {
  start({"--instance", "db1:MySQL:on"});
  sim_->admin("PATCH", "/_admin/instances/db1", {{"enable_ssl", false}});
  auto result = read(expected_state("db1", true, true));
  ASSERT_FALSE(result.diagnostics.has_errors()) << describe(result.diagnostics);
  // The API's value replaces the state's; what the API does not know (disable_on_destroy) is kept.
  EXPECT_EQ(result.new_state, expected_state("db1", false, true));
}

TEST_F(InstanceSslSim, ReadOfADeletedInstanceReturnsNullSoTerraformRecreatesIt) {
  start({"--instance", "db1:MySQL:on"});
  sim_->admin("DELETE", "/_admin/instances/db1");
  auto result = read(expected_state("db1", true));
  ASSERT_FALSE(result.diagnostics.has_errors()) << describe(result.diagnostics);
  EXPECT_TRUE(result.new_state.is_null());
}

TEST_F(InstanceSslSim, ReadWithoutInstanceIdNeverListsTheProjectsInstances) {
  start({"--instance", "db1:MySQL:on"});
  auto result = read(expected_state("", true));
  EXPECT_TRUE(result.diagnostics.has_errors());
  EXPECT_EQ(count_requests("GET", "/instances"), 0);
}

TEST_F(InstanceSslSim, ImportFillsEveryAttributeFromTheApi) {
  start({"--instance", "db1:MySQL:on"});
  auto result = resource_->import_state({"db1"});
  ASSERT_FALSE(result.diagnostics.has_errors()) << describe(result.diagnostics);
  ASSERT_EQ(result.imported.size(), 1u);
  EXPECT_EQ(result.imported[0].type_name, "rds_instance_ssl");
  EXPECT_EQ(result.imported[0].state, expected_state("db1", true));
  EXPECT_TRUE(result.imported[0].state.is_wholly_known());
}

TEST_F(InstanceSslSim, ImportTrimsWhitespaceAroundTheId) {
  start({"--instance", "db1:MySQL:on"});
  auto result = resource_->import_state({" \t db1 \r\n"});
  ASSERT_FALSE(result.diagnostics.has_errors()) << describe(result.diagnostics);
  ASSERT_EQ(result.imported.size(), 1u);
  EXPECT_EQ(result.imported[0].state, expected_state("db1", true));
  ASSERT_EQ(sim_->requests().size(), 1u);
  EXPECT_EQ(sim_->requests()[0].value("query", ""), "id=db1");
}

// The error quotes the ID as given, so the user sees the whitespace (a tab or line break as a space: no
// control character reaches the terminal). (An ID of only whitespace is trimmed to nothing first, so its
// error says "it is empty".)
TEST_F(InstanceSslSim, ImportOfAnIdWithInnerWhitespaceOrOnlyWhitespaceIsAnErrorWithoutAnyRequest) {
  start({"--instance", "db1:MySQL:on"});
  const std::vector<std::pair<std::string, std::string>> cases = {{"db 1", "it contains whitespace"},
                                                                  {" db\t1 ", "it contains whitespace"},
                                                                  {"   ", "it is empty"},
                                                                  {"\t\n", "it is empty"}};
  for (const auto& [id, problem] : cases) {
    auto result = resource_->import_state({id});
    EXPECT_TRUE(result.imported.empty()) << id;
    ASSERT_EQ(result.diagnostics.size(), 1u) << describe(result.diagnostics);
    const auto& error = result.diagnostics.items()[0];
    EXPECT_EQ(error.severity, rds::core::Severity::error);
    EXPECT_EQ(error.summary, "Cannot import rds_instance_ssl");
    std::string shown = id;
    std::replace_if(
        shown.begin(), shown.end(), [](char c) { return c == '\t' || c == '\n'; }, ' ');
    EXPECT_NE(error.detail.find("got \"" + shown + "\": " + problem), std::string::npos) << error.detail;
  }
  EXPECT_TRUE(sim_->requests().empty()) << sim_->requests().dump();
}

TEST_F(InstanceSslSim, ImportOfAMissingOrNonMySqlInstanceNamesIt) {
  start({"--instance", "pg1:PostgreSQL:off"});
  auto missing = resource_->import_state({"nope"});
  EXPECT_TRUE(missing.diagnostics.has_errors());
  EXPECT_TRUE(mentions(missing.diagnostics, "nope")) << describe(missing.diagnostics);
  auto postgres = resource_->import_state({"pg1"});
  EXPECT_TRUE(postgres.diagnostics.has_errors());
  EXPECT_TRUE(mentions(postgres.diagnostics, "PostgreSQL")) << describe(postgres.diagnostics);
}

TEST_F(InstanceSslSim, DestroyByDefaultLeavesSslOnAndWarns) {
  start({"--instance", "db1:MySQL:on"});
  auto result = destroy(expected_state("db1", true));
  EXPECT_FALSE(result.diagnostics.has_errors()) << describe(result.diagnostics);
  EXPECT_TRUE(result.new_state.is_null());
  EXPECT_TRUE(mentions(result.diagnostics, "disable_on_destroy"));
  EXPECT_EQ(sim_instance("db1")["enable_ssl"], true);
  EXPECT_EQ(count_requests("PUT", "/ssl"), 0);
}

TEST_F(InstanceSslSim, DestroyWithDisableOnDestroyTurnsSslOffAndWaits) {
  start({"--instance", "db1:MySQL:on"});
  auto result = destroy(expected_state("db1", true, true));
  ASSERT_FALSE(result.diagnostics.has_errors()) << describe(result.diagnostics);
  EXPECT_TRUE(result.new_state.is_null());
  EXPECT_EQ(sim_instance("db1")["enable_ssl"], false);
}

TEST_F(InstanceSslSim, DestroyWithDisableOnDestroyOfAGoneInstanceSucceeds) {
  start({"--instance", "db1:MySQL:on"});
  sim_->admin("DELETE", "/_admin/instances/db1");
  auto result = destroy(expected_state("db1", true, true));
  EXPECT_FALSE(result.diagnostics.has_errors()) << describe(result.diagnostics);
  EXPECT_TRUE(result.new_state.is_null());
}

// The instance stays busy until the test has seen the apply poll it twice, then becomes ACTIVE: events,
// not time, order the steps, and the switch must come only after the status change.
TEST_F(InstanceSslSim, ApplyWaitsWhileTheInstanceIsBusyAndThenSucceeds) {
  start({"--instance", "db1:MySQL:off"});
  sim_->admin("PATCH", "/_admin/instances/db1", {{"status", "BACKING UP"}});
  auto apply = std::async(std::launch::async, [&] {
    return plan_and_apply(Value::null(expected_state("db1", true).type()), ssl_config("db1", true));
  });
  EXPECT_TRUE(rds::testing::eventually([&] { return count_requests("GET", "/instances") >= 2; }));
  EXPECT_EQ(count_requests("PUT", "/ssl"), 0) << "a switch was sent to a busy instance";
  sim_->admin("PATCH", "/_admin/instances/db1", {{"status", "ACTIVE"}});

  auto result = apply.get();
  ASSERT_FALSE(result.diagnostics.has_errors()) << describe(result.diagnostics);
  EXPECT_EQ(result.new_state, expected_state("db1", true));
  EXPECT_EQ(count_requests("PUT", "/ssl"), 1);
}

TEST_F(InstanceSslSim, ApplyRetriesBusyAnswersToThePut) {
  start({"--instance", "db1:MySQL:off"});
  sim_->inject_fault({{"kind", "status"},
                      {"count", 2},
                      {"status", 409},
                      {"error_code", "DBS.201202"},
                      {"method", "PUT"},
                      {"path_contains", "/ssl"}});
  auto result = plan_and_apply(Value::null(expected_state("db1", true).type()), ssl_config("db1", true));
  ASSERT_FALSE(result.diagnostics.has_errors()) << describe(result.diagnostics);
  EXPECT_EQ(result.new_state, expected_state("db1", true));
  EXPECT_EQ(count_requests("PUT", "/ssl"), 3);
}

TEST_F(InstanceSslSim, CreateTimeoutReportsItAndStillRecordsTheResource) {
  start({"--instance", "db1:MySQL:off", "--ssl-switch-seconds", "5"});
  auto result = plan_and_apply(Value::null(expected_state("db1", true).type()),
                               ssl_config("db1", true, false, {{"create", Value::string("1s")}}));
  ASSERT_TRUE(result.diagnostics.has_errors());
  EXPECT_TRUE(mentions(result.diagnostics, "timeouts.create")) << describe(result.diagnostics);
  // The PUT went through: Terraform must record (and taint) the resource, with SSL as last seen.
  ASSERT_FALSE(result.new_state.is_null());
  EXPECT_EQ(result.new_state.attr("id"), Value::string("db1"));
  EXPECT_TRUE(result.new_state.is_wholly_known());
}

TEST_F(InstanceSslSim, FailedUpdateKeepsTheLastStateRead) {
  start({"--instance", "db1:MySQL:on", "--ssl-switch-seconds", "5"});
  auto result = plan_and_apply(expected_state("db1", true),
                               ssl_config("db1", false, false, {{"update", Value::string("500ms")}}));
  ASSERT_TRUE(result.diagnostics.has_errors());
  EXPECT_TRUE(mentions(result.diagnostics, "timeouts.update")) << describe(result.diagnostics);
  EXPECT_EQ(result.new_state, expected_state("db1", true));
}

// A wrong target fails the plan, on instance_id, before anything is applied.
TEST_F(InstanceSslSim, NonMySqlInstanceFailsThePlanOnInstanceIdNamingEngineAndVersion) {
  start({"--instance", "pg1:PostgreSQL:off"});
  const Value null = Value::null(expected_state("pg1", true).type());
  auto plan = resource_->plan({null, ssl_config("pg1", true), ssl_config("pg1", true), ""});
  ASSERT_TRUE(plan.diagnostics.has_errors());
  EXPECT_EQ(plan.diagnostics.begin()->path, rds::core::AttributePath("instance_id"))
      << describe(plan.diagnostics);
  EXPECT_TRUE(mentions(plan.diagnostics, "PostgreSQL 14")) << describe(plan.diagnostics);

  // An apply that gets there anyway (the instance changed after the plan) fails the same way, sending
  // nothing.
  auto result = resource_->apply(
      {null, ssl_config("pg1", true).with_attr("id", Value::string("pg1")), ssl_config("pg1", true), ""});
  ASSERT_TRUE(result.diagnostics.has_errors());
  EXPECT_TRUE(mentions(result.diagnostics, "PostgreSQL")) << describe(result.diagnostics);
  EXPECT_TRUE(result.new_state.is_null());
  EXPECT_EQ(count_requests("PUT", "/ssl"), 0);
}

TEST_F(InstanceSslSim, MissingInstanceFailsThePlanOnInstanceIdNamingIt) {
  start({});
  const Value null = Value::null(expected_state("ghost", true).type());
  auto plan = resource_->plan({null, ssl_config("ghost", true), ssl_config("ghost", true), ""});
  ASSERT_TRUE(plan.diagnostics.has_errors());
  EXPECT_EQ(plan.diagnostics.begin()->path, rds::core::AttributePath("instance_id"))
      << describe(plan.diagnostics);
  EXPECT_TRUE(mentions(plan.diagnostics, "ghost")) << describe(plan.diagnostics);

  auto result = resource_->apply({null, ssl_config("ghost", true).with_attr("id", Value::string("ghost")),
                                  ssl_config("ghost", true), ""});
  ASSERT_TRUE(result.diagnostics.has_errors());
  EXPECT_TRUE(mentions(result.diagnostics, "ghost")) << describe(result.diagnostics);
  EXPECT_TRUE(result.new_state.is_null());
}

TEST_F(InstanceSslSim, ApiErrorsCarryCodeMessageAndRequestId) {
  start({"--instance", "db1:MySQL:off"});
  sim_->inject_fault({{"kind", "status"},
                      {"count", 1},
                      {"status", 400},
                      {"error_code", "DBS.200001"},
                      {"method", "PUT"},
                      {"path_contains", "/ssl"}});
  auto result = plan_and_apply(Value::null(expected_state("db1", true).type()), ssl_config("db1", true));
  ASSERT_TRUE(result.diagnostics.has_errors());
  EXPECT_TRUE(mentions(result.diagnostics, "DBS.200001")) << describe(result.diagnostics);
  EXPECT_TRUE(mentions(result.diagnostics, "Request ID")) << describe(result.diagnostics);
}

// The switch takes 60 s: an apply that returns well before proves the stop ended its wait. The state it
// returns is what is known: the instance, with SSL as last read (still off), marked as an incomplete
// create; the error says that Terraform stopped it and that the switch may still complete.
TEST_F(InstanceSslSim, StopCancelsAWaitAndReturnsTheKnownState) {
  start({"--instance", "db1:MySQL:off", "--ssl-switch-seconds", "60"});
  auto apply = std::async(std::launch::async, [&] {
    return plan_and_apply(Value::null(expected_state("db1", true).type()), ssl_config("db1", true));
  });
  ASSERT_TRUE(rds::testing::eventually([&] { return sim_->polled_after_a_switch(); }));
  ASSERT_EQ(count_requests("PUT", "/ssl"), 1);
  provider_->stop();
  ASSERT_EQ(apply.wait_for(20s), std::future_status::ready);
  auto result = apply.get();
  ASSERT_EQ(result.diagnostics.size(), 1u) << describe(result.diagnostics);
  const auto& error = result.diagnostics.items()[0];
  EXPECT_EQ(error.severity, rds::core::Severity::error);
  EXPECT_EQ(error.summary, "Cannot enable SSL on RDS instance db1");
  EXPECT_NE(error.detail.find("Cancelled while"), std::string::npos) << error.detail;
  EXPECT_NE(
      error.detail.find("Terraform asked the provider to stop (e.g. Ctrl-C); the operation was interrupted."),
      std::string::npos)
      << error.detail;
  EXPECT_NE(error.detail.find("The SSL switch was requested and may still complete on the cloud."),
            std::string::npos)
      << error.detail;
  EXPECT_EQ(result.new_state, expected_state("db1", false)) << result.new_state.to_string();
  EXPECT_TRUE(instance_ssl::decode_private(result.private_state).state.switch_pending)
      << "the switch the incomplete create requested must be remembered: " << result.private_state;

  // The provider keeps working after a stop (Terraform still reads and saves state).
  auto after = read(result.new_state);
  EXPECT_FALSE(after.diagnostics.has_errors()) << describe(after.diagnostics);
}

TEST_F(InstanceSslSim, ConcurrentAppliesShareOneClientSafely) {
  std::vector<std::string> args;
  for (int i = 0; i < 10; ++i)
    args.insert(args.end(), {"--instance", "db" + std::to_string(i) + ":MySQL:off"});
  start(args);
  std::vector<std::future<rds::core::ApplyResult>> applies;
  for (int i = 0; i < 10; ++i) {
    applies.push_back(std::async(std::launch::async, [this, i] {
      const std::string id = "db" + std::to_string(i);
      return plan_and_apply(Value::null(expected_state(id, true).type()), ssl_config(id, true));
    }));
  }
  for (int i = 0; i < 10; ++i) {
    auto result = applies[i].get();
    EXPECT_FALSE(result.diagnostics.has_errors()) << describe(result.diagnostics);
    EXPECT_EQ(result.new_state, expected_state("db" + std::to_string(i), true));
  }
}

}  // namespace
}  // namespace rds::resources::testing
