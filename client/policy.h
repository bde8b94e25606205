// Timing policies for polling and retries. Defaults: the first check happens at once,
// then short intervals that grow to a cap, so fast operations are seen fast and slow ones not hammered.
#pragma once

#include <chrono>

namespace rds::client {

struct PollPolicy {
  std::chrono::milliseconds initial{250};  // after the immediate first check (<= 500 ms)
  double factor = 1.5;                     // growth per poll
  std::chrono::milliseconds cap{5'000};    // never longer between checks (<= 10 s)

  // Interval before check number `n` (n = 1 is the first re-check; the check n = 0 is immediate).
  std::chrono::milliseconds interval(int n) const;
};

struct BackoffPolicy {
  std::chrono::milliseconds base{500};
  std::chrono::milliseconds cap{20'000};
  std::chrono::milliseconds retry_after_cap{60'000};  // a server's Retry-After is honoured up to this

  // Delay before retry number `attempt` (0-based): min(cap, base * 2^attempt), scaled by a jitter
  // factor in [0.5, 1.0) from `random01` in [0, 1) so that many clients do not retry in lock step.
  std::chrono::milliseconds delay(int attempt, double random01) const;
};

}  // namespace rds::client
