// Injected faults on the real sim: each kind, matching, counting.
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <thread>

#include "tests/sim/sim_http.h"
#include "tests/support/child_process.h"

namespace rds::sim::testing {
namespace {

using rds::testing::SimProcess;

const std::string kInstances = "/v3/sim-project/instances";

class Faults : public ::testing::Test {
 protected:
  Faults() : sim_({"--quiet", "--instance", "db1"}), http_(client_for(sim_)) {}
  httplib::Result get() { return http_->Get(kInstances, token_headers()); }
  SimProcess sim_;
  std::unique_ptr<httplib::Client> http_;
};

TEST_F(Faults, StatusFaultAnswersTheGivenStatusAndErrorBodyThenRecovers) {
  sim_.inject_fault({{"kind", "status"}, {"status", 503}, {"error_code", "DBS.280036"}, {"count", 2}});
  for (int i = 0; i < 2; ++i) {
    auto res = get();
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 503);
    EXPECT_EQ(json_of(res)["error_code"], "DBS.280036");
    EXPECT_FALSE(res->get_header_value("X-Request-Id").empty());
  }
  EXPECT_EQ(get()->status, 200);
  EXPECT_EQ(sim_.requests()[0]["fault"], "status");
}

TEST_F(Faults, StatusFaultCanUseTheLegacyErrorBody) {
  sim_.inject_fault({{"kind", "status"},
                     {"status", 400},
                     {"error_code", "DBS.200011"},
                     {"legacy_body", true},
                     {"error_msg", "busy"}});
  auto body = json_of(get());
  EXPECT_EQ(body["errCode"], "DBS.200011");
  EXPECT_EQ(body["externalMessage"], "busy");
}

TEST_F(Faults, StatusFaultDoesNotCarryOutTheRequest) {
  sim_.inject_fault({{"kind", "status"}, {"method", "PUT"}});
  auto res =
      http_->Put(kInstances + "/db1/ssl", token_headers(), R"({"ssl_option": true})", "application/json");
  EXPECT_EQ(res->status, 500);
  EXPECT_FALSE(sim_.instance("db1")["ssl_switch_in_progress"].get<bool>());
}

TEST_F(Faults, RetryAfterFaultAnswers429WithTheHeader) {
  sim_.inject_fault({{"kind", "retry_after"}, {"retry_after", 3}});
  auto res = get();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 429);
  EXPECT_EQ(res->get_header_value("Retry-After"), "3");
}

TEST_F(Faults, MalformedFaultAnswersABodyThatIsNotJson) {
  sim_.inject_fault({{"kind", "malformed"}});
  auto res = get();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_TRUE(nlohmann::json::parse(res->body, nullptr, false).is_discarded()) << res->body;
}

TEST_F(Faults, HugeBodyFaultAnnouncesItsSizeAndIsValidJson) {
  sim_.inject_fault({{"kind", "huge_body"}, {"size_mb", 2}});
  auto res = get();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Length"), std::to_string(2 << 20));
  EXPECT_EQ(res->body.size(), static_cast<std::size_t>(2 << 20));
  EXPECT_EQ(json_of(res)["instances"], nlohmann::json::array());
  EXPECT_EQ(sim_.requests()[0]["fault"], "huge_body");
}

TEST_F(Faults, EndlessBodyFaultGoesOnUntilTheClientHangsUp) {
  sim_.inject_fault({{"kind", "endless_body"}});
  std::size_t received = 0;
  auto res = http_->Get(kInstances, token_headers(), [&](const char*, std::size_t length) {
    received += length;
    return received < (std::size_t{4} << 20);  // hang up after 4 MiB
  });
  EXPECT_FALSE(res);  // cut by the client: no complete answer
  EXPECT_GE(received, std::size_t{4} << 20);
  EXPECT_EQ(get()->status, 200) << "the sim serves on after the client hung up";
}

TEST_F(Faults, DeepJsonFaultNestsTheGivenNumberOfArrays) {
  sim_.inject_fault({{"kind", "deep_json"}, {"depth", 1000}});
  auto res = get();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body, "{\"instances\":" + std::string(1000, '[') + std::string(1000, ']') + "}");
}

TEST_F(Faults, PagingFaultMakesTheListLie) {
  sim_.add_instance({{"id", "db2"}});
  sim_.inject_fault({{"kind", "paging"}, {"paging", "duplicate_id"}});
  auto body = json_of(get());
  ASSERT_EQ(body["instances"].size(), 2u);
  EXPECT_EQ(body["instances"][0]["id"], body["instances"][1]["id"]);
  EXPECT_EQ(sim_.requests()[0]["fault"], "paging");
}

TEST_F(Faults, PagingFaultsNameTheirLie) {
  sim_.inject_fault({{"kind", "paging"}, {"paging", "low_total"}});
  auto res = get();
  EXPECT_EQ(json_of(res)["total_count"], 0) << "one instance, half of it said";
  EXPECT_THROW(sim_.inject_fault({{"kind", "paging"}, {"paging", "sideways"}}), std::runtime_error);
  EXPECT_THROW(sim_.inject_fault({{"kind", "huge_body"}, {"size_mb", 0}}), std::runtime_error);
}

