// The client against a real rds-sim over HTTP: reads, SSL switches with and without jobs, busy
// retries, engine check, waits with deadline and cancel, and connection reuse.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "sim_client.h"

namespace rds::client {
namespace {

using namespace std::chrono_literals;
using rds::testing::SimProcess;
using testing::request_summary;
using testing::seconds_from_now;
using testing::sim_client;
using testing::sim_config;

TEST(ClientSimOperationsTest, ReadsASeededInstance) {
  SimProcess sim({"--instance", "db1:MySQL:on", "--quiet"});
  auto instance = sim_client(sim_config(sim))->get_instance("db1");
  ASSERT_TRUE(instance);
  EXPECT_EQ(instance->id, "db1");
  EXPECT_EQ(instance->status, "ACTIVE");
  EXPECT_EQ(instance->engine, "MySQL");
  EXPECT_EQ(instance->enable_ssl, true);
}

TEST(ClientSimOperationsTest, UnknownInstanceIsAbsent) {
  SimProcess sim({"--quiet"});
  EXPECT_FALSE(sim_client(sim_config(sim))->get_instance("nope").has_value());
}

TEST(ClientSimOperationsTest, EnablingSslIsSeenOnceTheSwitchCompletes) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--ssl-switch-seconds", "0.5", "--quiet"});
  auto client = sim_client(sim_config(sim));
  auto change = testing::set_ssl(*client, "db1", true, seconds_from_now(30), CancelToken());
  EXPECT_TRUE(change.accepted);
  EXPECT_FALSE(change.job_id.has_value());
  EXPECT_EQ(client->get_instance("db1")->enable_ssl, false);  // the switch takes 0.5 s
  auto instance = client->wait_until_ssl("db1", true, seconds_from_now(30), CancelToken());
  EXPECT_EQ(instance.enable_ssl, true);
}

// Issue 9, point 1: a switch to true already runs (started in the console); asking for true again is
// refused as busy until the running switch is done, and then nothing more is sent.
TEST(ClientSimOperationsTest, NoSecondSwitchIsSentBehindARunningOneToTheSameValue) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--ssl-switch-seconds", "0.6", "--quiet"});
  auto client = sim_client(sim_config(sim));
  ASSERT_TRUE(testing::set_ssl(*client, "db1", true, seconds_from_now(30), CancelToken()).accepted);

  auto second = testing::set_ssl(*client, "db1", true, seconds_from_now(30), CancelToken());

  EXPECT_FALSE(second.accepted) << "SSL was already on by the time the instance accepted changes again";
  EXPECT_EQ(client->get_instance("db1")->enable_ssl, true);
  int accepted = 0, busy = 0;
  for (const auto& request : sim.requests()) {
    if (request.at("method") != "PUT") continue;
    if (request.at("status") == 200) ++accepted;
    if (request.at("status") == 409) ++busy;
  }
  EXPECT_EQ(accepted, 1) << ::testing::PrintToString(request_summary(sim));
  EXPECT_GE(busy, 1) << ::testing::PrintToString(request_summary(sim));
}

TEST(ClientSimOperationsTest, OppositeChangeDuringASwitchIsRetriedAsBusyUntilItSucceeds) {
  SimProcess sim({"--instance", "db1:MySQL:on", "--ssl-switch-seconds", "0.6", "--quiet"});
  auto client = sim_client(sim_config(sim));
  testing::set_ssl(*client, "db1", false, seconds_from_now(30), CancelToken());
  // SSL still reads true while it is switched off, so true is "already there": nothing is sent.
  EXPECT_FALSE(testing::set_ssl(*client, "db1", true, seconds_from_now(30), CancelToken()).accepted);
  client->wait_until_ssl("db1", false, seconds_from_now(30), CancelToken());
  // Now turning it on again must wait out nothing and be accepted.
  EXPECT_TRUE(testing::set_ssl(*client, "db1", true, seconds_from_now(30), CancelToken()).accepted);
  EXPECT_EQ(client->wait_until_ssl("db1", true, seconds_from_now(30), CancelToken()).enable_ssl, true);
}

TEST(ClientSimOperationsTest, BusyInstanceStatusIsWaitedOutBeforeTheChange) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--ssl-switch-seconds", "0.2", "--quiet"});
  sim.admin("PATCH", "/_admin/instances/db1", {{"status", "BACKING UP"}, {"status_seconds", 1}});
  auto client = sim_client(sim_config(sim));
  auto started = std::chrono::steady_clock::now();
  testing::set_ssl(*client, "db1", true, seconds_from_now(30), CancelToken());
  EXPECT_GE(std::chrono::steady_clock::now() - started, 500ms);
  EXPECT_EQ(client->wait_until_ssl("db1", true, seconds_from_now(30), CancelToken()).enable_ssl, true);
}

TEST(ClientSimOperationsTest, BusyPastTheDeadlineIsATimeout) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--quiet"});
  sim.admin("PATCH", "/_admin/instances/db1", {{"status", "REBOOTING"}});
  auto client = sim_client(sim_config(sim));
  auto started = std::chrono::steady_clock::now();
  EXPECT_THROW(testing::set_ssl(*client, "db1", true, std::chrono::steady_clock::now() + 1s, CancelToken()),
               TimeoutError);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
}

