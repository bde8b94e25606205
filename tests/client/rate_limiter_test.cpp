// The process's call budget on a virtual clock: slots spaced by the cap, a 429 that slows every caller
// and honours Retry-After, a recovery that climbs back, and a wait that never outlasts its limit.
#include <gtest/gtest.h>

#include "client/rate_limiter.h"
#include "fakes.h"

namespace rds::client::testing {
namespace {

using namespace std::chrono_literals;

TEST(RateLimiter, SlotsAreSpacedByTheCap) {
  auto clock = std::make_shared<FakeClock>();
  RateLimiter limiter(clock, 10);
  for (int i = 0; i < 50; ++i) ASSERT_TRUE(limiter.acquire({}, std::nullopt));
  // 50 calls at 10 per second: the first at once, then one every 100 ms.
  EXPECT_EQ(clock->elapsed(), 4900ms);
}

TEST(RateLimiter, WithoutACapNothingWaitsUntilA429) {
  auto clock = std::make_shared<FakeClock>();
  RateLimiter limiter(clock, 0);
  for (int i = 0; i < 100; ++i) ASSERT_TRUE(limiter.acquire({}, std::nullopt));
  EXPECT_EQ(clock->elapsed(), 0ms);
  EXPECT_EQ(limiter.current_rate(), 0);
}

TEST(RateLimiter, A429HalvesWhatWasSentHonoursRetryAfterAndTheRateClimbsBack) {
  auto clock = std::make_shared<FakeClock>();
  RateLimiter limiter(clock, 0);
  for (int i = 0; i < 40; ++i) ASSERT_TRUE(limiter.acquire({}, std::nullopt));  // 40 in the same instant
  limiter.throttled(2000ms);
  EXPECT_DOUBLE_EQ(limiter.current_rate(), 20);
  ASSERT_TRUE(limiter.acquire({}, std::nullopt));
  EXPECT_EQ(clock->elapsed(), 2000ms) << "no call before the Retry-After";
  // A second 429 from a call that was in flight at the old rate does not halve it again.
  limiter.throttled(std::nullopt);
  EXPECT_GT(limiter.current_rate(), 20);
  // A tenth of the throttled rate per second: back to 40 (where it was throttled) after 10 s, then no limit.
  clock->advance(5000ms);
  EXPECT_NEAR(limiter.current_rate(), 20 * (1 + 0.1 * 7), 0.01);
  clock->advance(5000ms);
  EXPECT_EQ(limiter.current_rate(), 0) << "the limit lifts where it was throttled";
}

TEST(RateLimiter, ACapIsNeverExceededByTheRecovery) {
  auto clock = std::make_shared<FakeClock>();
  RateLimiter limiter(clock, 10);
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(limiter.acquire({}, std::nullopt));
  limiter.throttled(std::nullopt);
  EXPECT_DOUBLE_EQ(limiter.current_rate(), 5);
  clock->advance(60s);
  EXPECT_DOUBLE_EQ(limiter.current_rate(), 10);
}

TEST(RateLimiter, ASlotFurtherAwayThanTheLimitIsNotTakenAndACancelEndsTheWait) {
  auto clock = std::make_shared<FakeClock>();
  RateLimiter limiter(clock, 1);
  ASSERT_TRUE(limiter.acquire({}, std::nullopt));
  EXPECT_FALSE(limiter.acquire({}, 500ms)) << "the next slot is 1 s away";
  EXPECT_EQ(clock->elapsed(), 0ms);
  CancelSource source;
  source.cancel();
  EXPECT_FALSE(limiter.acquire(source.token(), std::nullopt));
}

HttpRequest instances_request() {
  HttpRequest request;
  request.method = "GET";
  request.base_url = "https://rds.example.test";
  request.path = "/v3/p/instances";
  return request;
}

// Every call of a client goes through the limiter: IAM's and RDS's alike.
TEST(RateLimitedTransport, A429FromTheApiSlowsTheProcessAndRetryAfterHoldsEveryCaller) {
  auto clock = std::make_shared<FakeClock>();
  auto limiter = std::make_shared<RateLimiter>(clock, 0);
  auto inner = std::make_shared<FakeTransport>([](const HttpRequest&) { return json_response(200, "{}"); });
  RateLimitedTransport transport(inner, limiter);
  const HttpRequest request = instances_request();
  for (int i = 0; i < 4; ++i) transport.send(request);
  inner->then(json_response(429, "{}", {{"retry-after", "3"}}));
  EXPECT_EQ(transport.send(request).status, 429);
  transport.send(request);
  EXPECT_EQ(clock->elapsed(), 3000ms);
  EXPECT_GT(limiter->current_rate(), 0);
}

// Gateways may send Retry-After as a date: the process waits for it as the call itself would.
TEST(RateLimitedTransport, ARetryAfterGivenAsADateHoldsEveryCallerTooAtMostAMinute) {
  auto clock = std::make_shared<FakeClock>();
  clock->set_utc(std::chrono::sys_days(std::chrono::year(2026) / 12 / 6) + std::chrono::hours(9));
  auto limiter = std::make_shared<RateLimiter>(clock, 0);
  auto inner = std::make_shared<FakeTransport>([](const HttpRequest&) { return json_response(200, "{}"); });
  RateLimitedTransport transport(inner, limiter);
  const HttpRequest request = instances_request();
  inner->then(json_response(429, "{}", {{"retry-after", "Sun, 06 Dec 2026 09:00:20 GMT"}}));
  EXPECT_EQ(transport.send(request).status, 429);
  transport.send(request);
  EXPECT_EQ(clock->elapsed(), 20'000ms);

  inner->then(json_response(429, "{}", {{"retry-after", "Mon, 07 Dec 2026 09:00:00 GMT"}}));
  EXPECT_EQ(transport.send(request).status, 429);
  const auto before = clock->elapsed();
  transport.send(request);
  EXPECT_EQ(clock->elapsed() - before, 60'000ms) << "a day asked, a minute for the whole process";
}

}  // namespace
}  // namespace rds::client::testing
