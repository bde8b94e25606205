#pragma once
// Clocks are injected into the sim's state model so that timed behaviour (an SSL switch that takes a
// while, a status that reverts after N seconds, token expiry) is unit-tested without sleeping.
#include <chrono>
#include <functional>

namespace rds::sim {

using MonoClock = std::chrono::steady_clock;
using MonoTime = MonoClock::time_point;
using WallTime = std::chrono::system_clock::time_point;

// Monotonic time drives durations; wall time only feeds timestamps shown to clients and the
// X-Sdk-Date freshness check (which is defined against real UTC time).
struct Clocks {
  std::function<MonoTime()> mono = [] { return MonoClock::now(); };
  std::function<WallTime()> wall = [] { return std::chrono::system_clock::now(); };
};

// Seconds as a double (the CLI and admin API accept fractions) to a monotonic duration.
inline MonoClock::duration seconds_to_duration(double seconds) {
  return std::chrono::duration_cast<MonoClock::duration>(std::chrono::duration<double>(seconds));
}

}  // namespace rds::sim