TEST(ClientSimOperationsTest, JobModeAnswersAJobThatCompletes) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--job-mode", "--ssl-switch-seconds", "0.3", "--quiet"});
  auto client = sim_client(sim_config(sim));
  auto job_id = testing::set_ssl(*client, "db1", true, seconds_from_now(30), CancelToken()).job_id;
  ASSERT_TRUE(job_id.has_value());
  auto job = client->wait_until_job_done(*job_id, seconds_from_now(30), CancelToken());
  EXPECT_EQ(job.status, "Completed");
  EXPECT_EQ(job.id, *job_id);
  EXPECT_EQ(client->get_instance("db1")->enable_ssl, true);
}

TEST(ClientSimOperationsTest, UnknownJobIsNotFound) {
  SimProcess sim({"--job-mode", "--quiet"});
  EXPECT_THROW(sim_client(sim_config(sim))->get_job("no-such-job"), NotFoundError);
}

TEST(ClientSimOperationsTest, NonMySqlInstanceIsRefusedWithAPlainMessage) {
  SimProcess sim({"--instance", "pg1:PostgreSQL:off", "--quiet"});
  try {
    testing::set_ssl(*sim_client(sim_config(sim)), "pg1", true, seconds_from_now(10), CancelToken());
    FAIL() << "no exception";
  } catch (const UnsupportedEngineError& error) {
    EXPECT_STREQ(error.what(),
                 "SSL can only be configured on MySQL instances; instance pg1 runs PostgreSQL.");
  }
}

TEST(ClientSimOperationsTest, MissingInstanceIsNotFoundOnSetSsl) {
  SimProcess sim({"--quiet"});
  EXPECT_THROW(
      testing::set_ssl(*sim_client(sim_config(sim)), "gone", true, seconds_from_now(10), CancelToken()),
      NotFoundError);
}

// Both cancel tests prove that a cancel ends the work early, not how fast: bench/ prints that figure.
TEST(ClientSimOperationsTest, CancelStopsAWaitBeforeTheInstanceIsReady) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--quiet"});
  sim.admin("PATCH", "/_admin/instances/db1", {{"status", "BUILD"}});
  ClientConfig config = sim_config(sim);
  Dependencies deps;  // default poll policy: the sleeps, not the requests, dominate
  auto client = RdsClient::create(config, deps);
  CancelSource cancel;
  std::chrono::steady_clock::time_point cancelled_at;
  std::thread canceller([&] {
    std::this_thread::sleep_for(700ms);
    cancelled_at = std::chrono::steady_clock::now();
    cancel.cancel();
  });
  EXPECT_THROW(client->wait_until_ready("db1", seconds_from_now(60), cancel.token()), CancelledError);
  auto reaction = std::chrono::steady_clock::now() - cancelled_at;
  canceller.join();
  EXPECT_LT(reaction, 10s);
}

TEST(ClientSimOperationsTest, CancelAbortsARequestInFlight) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--quiet"});
  sim.inject_fault({{"kind", "latency"}, {"latency_ms", 20000}, {"count", 1}});
  auto client = sim_client(sim_config(sim));
  CancelSource cancel;
  std::chrono::steady_clock::time_point cancelled_at;
  std::thread canceller([&] {
    std::this_thread::sleep_for(200ms);
    cancelled_at = std::chrono::steady_clock::now();
    cancel.cancel();
  });
  EXPECT_THROW(client->get_instance("db1", cancel.token()), CancelledError);
  auto reaction = std::chrono::steady_clock::now() - cancelled_at;
  canceller.join();
  EXPECT_LT(reaction, 10s);  // the answer would take 20 s
}

TEST(ClientSimOperationsTest, ConcurrentCallsShareTheClientSafely) {
  SimProcess sim({"--instance", "db1:MySQL:on", "--quiet"});
  auto client = sim_client(sim_config(sim, testing::Auth::password));
  sim.reset();
  std::atomic<int> found{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i)
        if (client->get_instance("db1")) ++found;
    });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(found, 40);
  EXPECT_LE(sim.connections(), 4);  // pooled: at most one connection per concurrent caller
}

TEST(ClientSimOperationsTest, ASequenceOfCallsReusesOneConnection) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--ssl-switch-seconds", "0.2", "--quiet"});
  auto client = sim_client(sim_config(sim, testing::Auth::aksk));
  sim.reset();
  for (int i = 0; i < 5; ++i) client->get_instance("db1");
  testing::set_ssl(*client, "db1", true, seconds_from_now(30), CancelToken());
  client->wait_until_ssl("db1", true, seconds_from_now(30), CancelToken());
  EXPECT_GE(sim.requests().size(), 8u);
  EXPECT_EQ(sim.connections(), 1) << ::testing::PrintToString(request_summary(sim));
}

}  // namespace
}  // namespace rds::client
