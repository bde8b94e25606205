#pragma once
// The API gateway's throttling: with a limit of N calls per second, a project's call beyond N within the
// last second is answered 429 with Retry-After (rds-sim --rate-limit N, or POST /_admin/rate-limit).
// Counts every call per route, and how many were throttled, for the benchmarks and tests.

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

namespace rds::sim {

class RateGate {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  void set_limit(double per_second);  // 0: no throttling
  double limit() const;
  // Counts a call; true when the gateway throttles it (the project sent `limit` calls in the last second).
  bool throttle(const std::string& method, const std::string& path, TimePoint now);
  // {"rate_limit": N, "routes": {"GET /v3/{project_id}/instances": {"calls": n, "throttled": m}, ...}}
  nlohmann::json stats() const;

  // "GET /v3/{project_id}/instances/{instance_id}/ssl" for "GET /v3/p1/instances/i1/ssl".
  static std::string route_of(const std::string& method, const std::string& path);

 private:
  struct Counts {
    long calls = 0, throttled = 0;
  };
  mutable std::mutex mutex_;
  double limit_ = 0;
  std::map<std::string, std::deque<TimePoint>> recent_;  // per project (or "iam"): accepted calls
  std::map<std::string, Counts> routes_;
};

}  // namespace rds::sim
