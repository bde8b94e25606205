// Sends one logical API call: authenticates each attempt, renews credentials once after a 401, and
// retries transient failures (429 honouring Retry-After, 502/503/504, connection errors) with
// exponential backoff and jitter up to max_retries. Busy answers are not handled here: they need the
// instance's status, which is RdsClient's business.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "client/auth.h"
#include "client/clock.h"
#include "client/config.h"
#include "client/http.h"
#include "client/policy.h"
#include "client/types.h"

namespace rds::client {

struct ExecutorOptions {
  std::shared_ptr<Transport> transport;
  std::shared_ptr<Authenticator> authenticator;
  std::shared_ptr<Clock> clock;
  RandomFunction random;
  BackoffPolicy backoff;
  int max_retries = 5;
  LogFunction log;
};

class Executor {
 public:
  explicit Executor(ExecutorOptions options);

  // `deadline` also bounds each transfer's timeout (never below one second).
  // Returns the final answer, whatever its status (after retries, a 429/5xx may still come back).
  // Throws TransportError after the last failed attempt, CancelledError when `request.cancel` fires.
  // No retry sleep goes past `deadline` when one is given.
  HttpResponse send(HttpRequest request, const std::string& operation,
                    std::optional<Deadline> deadline = std::nullopt);

  Clock& clock() { return *options_.clock; }
  void log(LogLevel level, std::string_view message, const LogFields& fields) const;

 private:
  // How long the server asks us to wait (Retry-After in seconds, on 429 or 503), if it says.
  std::optional<std::chrono::milliseconds> retry_after(const HttpResponse& response) const;
  // Sleeps before retry `attempt`; false when the deadline would pass first.
  bool pause_before_retry(int attempt, std::optional<std::chrono::milliseconds> requested,
                          std::optional<Deadline> deadline, const CancelToken& cancel,
                          const std::string& operation, const std::string& reason);

  ExecutorOptions options_;
};

}  // namespace rds::client
