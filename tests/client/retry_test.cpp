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
  h.transport->then(json_response(429, ""));
  h.transport->then(json_response(200, instance_json("i1", "ACTIVE", "MySQL", "true")));
  h.make()->get_instance("i1");
  EXPECT_EQ(h.clock->sleeps, (std::vector<std::chrono::milliseconds>{250ms}));
}

TEST(ClientRetryTest, RetryAfterAsAnHttpDateIsHonoured) {
  ClientHarness h;  // the fake clock's UTC time is 2026-11-28 00:00:00
  h.transport->then(json_response(429, "", {{"retry-after", "Sat, 28 Nov 2026 00:00:07 GMT"}}));
  h.transport->then(json_response(503, "", {{"retry-after", "Wed, 21 Oct 2015 07:28:00 GMT"}}));  // past
  h.transport->then(json_response(429, "", {{"retry-after", "soon"}}));  // unreadable: own backoff
  h.transport->then(json_response(200, instance_json("i1", "ACTIVE", "MySQL", "true")));
  h.make()->get_instance("i1");
  EXPECT_EQ(h.clock->sleeps, (std::vector<std::chrono::milliseconds>{7000ms, 0ms, 1000ms}));
}

TEST(ClientRetryTest, RetryAfterADateFarInTheFutureIsALongWaitNotAnImmediateRetry) {
  ClientHarness h;
  h.transport->then(json_response(429, "", {{"retry-after", "Fri, 31 Dec 9999 23:59:59 GMT"}}));
  h.transport->then(json_response(429, "", {{"retry-after", "99999999999999999999"}}));
  h.transport->then(json_response(200, instance_json("i1", "ACTIVE", "MySQL", "true")));
  h.make()->get_instance("i1");
  const auto cap = BackoffPolicy().retry_after_cap;
  EXPECT_EQ(h.clock->sleeps, (std::vector<std::chrono::milliseconds>{cap, cap}));
}

TEST(ClientRetryTest, ARetryAfterBeyondTheDeadlineSaysWhatTheApiAskedAndWhatWasLeft) {
  ClientHarness h;
  h.transport->then(json_response(200, instance_json("i1", "ACTIVE", "MySQL", "false")));
  h.transport->then(
      json_response(429, R"({"error_code":"APIGW.0308","error_msg":"throttled"})", {{"retry-after", "600"}}));
  auto client = h.make();
  SslChange change;
  try {
    client->set_ssl("i1", true, h.in(15s), CancelToken(), change);
    FAIL() << "no exception";
  } catch (const ApiError& error) {
    const std::string what = error.what();
    EXPECT_NE(what.find("the API asked to retry after 600.0 s, and 15.0 s of the operation's time were left"),
              std::string::npos)
        << what;
  }
  EXPECT_TRUE(h.clock->sleeps.empty());
  EXPECT_FALSE(change.put_sent) << "a throttled PUT started nothing";
  EXPECT_FALSE(change.accepted);
}

TEST(ClientRetryTest, ServerErrorsWithAnyCodeAreRetried) {
  ClientHarness h;
  h.transport->then(json_response(500, R"({"error_code":"DBS.200000","error_msg":"Internal error."})"));
  h.transport->then(json_response(502, ""));
  h.transport->then(json_response(504, ""));
  h.transport->then(json_response(200, instance_json("i1", "ACTIVE", "MySQL", "true")));
  EXPECT_TRUE(h.make()->get_instance("i1"));
  EXPECT_EQ(h.transport->requests.size(), 4u);
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
    const std::string what = error.what();
    EXPECT_NE(what.find("get instance i1"), std::string::npos) << what;
    EXPECT_NE(what.find("Gave up after 3 attempts over"), std::string::npos) << what;
    EXPECT_NE(what.find("max_retries = 2"), std::string::npos) << what;
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
  config.endpoint_origin = "environment variable RDS_ENDPOINT";
  try {
    h.make(config)->get_instance("i1");
    FAIL() << "no exception";
  } catch (const TransportError& error) {
    const std::string what = error.what();
    EXPECT_NE(what.find("get instance i1"), std::string::npos) << what;
    EXPECT_NE(what.find("Connection refused"), std::string::npos) << what;
    EXPECT_NE(what.find("Gave up after 4 attempts over"), std::string::npos) << what;
    EXPECT_NE(what.find("max_retries = 3"), std::string::npos) << what;
    EXPECT_NE(what.find("the RDS endpoint https://rds.example.test (from environment variable RDS_ENDPOINT)"),
              std::string::npos)
        << what;
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

TEST(ClientRetryTest, ClientErrorsAndServerErrorsThatCannotPassFailAtOnce) {
  for (int status : {400, 403, 404, 501, 505}) {
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
  try {
    h.make(config)->wait_until_ready("i1", h.in(3s), CancelToken());
    FAIL() << "no exception";
  } catch (const TimeoutError& error) {
    // The wait's own deadline ends it (failed polls are tried again until then).
    EXPECT_EQ(error.last_seen(), "the last poll failed: HTTP 503") << error.what();
  }
  EXPECT_LE(h.clock->elapsed(), 3s);
}

// The first read of an operation runs under its deadline, so an API that accepts
// connections and never answers cannot hold a 3 s operation for six 60 s request timeouts.
TEST(ClientRetryTest, AnUnansweredFirstReadIsBoundedByTheOperationsDeadline) {
  ClientHarness h;
  h.transport = std::make_shared<testing::FakeTransport>([&](const HttpRequest& request) -> HttpResponse {
    // What curl does with the transfer timeout it was given: wait it out, then fail.
    h.clock->advance(std::chrono::duration_cast<std::chrono::milliseconds>(*request.timeout));
    throw TransportError("GET x", "Operation timed out", true);
  });
  auto client = h.make();
  SslChange change;
  EXPECT_THROW(client->set_ssl("i1", true, h.in(3s), CancelToken(), change), TransportError);
  ASSERT_FALSE(h.transport->requests.empty());
  EXPECT_EQ(*h.transport->requests.at(0).timeout, 3s);
  EXPECT_LE(h.clock->elapsed(), 4s);  // the one second a last answer may take past the deadline
  EXPECT_FALSE(change.put_sent);
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
