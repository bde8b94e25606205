#pragma once
// One budget of API calls for the whole provider process (docs/PERFORMANCE.md, "Rate limit").
//
// Every call (reads, PUTs, polls, IAM) takes a slot first. With max_per_second set, slots are spaced
// 1/max apart. Whatever the setting, a 429 from the API slows every caller, not only the one it hit:
// no call starts before the Retry-After it asked for, and, when at least two calls went out in the
// last second (a lone caller is paced by its retries' backoff already), the rate drops to half of what
// was sent in that second, and the rate then climbs back by a tenth of the reduced rate per second (additive
// increase, multiplicative decrease, like the adaptive mode of the AWS SDKs), until it reaches the
// configured cap, or, with none, the rate that was throttled, where the limit lifts again.

#include <chrono>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>

#include "client/clock.h"
#include "client/http.h"

namespace rds::client {

class RateLimiter {
 public:
  // max_per_second <= 0: no cap of its own (429s still slow the process down).
  RateLimiter(std::shared_ptr<Clock> clock, double max_per_second);

  // Waits for the next slot, at most `limit` (none: unbounded). Returns false, without taking a slot,
  // when the slot is further away than `limit` or `cancel` fired while waiting.
  bool acquire(const CancelToken& cancel, std::optional<std::chrono::nanoseconds> limit);
  // The API answered 429: slow down; `retry_after` when it said how long to wait.
  void throttled(std::optional<std::chrono::milliseconds> retry_after);

  // The rate slots are handed out at now, per second; 0 when there is no limit.
  double current_rate();
  // The wall clock of the limiter's clock, for a Retry-After given as a date.
  std::chrono::system_clock::time_point utc_now() { return clock_->utc_now(); }

 private:
  using TimePoint = std::chrono::steady_clock::time_point;
  void recover(TimePoint now);  // caller holds mutex_

  std::shared_ptr<Clock> clock_;
  const double cap_;
  std::mutex mutex_;
  double rate_ = 0;            // slots per second now; 0 = unlimited
  double throttled_rate_ = 0;  // the rate right after the last 429 (the base of the recovery)
  double lift_at_ = 0;         // without a cap: the rate at which the limit lifts
  TimePoint throttled_at_{};
  TimePoint next_slot_{};
  TimePoint paused_until_{};
  std::deque<TimePoint> recent_;  // slot times of the last second, to measure what was sent
};

// A Transport whose calls take a slot of `limiter` first and report 429s to it.
class RateLimitedTransport : public Transport {
 public:
  RateLimitedTransport(std::shared_ptr<Transport> inner, std::shared_ptr<RateLimiter> limiter);
  HttpResponse send(const HttpRequest& request) override;

 private:
  std::shared_ptr<Transport> inner_;
  std::shared_ptr<RateLimiter> limiter_;
};

}  // namespace rds::client
