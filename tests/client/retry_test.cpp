// Transient failures (429, 502/503/504, connection errors) are retried with exponential backoff and
// jitter up to max_retries; everything else fails at once. Runs on a fake clock: no real sleeping.
#include <gtest/gtest.h>

#include "client_harness.h"

namespace rds::client {
namespace {

using namespace std::chrono_literals;
using testing::ClientHarness;
using testing::instance_json;
using testing::json_response;

TEST(ClientRetryTest, ServiceUnavailableIsRetriedWithGrowingBackoffThenSucceeds) {
  ClientHarness h;
  h.transport->then(json_response(503, ""));
  h.transport->then(json_response(502, ""));
  h.transport->then(json_response(504, ""));
  h.transport->then(json_response(200, instance_json("i1", "ACTIVE", "MySQL", "false")));
  auto instance = h.make()->get_instance("i1");
  ASSERT_TRUE(instance);
  EXPECT_EQ(h.transport->requests.size(), 4u);
  // base 500 ms doubling, jitter factor 0.5 (random 0)
  EXPECT_EQ(h.clock->sleeps, (std::vector<std::chrono::milliseconds>{250ms, 500ms, 1000ms}));
}

TEST(ClientRetryTest, JitterScalesTheBackoffBetweenHalfAndFull) {
  ClientHarness h;
  h.jitter = 0.999;
  h.transport->then(json_response(503, ""));
  h.transport->then(json_response(200, instance_json("i1", "ACTIVE", "MySQL", "false")));
  h.make()->get_instance("i1");
  ASSERT_EQ(h.clock->sleeps.size(), 1u);
  EXPECT_GE(h.clock->sleeps[0], 499ms);
  EXPECT_LT(h.clock->sleeps[0], 500ms + 1ms);
}

TEST(ClientRetryTest, TooManyRequestsHonoursRetryAfterSeconds) {
  ClientHarness h;
  h.transport->then(json_response(429, "", {{"retry-after", "3"}}));
  h.transport->then(json_response(200, instance_json("i1", "ACTIVE", "MySQL", "true")));
  h.make()->get_instance("i1");
  EXPECT_EQ(h.clock->sleeps, (std::vector<std::chrono::milliseconds>{3000ms}));
}

TEST(ClientRetryTest, ServiceUnavailableHonoursRetryAfterToo) {
  ClientHarness h;
  h.transport->then(json_response(503, "", {{"retry-after", "2"}}));
  h.transport->then(json_response(200, instance_json("i1", "ACTIVE", "MySQL", "true")));
  h.make()->get_instance("i1");
  EXPECT_EQ(h.clock->sleeps, (std::vector<std::chrono::milliseconds>{2000ms}));
}

TEST(ClientRetryTest, RetryAfterIsCappedSoAServerCannotStallUsForHours) {
  ClientHarness h;
  h.transport->then(json_response(429, "", {{"retry-after", "86400"}}));
  h.transport->then(json_response(200, instance_json("i1", "ACTIVE", "MySQL", "true")));
  h.make()->get_instance("i1");
  EXPECT_EQ(h.clock->sleeps, (std::vector<std::chrono::milliseconds>{BackoffPolicy().retry_after_cap}));
}

TEST(ClientRetryTest, TooManyRequestsWithoutRetryAfterUsesBackoff) {
  ClientHarness h;
  h.transport->then(json_response(429, "", {{"retry-after", "Wed, 21 Oct 2015 07:28:00 GMT"}}));
  h.transport->then(json_response(200, instance_json("i1", "ACTIVE", "MySQL", "true")));
  h.make()->get_instance("i1");
  EXPECT_EQ(h.clock->sleeps, (std::vector<std::chrono::milliseconds>{250ms}));
}

TEST(ClientRetryTest, GivesUpAfterMaxRetriesWithTheLastApiError) {
  ClientHarness h;
  auto config = ClientHarness::token_config();
  config.max_retries = 2;
  auto client = h.make(config);
  h.transport->then(json_response(503, ""));
  h.transport->then(json_response(503, ""));
  h.transport->then(json_response(503, R"({"error_code":"APIGW.0301","error_msg":"overloaded"})",
                                  {{"x-request-id", "r-3"}}));
  try {
    client->get_instance("i1");
    FAIL() << "no exception";
  } catch (const ApiError& error) {
    EXPECT_EQ(error.http_status(), 503);
    EXPECT_EQ(error.request_id(), "r-3");
    EXPECT_NE(std::string(error.what()).find("get instance i1"), std::string::npos) << error.what();
  }
  EXPECT_EQ(h.transport->requests.size(), 3u);
}

TEST(ClientRetryTest, ConnectionErrorsAreRetriedThenReportedAsTransportError) {
  ClientHarness h;
  int calls = 0;
  h.transport = std::make_shared<testing::FakeTransport>([&](const HttpRequest&) -> HttpResponse {
    ++calls;
    throw TransportError("GET x", "Connection refused", true);
  });
  auto config = ClientHarness::token_config();
  config.max_retries = 3;
  try {
    h.make(config)->get_instance("i1");
    FAIL() << "no exception";
  } catch (const TransportError& error) {
    EXPECT_NE(std::string(error.what()).find("get instance i1"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("Connection refused"), std::string::npos) << error.what();
  }
  EXPECT_EQ(calls, 4);
  EXPECT_EQ(h.clock->sleeps.size(), 3u);
}

TEST(ClientRetryTest, ConnectionErrorRecoversOnRetry) {
  ClientHarness h;
  h.transport->then([](const HttpRequest&) -> HttpResponse { throw TransportError("GET x", "reset", true); });
  h.transport->then(json_response(200, instance_json("i1", "ACTIVE", "MySQL", "true")));
  EXPECT_TRUE(h.make()->get_instance("i1"));
  EXPECT_EQ(h.transport->requests.size(), 2u);
}

TEST(ClientRetryTest, TlsVerificationFailureIsNotRetried) {
  ClientHarness h;
  h.transport->then([](const HttpRequest&) -> HttpResponse {
    throw TransportError("GET x", "TLS certificate verification failed", false);
  });
  EXPECT_THROW(h.make()->get_instance("i1"), TransportError);
  EXPECT_EQ(h.transport->requests.size(), 1u);
  EXPECT_TRUE(h.clock->sleeps.empty());
}

TEST(ClientRetryTest, ClientErrorsAndOtherServerErrorsFailAtOnce) {
  for (int status : {400, 403, 500}) {
    ClientHarness h;
    h.transport->then(json_response(status, R"({"error_code":"DBS.999","error_msg":"nope"})"));
    EXPECT_THROW(h.make()->get_instance("i1"), ApiError) << status;
    EXPECT_EQ(h.transport->requests.size(), 1u) << status;
    EXPECT_TRUE(h.clock->sleeps.empty()) << status;
  }
}

TEST(ClientRetryTest, ZeroMaxRetriesMeansOneAttempt) {
  ClientHarness h;
  auto config = ClientHarness::token_config();
  config.max_retries = 0;
  h.transport->then(json_response(503, ""));
  EXPECT_THROW(h.make(config)->get_instance("i1"), ApiError);
  EXPECT_EQ(h.transport->requests.size(), 1u);
}

TEST(ClientRetryTest, CancelDuringBackoffStopsRetrying) {
  ClientHarness h;
  CancelSource cancel;
  h.clock->on_sleep = [&] { cancel.cancel(); };
  h.transport->then(json_response(503, ""));
  EXPECT_THROW(h.make()->get_instance("i1", cancel.token()), CancelledError);
  EXPECT_EQ(h.transport->requests.size(), 1u);
}

TEST(ClientRetryTest, RetriesInsideAWaitStopAtItsDeadline) {
  ClientHarness h;
  h.transport =
      std::make_shared<testing::FakeTransport>([](const HttpRequest&) { return json_response(503, ""); });
  auto config = ClientHarness::token_config();
  config.max_retries = 100;
  EXPECT_THROW(h.make(config)->wait_until_ready("i1", h.in(3s), CancelToken()), Error);
  EXPECT_LE(h.clock->elapsed(), 3s);
}

TEST(ClientRetryTest, TransfersInsideAWaitAreBoundedByItsDeadline) {
  ClientHarness h;
  h.transport->then(json_response(200, instance_json("i1", "ACTIVE", "MySQL", "true")));
  auto client = h.make();
  client->wait_until_ready("i1", h.in(5s), CancelToken());
  ASSERT_TRUE(h.transport->requests.at(0).timeout.has_value());
  EXPECT_EQ(*h.transport->requests.at(0).timeout, 5s);
  h.transport->then(json_response(200, instance_json("i1", "ACTIVE", "MySQL", "true")));
  client->wait_until_ready("i1", h.in(10ms), CancelToken());
  EXPECT_EQ(*h.transport->requests.at(1).timeout, 1s);  // never below one second
}

TEST(ClientRetryTest, RetryLogsNameTheReasonButNoSecrets) {
  ClientHarness h;
  h.transport->then(json_response(503, ""));
  h.transport->then(json_response(200, instance_json("i1", "ACTIVE", "MySQL", "true")));
  h.make()->get_instance("i1");
  auto text = h.all_logged_text();
  EXPECT_NE(text.find("HTTP 503"), std::string::npos) << text;
  EXPECT_EQ(text.find("static-token-secret"), std::string::npos) << text;
}

}  // namespace
}  // namespace rds::client
