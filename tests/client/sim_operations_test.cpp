// The client against a real rds-sim over HTTP: reads, SSL switches with and without jobs, busy
// retries, engine check, waits with deadline and cancel, and connection reuse.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

#include "sim_client.h"
#include "tests/support/eventually.h"

namespace rds::client {
namespace {

using namespace std::chrono_literals;
using rds::testing::SimProcess;
using testing::request_summary;
using testing::seconds_from_now;
using testing::sim_client;
using testing::sim_config;

// How many requests the sim logged with `method` and `path_part` in their path.
int count(const SimProcess& sim, const std::string& method, const std::string& path_part) {
  int n = 0;
  for (const auto& request : sim.requests())
    if (request.at("method") == method &&
        request.at("path").get<std::string>().find(path_part) != std::string::npos)
      ++n;
  return n;
}

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

// The switch takes 3 s, so the read right after the PUT falls within it even on a loaded machine; the
// sim's own view, asked after that read, confirms it did.
TEST(ClientSimOperationsTest, EnablingSslIsSeenOnceTheSwitchCompletes) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--ssl-switch-seconds", "3", "--quiet"});
  auto client = sim_client(sim_config(sim));
  auto change = testing::set_ssl(*client, "db1", true, seconds_from_now(30), CancelToken());
  EXPECT_TRUE(change.accepted);
  EXPECT_FALSE(change.job_id.has_value());
  const auto during = client->get_instance("db1");
  ASSERT_TRUE(sim.instance("db1").value("ssl_switch_in_progress", false)) << "the read came after the switch";
  EXPECT_EQ(during->enable_ssl, false);
  auto instance = client->wait_until_ssl("db1", true, seconds_from_now(30), CancelToken());
  EXPECT_EQ(instance.enable_ssl, true);
  EXPECT_FALSE(sim.instance("db1").value("ssl_switch_in_progress", true));
}

// A switch to true already runs (started in the console); asking for true again is
// refused as busy until the running switch is done, and then nothing more is sent.
// The switch takes 3 s, so the second call starts within it even on a loaded machine.
TEST(ClientSimOperationsTest, NoSecondSwitchIsSentBehindARunningOneToTheSameValue) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--ssl-switch-seconds", "3", "--quiet"});
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

// The first switch takes 3 s, so the second call falls within it even on a loaded machine.
TEST(ClientSimOperationsTest, OppositeChangeDuringASwitchIsRetriedAsBusyUntilItSucceeds) {
  SimProcess sim({"--instance", "db1:MySQL:on", "--ssl-switch-seconds", "3", "--quiet"});
  auto client = sim_client(sim_config(sim));
  testing::set_ssl(*client, "db1", false, seconds_from_now(30), CancelToken());
  // SSL still reads true while it is switched off, so true is "already there": nothing is sent.
  EXPECT_FALSE(testing::set_ssl(*client, "db1", true, seconds_from_now(30), CancelToken()).accepted);
  ASSERT_TRUE(sim.instance("db1").value("ssl_switch_in_progress", false)) << "the call came after the switch";
  client->wait_until_ssl("db1", false, seconds_from_now(30), CancelToken());
  sim.admin("POST", "/_admin/config", {{"ssl_switch_seconds", 0.2}});
  // Now turning it on again must wait out nothing and be accepted.
  EXPECT_TRUE(testing::set_ssl(*client, "db1", true, seconds_from_now(30), CancelToken()).accepted);
  EXPECT_EQ(client->wait_until_ssl("db1", true, seconds_from_now(30), CancelToken()).enable_ssl, true);
}

// The instance stays busy until the test has seen the client poll it twice; only then does it become
// ACTIVE. Events, not time, decide the order, so no PUT may precede the status change.
TEST(ClientSimOperationsTest, BusyInstanceStatusIsWaitedOutBeforeTheChange) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--ssl-switch-seconds", "0.2", "--quiet"});
  sim.admin("PATCH", "/_admin/instances/db1", {{"status", "BACKING UP"}});
  auto client = sim_client(sim_config(sim));
  auto change = std::async(std::launch::async, [&] {
    return testing::set_ssl(*client, "db1", true, seconds_from_now(60), CancelToken());
  });
  EXPECT_TRUE(rds::testing::eventually([&] { return count(sim, "GET", "/instances") >= 2; }));
  EXPECT_EQ(count(sim, "PUT", "/ssl"), 0) << ::testing::PrintToString(request_summary(sim));
  sim.admin("PATCH", "/_admin/instances/db1", {{"status", "ACTIVE"}});

  EXPECT_TRUE(change.get().accepted);
  EXPECT_EQ(count(sim, "PUT", "/ssl"), 1) << ::testing::PrintToString(request_summary(sim));
  EXPECT_EQ(client->wait_until_ssl("db1", true, seconds_from_now(30), CancelToken()).enable_ssl, true);
}

// An instance that stays busy: the call ends with a timeout instead of waiting on (the bound is far
// above the 1 s deadline, and far below forever).
TEST(ClientSimOperationsTest, BusyPastTheDeadlineIsATimeout) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--quiet"});
  sim.admin("PATCH", "/_admin/instances/db1", {{"status", "REBOOTING"}});
  auto client = sim_client(sim_config(sim));
  auto started = std::chrono::steady_clock::now();
  EXPECT_THROW(testing::set_ssl(*client, "db1", true, std::chrono::steady_clock::now() + 1s, CancelToken()),
               TimeoutError);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 15s);
  EXPECT_EQ(count(sim, "PUT", "/ssl"), 0);
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
// Each cancels once the sim has seen the work start, so the cancel lands inside it, not before it.
TEST(ClientSimOperationsTest, CancelStopsAWaitBeforeTheInstanceIsReady) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--quiet"});
  sim.admin("PATCH", "/_admin/instances/db1", {{"status", "BUILD"}});
  ClientConfig config = sim_config(sim);
  Dependencies deps;  // default poll policy: the sleeps, not the requests, dominate
  auto client = RdsClient::create(config, deps);
  CancelSource cancel;
  std::chrono::steady_clock::time_point cancelled_at;
  std::thread canceller([&] {
    EXPECT_TRUE(rds::testing::eventually([&] { return count(sim, "GET", "/instances") >= 1; }));
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
    // The sim counts a connection when a request arrives, long before it answers this one.
    EXPECT_TRUE(rds::testing::eventually([&] { return sim.connections() >= 1; }));
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
