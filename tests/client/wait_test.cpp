// Waits poll at once, then at growing intervals up to a cap; they end at the deadline, on cancel, on
// terminal statuses and when the instance disappears. Fake clock: no real sleeping (except the one
// test that proves a real cancel wakes a real sleep within 100 ms).
#include <gtest/gtest.h>

#include <thread>

#include "client_harness.h"

namespace rds::client {
namespace {

using namespace std::chrono_literals;
using testing::ClientHarness;
using testing::instance_json;
using testing::json_response;

HttpResponse instance(const std::string& status, const std::string& ssl = "false") {
  return json_response(200, instance_json("i1", status, "MySQL", ssl));
}
HttpResponse job(const std::string& status) {
  return json_response(200, R"({"job":{"id":"j1","name":"SetSSL","status":")" + status + R"("}})");
}

TEST(ClientPollPolicyTest, StartsShortAndGrowsToACapOfAtMostTenSeconds) {
  PollPolicy policy;
  EXPECT_LE(policy.interval(1), 500ms);
  for (int n = 1; n < 40; ++n) EXPECT_LE(policy.interval(n), policy.interval(n + 1));
  EXPECT_EQ(policy.interval(100), policy.cap);
  EXPECT_LE(policy.cap, 10s);
}

TEST(ClientBackoffPolicyTest, DoublesUpToTheCap) {
  BackoffPolicy policy;
  EXPECT_EQ(policy.delay(0, 0.0), 250ms);
  EXPECT_EQ(policy.delay(1, 0.0), 500ms);
  EXPECT_EQ(policy.delay(2, 0.0), 1000ms);
  EXPECT_EQ(policy.delay(30, 0.0), policy.cap / 2);
  EXPECT_LT(policy.delay(30, 0.99999), policy.cap + 1ms);
}

TEST(ClientWaitTest, ReadyInstanceIsSeenWithoutSleeping) {
  ClientHarness h;
  h.transport->then(instance("ACTIVE"));
  auto result = h.make()->wait_until_ready("i1", h.in(60s), CancelToken());
  EXPECT_EQ(result.status, "ACTIVE");
  EXPECT_TRUE(h.clock->sleeps.empty());
}

TEST(ClientWaitTest, BusyAndUnknownStatusesArePolledWithGrowingIntervals) {
  ClientHarness h;
  h.transport->then(instance("BACKING UP"));
  h.transport->then(instance("REBOOTING"));
  h.transport->then(instance("SOME STATUS FROM THE FUTURE"));
  h.transport->then(instance("ACTIVE"));
  auto result = h.make()->wait_until_ready("i1", h.in(60s), CancelToken());
  EXPECT_EQ(result.status, "ACTIVE");
  EXPECT_EQ(h.clock->sleeps, (std::vector<std::chrono::milliseconds>{250ms, 375ms, 562ms}));
}

TEST(ClientWaitTest, StatusesThatNeverTurnActiveByThemselvesEndTheWaitAtOnce) {
  for (std::string status : {"FAILED", "CREATE FAIL", "FROZEN", "SHUTDOWN"}) {
    ClientHarness h;
    h.transport->then(instance("BUILD"));
    h.transport->then(instance(status));
    try {
      h.make()->wait_until_ready("i1", h.in(60s), CancelToken());
      FAIL() << "no exception for " << status;
    } catch (const InstanceFailedError& error) {
      EXPECT_EQ(error.status(), status);
      EXPECT_NE(std::string(error.what()).find(status), std::string::npos);
    }
  }
}

TEST(ClientWaitTest, DeadlineEndsTheWaitWithoutSleepingPastIt) {
  ClientHarness h;
  h.transport =
      std::make_shared<testing::FakeTransport>([](const HttpRequest&) { return instance("BUILD"); });
  auto client = h.make();
  try {
    client->wait_until_ready("i1", h.in(10s), CancelToken());
    FAIL() << "no exception";
  } catch (const TimeoutError& error) {
    EXPECT_EQ(error.waited(), 10s);
    EXPECT_EQ(error.last_seen(), "status BUILD");
    EXPECT_NE(std::string(error.what()).find("instance i1 to become ACTIVE"), std::string::npos)
        << error.what();
  }
  EXPECT_EQ(h.clock->elapsed(), 10s);
  EXPECT_GT(h.transport->requests.size(), 4u);
}

TEST(ClientWaitTest, DeadlineAlreadyPassedStillChecksOnce) {
  ClientHarness h;
  h.transport->then(instance("ACTIVE"));
  auto client = h.make();
  EXPECT_EQ(client->wait_until_ready("i1", h.clock->now() - 1s, CancelToken()).status, "ACTIVE");
}

TEST(ClientWaitTest, CancelDuringASleepEndsTheWait) {
  ClientHarness h;
  h.transport =
      std::make_shared<testing::FakeTransport>([](const HttpRequest&) { return instance("BUILD"); });
  CancelSource cancel;
  int sleeps = 0;
  h.clock->on_sleep = [&] {
    if (++sleeps == 3) cancel.cancel();
  };
  EXPECT_THROW(h.make()->wait_until_ready("i1", h.in(600s), cancel.token()), CancelledError);
  EXPECT_EQ(h.transport->requests.size(), 3u);
}

TEST(ClientWaitTest, AlreadyCancelledTokenSendsNothing) {
  ClientHarness h;
  CancelSource cancel;
  cancel.cancel();
  EXPECT_THROW(h.make()->wait_until_ready("i1", h.in(60s), cancel.token()), CancelledError);
  EXPECT_TRUE(h.transport->requests.empty());
}

// The 100 ms reaction figure is measured by bench/ (tests assert behaviour, not timings): here the
// cancel must wake the wait long before its 30 s poll interval would have.
TEST(ClientWaitTest, RealCancelWakesARealWaitLongBeforeItsNextPoll) {
  ClientHarness h;
  h.transport =
      std::make_shared<testing::FakeTransport>([](const HttpRequest&) { return instance("BUILD"); });
  ClientConfig config = ClientHarness::token_config();
  Dependencies deps;
  deps.transport = h.transport;
  deps.poll.initial = 30s;  // without the cancel this would sleep for 30 s
  auto client = RdsClient::create(config, deps);
  CancelSource cancel;
  std::chrono::steady_clock::time_point cancelled_at;
  std::thread canceller([&] {
    std::this_thread::sleep_for(50ms);
    cancelled_at = std::chrono::steady_clock::now();
    cancel.cancel();
  });
  EXPECT_THROW(client->wait_until_ready("i1", std::chrono::steady_clock::now() + 60s, cancel.token()),
               CancelledError);
  auto reaction = std::chrono::steady_clock::now() - cancelled_at;
  canceller.join();
  EXPECT_LT(reaction, 10s);
}

// max_retries bounds one request, not a wait. Here every request gives up after two
// attempts, yet the wait rides out an outage of four failed polls and ends when the API answers again.
TEST(ClientWaitTest, PollsThatFailTransientlyAreTriedAgainUntilTheDeadline) {
  ClientHarness h;
  auto config = ClientHarness::token_config();
  config.max_retries = 1;
  for (int i = 0; i < 4; ++i) {
    h.transport->then(json_response(503, ""));
    h.transport->then(json_response(429, ""));
  }
  h.transport->then(instance("ACTIVE", "true"));
  auto result = h.make(config)->wait_until_ssl("i1", true, h.in(30min), CancelToken());
  EXPECT_EQ(result.enable_ssl, true);
  EXPECT_EQ(h.transport->requests.size(), 9u);
}

TEST(ClientWaitTest, AnOutageThatOutlastsTheDeadlineNamesTheLastFailure) {
  ClientHarness h;
  h.transport = std::make_shared<testing::FakeTransport>([&](const HttpRequest&) -> HttpResponse {
    h.clock->advance(1s);
    return json_response(503, R"({"error_code":"APIGW.0301","error_msg":"down"})");
  });
  try {
    h.make()->wait_until_ready("i1", h.in(60s), CancelToken());
    FAIL() << "no exception";
  } catch (const TimeoutError& error) {
    EXPECT_NE(error.last_seen().find("the last poll failed: HTTP 503 APIGW.0301"), std::string::npos)
        << error.what();
  }
  EXPECT_LE(h.clock->elapsed(), 61s);
}

TEST(ClientWaitTest, APollThatFailsForGoodEndsTheWaitAtOnce) {
  ClientHarness h;
  h.transport->then(json_response(403, R"({"error_code":"DBS.280056","error_msg":"invalid token"})"));
  h.transport->then(json_response(403, R"({"error_code":"DBS.280056","error_msg":"invalid token"})"));
  EXPECT_THROW(h.make()->wait_until_ready("i1", h.in(60s), CancelToken()), ApiError);
  EXPECT_TRUE(h.clock->sleeps.empty());
}

TEST(ClientWaitTest, InstanceThatDisappearsIsNotFound) {
  ClientHarness h;
  h.transport->then(instance("BUILD"));
  h.transport->then(json_response(200, R"({"instances":[],"total_count":0})"));
  EXPECT_THROW(h.make()->wait_until_ready("i1", h.in(60s), CancelToken()), NotFoundError);
}

TEST(ClientWaitTest, SslWaitEndsWhenEnableSslReachesTheDesiredValue) {
  ClientHarness h;
  h.transport->then(instance("ACTIVE", "false"));
  h.transport->then(instance("ACTIVE", "false"));
  h.transport->then(instance("ACTIVE", "true"));
  auto result = h.make()->wait_until_ssl("i1", true, h.in(60s), CancelToken());
  EXPECT_EQ(result.enable_ssl, true);
  EXPECT_EQ(h.transport->requests.size(), 3u);
}

TEST(ClientWaitTest, SslWaitTimesOutNamingWhatItSaw) {
  ClientHarness h;
  h.transport = std::make_shared<testing::FakeTransport>(
      [](const HttpRequest&) { return instance("ACTIVE", "false"); });
  try {
    h.make()->wait_until_ssl("i1", true, h.in(5s), CancelToken());
    FAIL() << "no exception";
  } catch (const TimeoutError& error) {
    EXPECT_EQ(error.last_seen(), "status ACTIVE, enable_ssl false");
  }
}

TEST(ClientWaitTest, SslWaitWithoutEnableSslInTheAnswerEndsWhenActive) {
  ClientHarness h;
  h.transport->then(instance("MODIFYING", ""));
  h.transport->then(instance("ACTIVE", ""));
  auto result = h.make()->wait_until_ssl("i1", true, h.in(60s), CancelToken());
  EXPECT_FALSE(result.enable_ssl.has_value());
  EXPECT_EQ(h.transport->requests.size(), 2u);
}

TEST(ClientWaitTest, JobWaitEndsOnCompleted) {
  ClientHarness h;
  h.transport->then(job("Running"));
  h.transport->then(job("Running"));
  h.transport->then(job("Completed"));
  auto result = h.make()->wait_until_job_done("j1", h.in(60s), CancelToken());
  EXPECT_EQ(result.status, "Completed");
  EXPECT_EQ(h.transport->requests[0].path, "/v3/p1/jobs");
  EXPECT_EQ(h.transport->requests[0].query, (QueryParams{{"id", "j1"}}));
}

TEST(ClientWaitTest, FailedJobIsAnErrorWithItsFailReason) {
  ClientHarness h;
  h.transport->then(job("Running"));
  h.transport->then(json_response(
      200, R"({"job":{"id":"j1","name":"SetSSL","status":"Failed","fail_reason":"Disk is full."}})"));
  try {
    h.make()->wait_until_job_done("j1", h.in(60s), CancelToken());
    FAIL() << "no exception";
  } catch (const JobFailedError& error) {
    EXPECT_NE(std::string(error.what()).find("Failed: Disk is full."), std::string::npos) << error.what();
  }
}

TEST(ClientWaitTest, EveryPollLogsWhatItSaw) {
  ClientHarness h;
  h.transport->then(instance("BACKING UP", "false"));
  h.transport->then(instance("ACTIVE", "true"));
  h.make()->wait_until_ssl("i1", true, h.in(60s), CancelToken());
  const std::string text = h.all_logged_text();
  EXPECT_NE(text.find("polled instance\ninstance_id=i1\nstatus=BACKING UP\nenable_ssl=false"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("status=ACTIVE\nenable_ssl=true"), std::string::npos) << text;

  h.transport->then(job("Running"));
  h.transport->then(job("Completed"));
  h.make()->wait_until_job_done("j1", h.in(60s), CancelToken());
  EXPECT_NE(h.all_logged_text().find("polled job\njob_id=j1\njob_status=Running"), std::string::npos)
      << h.all_logged_text();
}

TEST(ClientWaitTest, UnknownJobIsNotFound) {
  ClientHarness h;
  h.transport->then(json_response(404, R"({"error_code":"DBS.200002","error_msg":"job not found"})"));
  EXPECT_THROW(h.make()->wait_until_job_done("j1", h.in(60s), CancelToken()), NotFoundError);
}

}  // namespace
}  // namespace rds::client
