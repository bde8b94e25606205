// Every fault rds-sim can inject, and what the client makes of it: retried (5xx gateway codes, 429,
// dropped connections, timeouts), or reported at once with the API's code and the request id.
#include <gtest/gtest.h>

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

std::size_t api_requests(const SimProcess& sim) { return sim.requests().size(); }

TEST(ClientSimFaultsTest, GatewayErrorsAreRetriedUntilTheyPass) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--quiet"});
  sim.inject_fault({{"kind", "status"}, {"status", 503}, {"count", 2}});
  EXPECT_TRUE(sim_client(sim_config(sim))->get_instance("db1"));
  EXPECT_EQ(api_requests(sim), 3u) << ::testing::PrintToString(request_summary(sim));
}

TEST(ClientSimFaultsTest, GatewayErrorsBeyondMaxRetriesAreReported) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--quiet"});
  sim.inject_fault({{"kind", "status"}, {"status", 502}, {"count", 10}});
  auto config = sim_config(sim);
  config.max_retries = 2;
  try {
    sim_client(config)->get_instance("db1");
    FAIL() << "no exception";
  } catch (const ApiError& error) {
    EXPECT_EQ(error.http_status(), 502);
  }
  EXPECT_EQ(api_requests(sim), 3u);
}

TEST(ClientSimFaultsTest, OneServerErrorIsRiddenOut) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--quiet"});
  sim.inject_fault({{"kind", "status"}, {"status", 500}, {"error_code", "DBS.200000"}, {"count", 1}});
  EXPECT_TRUE(sim_client(sim_config(sim))->get_instance("db1"));
  EXPECT_EQ(api_requests(sim), 2u);
}

TEST(ClientSimFaultsTest, ServerErrorThatCannotPassIsReportedAtOnceWithCodeMessageAndRequestId) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--quiet"});
  sim.inject_fault({{"kind", "status"},
                    {"status", 501},
                    {"error_code", "DBS.200047"},
                    {"error_msg", "Internal"},
                    {"count", 1}});
  try {
    sim_client(sim_config(sim))->get_instance("db1");
    FAIL() << "no exception";
  } catch (const ApiError& error) {
    EXPECT_EQ(error.http_status(), 501);
    EXPECT_EQ(error.error_code(), "DBS.200047");
    EXPECT_EQ(error.error_msg(), "Internal");
    EXPECT_EQ(error.request_id(), sim.requests().at(0).at("request_id").get<std::string>());
  }
  EXPECT_EQ(api_requests(sim), 1u);
}

TEST(ClientSimFaultsTest, LegacyErrorBodyIsReadToo) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--quiet"});
  sim.inject_fault({{"kind", "status"},
                    {"status", 400},
                    {"error_code", "DBS.200001"},
                    {"error_msg", "Bad"},
                    {"legacy_body", true},
                    {"count", 1}});
  try {
    sim_client(sim_config(sim))->get_instance("db1");
    FAIL() << "no exception";
  } catch (const ApiError& error) {
    EXPECT_EQ(error.error_code(), "DBS.200001");
    EXPECT_EQ(error.error_msg(), "Bad");
  }
}

TEST(ClientSimFaultsTest, BusyCodeOnTheSslCallIsRetried) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--ssl-switch-seconds", "0.1", "--quiet"});
  sim.inject_fault({{"kind", "status"},
                    {"status", 409},
                    {"error_code", "DBS.201202"},
                    {"count", 2},
                    {"method", "PUT"},
                    {"path_contains", "/ssl"}});
  auto client = sim_client(sim_config(sim));
  testing::set_ssl(*client, "db1", true, seconds_from_now(30), CancelToken());
  EXPECT_EQ(client->wait_until_ssl("db1", true, seconds_from_now(30), CancelToken()).enable_ssl, true);
}

TEST(ClientSimFaultsTest, TooManyRequestsWaitsForRetryAfter) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--quiet"});
  sim.inject_fault({{"kind", "retry_after"}, {"retry_after", 1}, {"count", 1}});
  auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(sim_client(sim_config(sim))->get_instance("db1"));
  EXPECT_GE(std::chrono::steady_clock::now() - started, 950ms);
  EXPECT_EQ(api_requests(sim), 2u);
}

