// The connection pool is bounded: a burst of concurrent calls leaves at most PoolLimits::max_idle
// connections open behind it, never one per call, and idle ones close after their idle lifetime even when
// no further call comes.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <thread>
#include <vector>

#include "client/curl_pool.h"
#include "client/curl_transport.h"
#include "sim_client.h"
#include "tests/support/eventually.h"

namespace rds::client {
namespace {

using rds::testing::SimProcess;
using testing::sim_client;
using testing::sim_config;

std::size_t open_descriptors() {
  std::size_t count = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) ++count;
  return count;
}

// Each pooled handle holds at most three descriptors: its TCP connection and its multi handle's socketpair.
constexpr std::size_t kDescriptorsPerHandle = 3;

// The burst's callers, each making one call at once; how many found the instance.
int burst(RdsClient& client, int calls) {
  std::atomic<int> found{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> callers;
  for (int i = 0; i < calls; ++i)
    callers.emplace_back([&] {
      while (!go.load()) std::this_thread::yield();
      try {
        if (client.get_instance("db1")) ++found;
      } catch (const Error&) {  // counted as not found
      }
    });
  go = true;
  for (auto& caller : callers) caller.join();
  return found.load();
}

TEST(ClientSimPoolTest, ABurstOf500ConcurrentCallsLeavesAtMostMaxIdleConnectionsOpen) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--quiet"});
  auto client = sim_client(sim_config(sim));
  ASSERT_TRUE(client->get_instance("db1"));  // libcurl loaded, CA certificates looked for: not counted
  const std::size_t before = open_descriptors();

  constexpr int kCalls = 500;
  EXPECT_EQ(burst(*client, kCalls), kCalls);
  EXPECT_EQ(sim.requests().size(), static_cast<std::size_t>(kCalls) + 1);
  const std::size_t after = open_descriptors();
  EXPECT_LE(after, before + PoolLimits{}.max_idle * kDescriptorsPerHandle)
      << before << " descriptors before the burst, " << after << " after";
  // More than max_idle connections were needed at once, so the bound is the pool's doing.
  EXPECT_GT(sim.connections(), static_cast<int>(PoolLimits{}.max_idle));
}

TEST(ClientSimPoolTest, IdleConnectionsCloseAfterTheirIdleLifetimeWithoutAnyFurtherCall) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--quiet"});
  // libcurl is loaded (and whatever it keeps open for the process) before the count.
  ASSERT_TRUE(sim_client(sim_config(sim))->get_instance("db1"));
  const std::size_t before = open_descriptors();

  PoolLimits limits;
  limits.idle_lifetime = std::chrono::milliseconds(200);
  TransportOptions options;
  options.connect_timeout = std::chrono::seconds(5);
  options.request_timeout = std::chrono::seconds(10);
  Dependencies deps;
  deps.transport = std::make_shared<CurlTransport>(options, limits);
  auto client = RdsClient::create(sim_config(sim), deps);
  EXPECT_EQ(burst(*client, 20), 20);

  EXPECT_TRUE(rds::testing::eventually([&] { return open_descriptors() <= before; }))
      << before << " descriptors before the calls, " << open_descriptors() << " now";
  EXPECT_EQ(sim.requests().size(), 21u);
}

// With every connection of the pool busy, a request waits for one only as long as its own time allows.
TEST(ClientSimPoolTest, AWaitForAFreeConnectionEndsWithTheRequestsTime) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--quiet"});
  sim.inject_fault({{"kind", "latency"}, {"latency_ms", 3000}, {"count", 1}});
  PoolLimits limits;
  limits.max_connections = 1;
  TransportOptions options;
  options.connect_timeout = std::chrono::seconds(5);
  options.request_timeout = std::chrono::seconds(10);
  CurlTransport transport(options, limits);
  HttpRequest request;
  request.method = "GET";
  request.base_url = sim.base_url();
  request.path = "/v3/" + sim.project_id() + "/instances";  // unsigned: 401, after the fault's latency
  std::thread slow([&] { transport.send(request); });
  ASSERT_TRUE(rds::testing::eventually([&] { return sim.requests().size() == 0 && sim.connections() == 1; }))
      << "the slow request holds the only connection";
  HttpRequest hurried = request;
  hurried.timeout = std::chrono::milliseconds(300);
  try {
    transport.send(hurried);
    ADD_FAILURE() << "the request got a connection the slow one still holds";
  } catch (const TransportError& error) {
    EXPECT_TRUE(error.retryable());
    EXPECT_NE(std::string(error.what()).find("stayed busy"), std::string::npos) << error.what();
  }
  EXPECT_TRUE(sim.requests().empty()) << "it gave up while the slow request still held the connection";
  slow.join();
}

}  // namespace
}  // namespace rds::client
