// Sends one logical API call: authenticates each attempt, renews credentials once after a 401, and
// retries transient failures (500, 502/503/504, 429 honouring Retry-After, refused or reset
// connections, the timeout of one request) with exponential backoff and jitter, within max_retries and
// the call's deadline. Busy answers are not handled here: they need the instance's status, which is
// RdsClient's business.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

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
  // Base URL -> how to name it in an error, e.g. {"http://127.0.0.1:1", "the RDS endpoint
  // http://127.0.0.1:1 (from environment variable RDS_ENDPOINT)"}, so that a connection failure says
  // which setting to check.
  std::vector<std::pair<std::string, std::string>> endpoint_descriptions;
};

// Counts the attempts of one call, so that the error after the last one says how many were made over
// how long, and why no further one was made.
class RetryBudget {
 public:
  RetryBudget(Clock& clock, int max_retries, std::optional<Deadline> deadline);

  int attempts() const { return attempts_; }
  void count_attempt() { ++attempts_; }
  // A repeat that is not a retry of a failure (the one repeat after renewed credentials).
  void forgive_attempt() { --attempts_; }
  // Whether max_retries allows another attempt (the deadline is checked by the pause).
  bool retries_left() const { return attempts_ <= max_retries_; }
  std::optional<Deadline> deadline() const { return deadline_; }
  // The next retry would end past the deadline; `server_asked` is the server's Retry-After, if it sent one.
  void note_deadline_came_first(std::optional<std::chrono::milliseconds> server_asked,
                                std::chrono::milliseconds time_left) {
    deadline_came_first_ = true;
    server_asked_ = server_asked;
    time_left_ = time_left;
  }
  // "Gave up after 6 attempts over 12.3 s (max_retries = 5)." or, when the deadline stopped the
  // retries, "Gave up after 2 attempts over 3.0 s: the operation's deadline came before another retry."
  // or "... over 0.0 s: the API asked to retry after 600.0 s, and 15.0 s of the operation's time were left."
  std::string summary() const;

 private:
  Clock& clock_;
  int max_retries_;
  std::optional<Deadline> deadline_;
  Deadline started_;
  int attempts_ = 0;
  bool deadline_came_first_ = false;
  std::optional<std::chrono::milliseconds> server_asked_;
  std::chrono::milliseconds time_left_{0};
};

class Executor {
 public:
  explicit Executor(ExecutorOptions options);

  // `deadline` bounds the whole call: each transfer's timeout (never below one second) and every retry
  // pause. With `retry_transient` false a transient answer is returned as is, for callers that must
  // look at the instance before they try again (the SSL switch). Returns the final answer otherwise;
  // throws ApiError when transient answers outlast the retries (the message says how many attempts
  // over how long), TransportError after the last failed attempt (naming the endpoint and where it was
  // configured), CancelledError when `request.cancel` fires.
  HttpResponse send(HttpRequest request, const std::string& operation, std::optional<Deadline> deadline,
                    bool retry_transient = true);

  // Like send(), with the same retries and deadline, but without credentials: for a download link the
  // API gave, which may point at another host (object storage) that must never see a token or signature.
  HttpResponse fetch(HttpRequest request, const std::string& operation, std::optional<Deadline> deadline);

  // Obtains credentials now (the password login), with the same retries as a call. A no-op for the
  // methods that need no login.
  void sign_in(std::optional<Deadline> deadline, const CancelToken& cancel);

  // Sleeps before the next attempt of a call whose budget still allows one; false (no sleep) when the
  // retries are used up or the deadline would pass first. Logs the retry and its reason.
  bool pause_before_retry(RetryBudget& budget, std::optional<std::chrono::milliseconds> requested,
                          const CancelToken& cancel, const std::string& operation, const std::string& reason);
  RetryBudget budget(std::optional<Deadline> deadline) {
    return RetryBudget(*options_.clock, options_.max_retries, deadline);
  }

  // How long the server asks us to wait (Retry-After, in seconds or as an HTTP date; at most a day), if it
  // says. Waits are capped at BackoffPolicy::retry_after_cap.
  std::optional<std::chrono::milliseconds> retry_after(const HttpResponse& response) const;
  // "the RDS endpoint URL (from ...)" for a base URL the config named, else the URL itself.
  std::string describe_endpoint(const std::string& base_url) const;

  Clock& clock() { return *options_.clock; }
  void log(LogLevel level, std::string_view message, const LogFields& fields) const;

 private:
  // Runs authenticate(request) with retries of transient IAM failures.
  void authenticate(HttpRequest& request, RetryBudget& budget, const std::string& operation);
  HttpResponse send_with(HttpRequest request, const std::string& operation, std::optional<Deadline> deadline,
                         bool retry_transient, bool sign);
  // The transfer timeout for a request sent now under `deadline`.
  std::optional<std::chrono::milliseconds> transfer_timeout(std::optional<Deadline> deadline) const;

  ExecutorOptions options_;
};

}  // namespace rds::client
