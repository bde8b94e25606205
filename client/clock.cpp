#include "client/clock.h"

#include <mutex>
#include <random>

#include "client/policy.h"

namespace rds::client {

std::chrono::steady_clock::time_point SystemClock::now() { return std::chrono::steady_clock::now(); }

std::chrono::system_clock::time_point SystemClock::utc_now() { return std::chrono::system_clock::now(); }

bool SystemClock::sleep_for(std::chrono::nanoseconds duration, const CancelToken& cancel) {
  if (duration <= std::chrono::nanoseconds::zero()) return !cancel.cancelled();
  return !cancel.wait_for(duration);
}

std::shared_ptr<Clock> system_clock() {
  static auto clock = std::make_shared<SystemClock>();
  return clock;
}

RandomFunction default_random() {
  struct Shared {
    std::mutex mutex;
    std::mt19937_64 engine{std::random_device{}()};
  };
  auto shared = std::make_shared<Shared>();
  return [shared] {
    std::lock_guard lock(shared->mutex);
    return std::uniform_real_distribution<double>(0.0, 1.0)(shared->engine);
  };
}

std::chrono::milliseconds PollPolicy::interval(int n) const {
  double ms = static_cast<double>(initial.count());
  for (int i = 1; i < n && ms < static_cast<double>(cap.count()); ++i) ms *= factor;
  auto result = std::chrono::milliseconds(static_cast<long long>(ms));
  return result < cap ? result : cap;
}

std::chrono::milliseconds BackoffPolicy::delay(int attempt, double random01) const {
  double ms = static_cast<double>(base.count());
  for (int i = 0; i < attempt && ms < static_cast<double>(cap.count()); ++i) ms *= 2;
  if (ms > static_cast<double>(cap.count())) ms = static_cast<double>(cap.count());
  if (random01 < 0) random01 = 0;
  if (random01 >= 1) random01 = 0.999999;
  return std::chrono::milliseconds(static_cast<long long>(ms * (0.5 + 0.5 * random01)));
}

}  // namespace rds::client
