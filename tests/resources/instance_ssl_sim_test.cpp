// rds_instance_ssl's lifecycle against a real rds-sim, called in-process through the provider.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <thread>

#include "tests/resources/instance_ssl_fixture.h"

namespace rds::resources::testing {
namespace {

using namespace std::chrono_literals;
using rds::core::Value;

class InstanceSslSim : public SimBackedTest {};

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

TEST_F(InstanceSslSim, ApplyWaitsWhileTheInstanceIsBusyAndThenSucceeds) {
  start({"--instance", "db1:MySQL:off"});
  sim_->admin("PATCH", "/_admin/instances/db1", {{"status", "BACKING UP"}, {"status_seconds", 1}});
  const auto started = std::chrono::steady_clock::now();
  auto result = plan_and_apply(Value::null(expected_state("db1", true).type()), ssl_config("db1", true));
  ASSERT_FALSE(result.diagnostics.has_errors()) << describe(result.diagnostics);
  EXPECT_EQ(result.new_state, expected_state("db1", true));
  EXPECT_GE(std::chrono::steady_clock::now() - started, 900ms);
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

TEST_F(InstanceSslSim, NonMySqlInstanceIsAnErrorNamingInstanceAndEngine) {
  start({"--instance", "pg1:PostgreSQL:off"});
  auto result = plan_and_apply(Value::null(expected_state("pg1", true).type()), ssl_config("pg1", true));
  ASSERT_TRUE(result.diagnostics.has_errors());
  EXPECT_TRUE(mentions(result.diagnostics, "pg1")) << describe(result.diagnostics);
  EXPECT_TRUE(mentions(result.diagnostics, "PostgreSQL")) << describe(result.diagnostics);
  EXPECT_TRUE(result.new_state.is_null());
  EXPECT_EQ(count_requests("PUT", "/ssl"), 0);
}

TEST_F(InstanceSslSim, MissingInstanceIsAnErrorNamingIt) {
  start({});
  auto result = plan_and_apply(Value::null(expected_state("ghost", true).type()), ssl_config("ghost", true));
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

// The switch takes 60 s: an apply that returns well before proves the stop ended its wait.
TEST_F(InstanceSslSim, StopCancelsAWaitAndReturnsTheKnownState) {
  start({"--instance", "db1:MySQL:off", "--ssl-switch-seconds", "60"});
  auto apply = std::async(std::launch::async, [&] {
    return plan_and_apply(Value::null(expected_state("db1", true).type()), ssl_config("db1", true));
  });
  // Give the apply time to send its PUT and start waiting.
  for (int i = 0; i < 50 && count_requests("PUT", "/ssl") == 0; ++i) std::this_thread::sleep_for(100ms);
  ASSERT_EQ(count_requests("PUT", "/ssl"), 1);
  provider_->stop();
  ASSERT_EQ(apply.wait_for(20s), std::future_status::ready);
  auto result = apply.get();
  ASSERT_TRUE(result.diagnostics.has_errors());
  ASSERT_FALSE(result.new_state.is_null());
  EXPECT_EQ(result.new_state.attr("id"), Value::string("db1"));

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
