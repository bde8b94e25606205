// The adaptive polling loop shared by every wait: first check at once, then PollPolicy intervals,
// never sleeping past the deadline, and waking within the clock's reaction time on cancel.
#pragma once

#include <optional>
#include <string>

#include "client/clock.h"
#include "client/error_body.h"
#include "client/errors.h"
#include "client/policy.h"
#include "client/types.h"
#include "common/cancel.h"

namespace rds::client {

// `check(last_seen)` returns the result once the condition holds and otherwise describes what it saw
// in `last_seen` (used in the TimeoutError). A poll that fails transiently (a dropped connection, a 5xx
// or a 429 that outlasted the request's own retries) is tried again until the deadline: an outage of the
// API during a long switch must not end a wait that has time left (max_retries bounds one request, not
// the wait). Other errors thrown by `check` end the wait.
template <class Result, class Check>
Result poll_until(Clock& clock, const PollPolicy& policy, const std::string& what, Deadline deadline,
                  const CancelToken& cancel, Check check) {
  const auto start = clock.now();
  for (int n = 1;; ++n) {
    if (cancel.cancelled()) throw CancelledError("waiting for " + what);
    std::string last_seen;
    std::optional<Result> done;
    try {
      done = check(last_seen);
    } catch (const TransportError& error) {
      if (!error.retryable()) throw;
      last_seen = "the last poll failed: " + error.detail();
    } catch (const ApiError& error) {
      if (!is_transient_status(error.http_status())) throw;
      last_seen = "the last poll failed: HTTP " + std::to_string(error.http_status()) +
                  (error.error_code().empty() ? "" : " " + error.error_code());
    }
    if (done) return *done;
    const auto now = clock.now();
    if (now >= deadline)
      throw TimeoutError(what, std::chrono::duration_cast<std::chrono::milliseconds>(now - start), last_seen);
    auto pause = std::chrono::duration_cast<std::chrono::nanoseconds>(policy.interval(n));
    if (deadline - now < pause) pause = deadline - now;
    if (!clock.sleep_for(pause, cancel)) throw CancelledError("waiting for " + what);
  }
}

}  // namespace rds::client