TEST_F(Faults, LatencyFaultDelaysTheAnswer) {
  sim_.inject_fault({{"kind", "latency"}, {"latency_ms", 300}});
  const auto start = std::chrono::steady_clock::now();
  auto res = get();
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_GE(took, std::chrono::milliseconds(300));
}

TEST_F(Faults, DropFaultClosesTheConnectionWithoutAnAnswer) {
  sim_.inject_fault({{"kind", "drop"}});
  auto res = get();
  EXPECT_FALSE(res);  // no HTTP answer at all
  auto log = sim_.requests();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0]["status"], 0);
  EXPECT_EQ(log[0]["fault"], "drop");
  EXPECT_EQ(get()->status, 200);  // the next request (on a new connection) is served
}

TEST_F(Faults, FaultsMatchMethodAndPathOnly) {
  sim_.inject_fault({{"kind", "status"}, {"method", "PUT"}, {"path_contains", "/ssl"}});
  EXPECT_EQ(get()->status, 200);
  auto put =
      http_->Put(kInstances + "/db1/ssl", token_headers(), R"({"ssl_option": true})", "application/json");
  EXPECT_EQ(put->status, 500);
}

TEST_F(Faults, FaultsApplyToIamToo) {
  sim_.inject_fault({{"kind", "status"}, {"status", 502}, {"path_contains", "/auth/tokens"}});
  EXPECT_EQ(http_->Post("/v3/auth/tokens", "{}", "application/json")->status, 502);
}

TEST_F(Faults, BadFaultIsRefusedNamingTheField) {
  try {
    sim_.inject_fault({{"kind", "status"}, {"status", "five hundred"}});
    FAIL() << "expected a 400";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("status must be an integer"), std::string::npos) << e.what();
  }
}

// The `seconds` and `probability` options that the e2e fault tests rely on.
TEST_F(Faults, AnOutageHitsEveryMatchingRequestUntilItsTimeIsUpThenNone) {
  sim_.inject_fault({{"kind", "status"}, {"status", 503}, {"seconds", 0.5}, {"path_contains", "/instances"}});
  for (int i = 0; i < 5; ++i) EXPECT_EQ(get()->status, 503) << "request " << i << " within the outage";
  ASSERT_TRUE(eventually([&] { return get()->status == 200; })) << "the outage must end";
  for (int i = 0; i < 5; ++i) EXPECT_EQ(get()->status, 200) << "request " << i << " after the outage";
  EXPECT_TRUE(sim_.admin("GET", "/_admin/faults")["faults"].empty());
}

// The pattern of hits and misses of a fault with a probability, over 200 requests.
std::string hit_pattern(const std::vector<std::string>& args) {
  SimProcess sim(args);
  auto http = client_for(sim);
  sim.inject_fault({{"kind", "status"}, {"status", 503}, {"probability", 0.3}, {"count", 1000}});
  std::string pattern;
  for (int i = 0; i < 200; ++i) pattern += http->Get(kInstances, token_headers())->status == 503 ? 'x' : '.';
  return pattern;
}

TEST(FaultProbability, HitsAboutThatShareAndTheSameSeedReplaysTheSameHits) {
  const std::string first = hit_pattern({"--quiet", "--fault-seed", "7"});
  const auto hits = std::count(first.begin(), first.end(), 'x');
  // 200 draws at 0.3: the mean is 60 and the standard deviation 6.5; these bounds are 5 of them away.
  EXPECT_GT(hits, 27) << first;
  EXPECT_LT(hits, 93) << first;
  EXPECT_EQ(hit_pattern({"--quiet", "--fault-seed", "7"}), first)
      << "the same seed must replay the same hits";
  EXPECT_NE(hit_pattern({"--quiet", "--fault-seed", "8"}), first) << "another seed, other hits";
}

// The start-up line of an rds-sim started with `args` (stderr read as the sim writes it).
std::string start_up_line(std::vector<std::string> args) {
  args.insert(args.begin(), rds::testing::rds_sim_path());
  rds::testing::ChildProcess sim({.argv = args, .terminate_with_parent = true});
  std::string line;
  eventually([&] { return (line = sim.stderr_so_far()).find('\n') != std::string::npos; });
  sim.send_signal(SIGTERM);
  sim.wait_for_exit(std::chrono::seconds(10));
  return line;
}

TEST(FaultProbability, TheStartUpLineLogsTheSeedInUse) {
  EXPECT_NE(start_up_line({"--fault-seed", "4242"}).find(", fault seed 4242\n"), std::string::npos);
  EXPECT_NE(start_up_line({}).find(", fault seed "), std::string::npos) << "a random seed is logged too";
}

TEST_F(Faults, ResetClearsPendingFaults) {
  sim_.inject_fault({{"kind", "status"}});
  sim_.reset();
  EXPECT_EQ(get()->status, 200);
}

}  // namespace
}  // namespace rds::sim::testing