TEST(ClientSimFaultsTest, MalformedAnswerIsAFormatErrorNotACrash) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--quiet"});
  sim.inject_fault({{"kind", "malformed"}, {"count", 1}});
  try {
    sim_client(sim_config(sim))->get_instance("db1");
    FAIL() << "no exception";
  } catch (const ResponseFormatError& error) {
    EXPECT_NE(std::string(error.what()).find("get instance db1"), std::string::npos) << error.what();
  }
}

TEST(ClientSimFaultsTest, LatencyBelowTheTimeoutIsJustSlow) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--quiet"});
  sim.inject_fault({{"kind", "latency"}, {"latency_ms", 300}, {"count", 1}});
  auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(sim_client(sim_config(sim))->get_instance("db1"));
  EXPECT_GE(std::chrono::steady_clock::now() - started, 290ms);
}

// The first answer comes after 4 s; with request_timeout = 500 ms the client gives up on it and asks
// again. A client that ignored request_timeout would take the slow answer: one request, 4 s or more.
TEST(ClientSimFaultsTest, LatencyAboveTheRequestTimeoutIsRetried) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--quiet"});
  sim.inject_fault({{"kind", "latency"}, {"latency_ms", 4000}, {"count", 1}});
  auto config = sim_config(sim);
  config.request_timeout = 500ms;
  const auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(sim_client(config)->get_instance("db1"));
  const auto took = std::chrono::steady_clock::now() - started;

  EXPECT_LT(took, 3500ms) << "the call waited for the slow answer";
  // The abandoned request is logged once the sim has answered it, 4 s after it arrived.
  EXPECT_TRUE(rds::testing::eventually([&] { return api_requests(sim) >= 2; }))
      << ::testing::PrintToString(request_summary(sim));
  EXPECT_EQ(api_requests(sim), 2u) << ::testing::PrintToString(request_summary(sim));
  // Each on its own connection: the timed-out one was closed, not reused.
  EXPECT_EQ(sim.connections(), 2);
}

// When one request's own limit (not the operation's deadline) cut every attempt, the
// error names request_timeout, the setting to raise.
TEST(ClientSimFaultsTest, AnApiSlowerThanTheRequestTimeoutIsAnErrorNamingRequestTimeout) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--quiet"});
  sim.inject_fault({{"kind", "latency"}, {"latency_ms", 3000}, {"count", 10}});
  auto config = sim_config(sim);
  config.request_timeout = 500ms;
  config.max_retries = 1;
  try {
    sim_client(config)->get_instance("db1");
    FAIL() << "no exception";
  } catch (const TransportError& error) {
    EXPECT_NE(std::string(error.what()).find("one request may take request_timeout = 0.5 s"),
              std::string::npos)
        << error.what();
  }
}

TEST(ClientSimFaultsTest, DroppedConnectionIsRetried) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--quiet"});
  sim.inject_fault({{"kind", "drop"}, {"count", 2}});
  EXPECT_TRUE(sim_client(sim_config(sim))->get_instance("db1"));
}

TEST(ClientSimFaultsTest, ConnectionsDroppedBeyondMaxRetriesAreATransportError) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--quiet"});
  sim.inject_fault({{"kind", "drop"}, {"count", 10}});
  auto config = sim_config(sim);
  config.max_retries = 1;
  try {
    sim_client(config)->get_instance("db1");
    FAIL() << "no exception";
  } catch (const TransportError& error) {
    EXPECT_TRUE(error.retryable());
    EXPECT_NE(std::string(error.what()).find("get instance db1"), std::string::npos) << error.what();
  }
}

TEST(ClientSimFaultsTest, NothingListeningIsATransportError) {
  std::string url;
  {
    SimProcess sim({"--quiet"});
    url = sim.base_url();
  }  // stopped: the port is closed now
  ClientConfig config;
  config.endpoint = url;
  config.project_id = "sim-project";
  config.token = "sim-token";
  config.max_retries = 1;
  EXPECT_THROW(sim_client(config)->get_instance("db1"), TransportError);
}

TEST(ClientSimFaultsTest, FailedJobIsReported) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--job-mode", "--ssl-switch-seconds", "0.2", "--quiet"});
  sim.inject_fault({{"kind", "job_failure"}});
  auto client = sim_client(sim_config(sim));
  auto job_id = testing::set_ssl(*client, "db1", true, seconds_from_now(30), CancelToken()).job_id;
  ASSERT_TRUE(job_id.has_value());
  EXPECT_THROW(client->wait_until_job_done(*job_id, seconds_from_now(30), CancelToken()), JobFailedError);
}

}  // namespace
}  // namespace rds::client
