// Injected faults on the real sim: each kind, matching, counting.
#include <gtest/gtest.h>

#include <thread>

#include "tests/sim/sim_http.h"

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

TEST_F(Faults, ResetClearsPendingFaults) {
  sim_.inject_fault({{"kind", "status"}});
  sim_.reset();
  EXPECT_EQ(get()->status, 200);
}

}  // namespace
}  // namespace rds::sim::testing
