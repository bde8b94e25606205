// Time as a dependency: waits and retries ask a Clock, so tests run them on a fake clock in
// microseconds of real time.
#pragma once

#include <chrono>
#include <functional>
#include <memory>

#include "common/cancel.h"

namespace rds::client {

class Clock {
 public:
  virtual ~Clock() = default;
  // Monotonic time; deadlines are points on this clock.
  virtual std::chrono::steady_clock::time_point now() = 0;
  // Wall clock (UTC) for X-Sdk-Date and token expiry.
  virtual std::chrono::system_clock::time_point utc_now() = 0;
  // Sleeps `duration`, or less when `cancel` fires. Returns false if cancelled.
  virtual bool sleep_for(std::chrono::nanoseconds duration, const CancelToken& cancel) = 0;
};

class SystemClock : public Clock {
 public:
  std::chrono::steady_clock::time_point now() override;
  std::chrono::system_clock::time_point utc_now() override;
  bool sleep_for(std::chrono::nanoseconds duration, const CancelToken& cancel) override;
};

std::shared_ptr<Clock> system_clock();

// Source of jitter in [0, 1). Injected so backoff sequences are deterministic in tests.
using RandomFunction = std::function<double()>;
RandomFunction default_random();

}  // namespace rds::client
