// The sim's gateway throttling: per project, N calls in any second, then 429; every call counted per route.
#include <gtest/gtest.h>

#include "sim/rate_gate.h"

namespace rds::sim {
namespace {

using namespace std::chrono_literals;

TEST(RateGate, AProjectsCallsBeyondTheLimitWithinASecondAreThrottled) {
  RateGate gate;
  gate.set_limit(3);
  const auto t0 = std::chrono::steady_clock::time_point{} + 100s;
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(gate.throttle("GET", "/v3/p1/instances", t0 + i * 100ms));
  EXPECT_TRUE(gate.throttle("GET", "/v3/p1/instances", t0 + 300ms));
  EXPECT_FALSE(gate.throttle("GET", "/v3/p2/instances", t0 + 300ms)) << "another project has its own budget";
  EXPECT_FALSE(gate.throttle("PUT", "/v3/p1/instances/i1/ssl", t0 + 1001ms))
      << "the first call left the window";
  const auto stats = gate.stats();
  EXPECT_EQ(stats["routes"]["GET /v3/{project_id}/instances"]["calls"], 5);
  EXPECT_EQ(stats["routes"]["GET /v3/{project_id}/instances"]["throttled"], 1);
  EXPECT_EQ(stats["routes"]["PUT /v3/{project_id}/instances/{instance_id}/ssl"]["calls"], 1);
}

TEST(RateGate, WithoutALimitNothingIsThrottledButEverythingCounted) {
  RateGate gate;
  const auto t0 = std::chrono::steady_clock::time_point{} + 100s;
  for (int i = 0; i < 100; ++i) EXPECT_FALSE(gate.throttle("POST", "/v3/auth/tokens", t0));
  EXPECT_EQ(gate.stats()["routes"]["POST /v3/auth/tokens"]["calls"], 100);
  EXPECT_EQ(RateGate::route_of("GET", "/v3/projects"), "GET /v3/projects");
}

}  // namespace
}  // namespace rds::sim
