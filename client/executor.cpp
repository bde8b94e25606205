#include "client/executor.h"

#include <algorithm>

#include "client/error_body.h"
#include "client/errors.h"
#include "client/retry_after.h"

namespace rds::client {

namespace {
std::string target_of(const HttpRequest& request) {
  std::string target = request.full_path();
  for (std::size_t i = 0; i < request.query.size(); ++i)
    target += (i == 0 ? "?" : "&") + request.query[i].first + "=" + request.query[i].second;
  return target;
}

std::string describe_status(const HttpResponse& response) {
  auto body = parse_error_body(response.body);
  return "HTTP " + std::to_string(response.status) + (body.code.empty() ? "" : " " + body.code);
}

std::string seconds_text(std::chrono::milliseconds duration) {
  return std::to_string(duration.count() / 1000) + "." + std::to_string(duration.count() % 1000 / 100) + " s";
}

// 401, or RDS's "invalid token" (403 DBS.280056, docs/API-NOTES.md): fresh credentials may help once.
bool is_rejected_credentials(const HttpResponse& response) {
  if (response.status == 401) return true;
  return response.status == 403 && parse_error_body(response.body).code == "DBS.280056";
}

}  // namespace

RetryBudget::RetryBudget(Clock& clock, int max_retries, std::optional<Deadline> deadline)
    : clock_(clock), max_retries_(max_retries), deadline_(deadline), started_(clock.now()) {}

std::string RetryBudget::summary() const {
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(clock_.now() - started_);
  std::string text = "Gave up after " + std::to_string(attempts_) +
                     (attempts_ == 1 ? " attempt" : " attempts") + " over " + seconds_text(elapsed);
  if (server_asked_) {
    return text + ": the API asked to retry after " + seconds_text(*server_asked_) + ", and " +
           seconds_text(time_left_) + " of the operation's time were left.";
  }
  if (deadline_came_first_) return text + ": the operation's deadline came before another retry.";
  return text + " (max_retries = " + std::to_string(max_retries_) + ").";
}

Executor::Executor(ExecutorOptions options) : options_(std::move(options)) {}

void Executor::log(LogLevel level, std::string_view message, const LogFields& fields) const {
  if (options_.log) options_.log(level, message, fields);
}

std::string Executor::describe_endpoint(const std::string& base_url) const {
  for (const auto& [url, description] : options_.endpoint_descriptions)
    if (url == base_url) return description;
  return base_url;
}

std::optional<std::chrono::milliseconds> Executor::retry_after(const HttpResponse& response) const {
  return rds::client::retry_after(response, options_.clock->utc_now());
}

bool Executor::pause_before_retry(RetryBudget& budget, std::optional<std::chrono::milliseconds> requested,
                                  const CancelToken& cancel, const std::string& operation,
                                  const std::string& reason) {
  if (!budget.retries_left()) return false;
  const int retry = budget.attempts();  // 1 for the first retry
  auto delay = requested ? std::min(*requested, options_.backoff.retry_after_cap)
                         : options_.backoff.delay(retry - 1, options_.random());
  if (budget.deadline() && options_.clock->now() + delay > *budget.deadline()) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(*budget.deadline() - options_.clock->now());
    budget.note_deadline_came_first(requested, std::max(left, std::chrono::milliseconds(0)));
    return false;
  }
  log(LogLevel::warn, "retrying RDS API call",
      {{"operation", operation},
       {"reason", reason},
       {"retry", std::to_string(retry) + "/" + std::to_string(options_.max_retries)},
       {"delay_ms", std::to_string(delay.count())}});
  if (!options_.clock->sleep_for(delay, cancel)) throw CancelledError("waiting to retry " + operation);
  return true;
}

void Executor::authenticate(HttpRequest& request, RetryBudget& budget, const std::string& operation) {
  for (;;) {
    request.timeout = transfer_timeout(budget.deadline());
    try {
      options_.authenticator->authenticate(request);
      return;
    } catch (const ApiError& error) {
      // The IAM login itself hit a transient answer (429/5xx): same retry budget as the call.
      if (!is_transient_status(error.http_status())) throw;
      budget.count_attempt();
      if (!pause_before_retry(budget, std::nullopt, request.cancel, operation,
                              "IAM login: HTTP " + std::to_string(error.http_status())))
        throw ApiError(error.operation(), error.http_status(), error.error_code(), error.error_msg(),
                       error.request_id(), budget.summary());
    } catch (const TransportError& error) {
      budget.count_attempt();
      if (!error.retryable() ||
          !pause_before_retry(budget, std::nullopt, request.cancel, operation, error.detail()))
        throw TransportError(error.operation(), error.detail(), error.retryable(),
                             (error.retryable() ? budget.summary() + " " : std::string()) + "Check " +
                                 describe_endpoint(options_.authenticator->login_url()) + ".");
    }
  }
}

std::optional<std::chrono::milliseconds> Executor::transfer_timeout(std::optional<Deadline> deadline) const {
  if (!deadline) return std::nullopt;
  // A call made under a deadline must not outlive it by a whole request timeout; one second is left
  // even past the deadline so that a final check can still be answered.
  auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - options_.clock->now());
  return std::max<std::chrono::milliseconds>(remaining, std::chrono::seconds(1));
}

void Executor::sign_in(std::optional<Deadline> deadline, const CancelToken& cancel) {
  HttpRequest probe;
  probe.cancel = cancel;
  probe.timeout = transfer_timeout(deadline);
  RetryBudget budget = this->budget(deadline);
  authenticate(probe, budget, "signing in");
}

HttpResponse Executor::send(HttpRequest request, const std::string& operation,
                            std::optional<Deadline> deadline, bool retry_transient) {
  return send_with(std::move(request), operation, deadline, retry_transient, /*sign=*/true);
}

HttpResponse Executor::fetch(HttpRequest request, const std::string& operation,
                             std::optional<Deadline> deadline) {
  return send_with(std::move(request), operation, deadline, /*retry_transient=*/true, /*sign=*/false);
}

HttpResponse Executor::send_with(HttpRequest request, const std::string& operation,
                                 std::optional<Deadline> deadline, bool retry_transient, bool sign) {
  bool renewed_credentials = false;
  RetryBudget budget = this->budget(deadline);
  for (;;) {
    if (request.cancel.cancelled()) throw CancelledError(operation);
    request.timeout = transfer_timeout(deadline);
    if (sign) authenticate(request, budget, operation);
    budget.count_attempt();
    const auto started = options_.clock->now();
    HttpResponse response;
    try {
      response = options_.transport->send(request);
    } catch (const AnswerTooLargeError& error) {
      throw AnswerTooLargeError(operation, error.request_id());  // named as the caller names the call
    } catch (const TransportError& error) {
      log(LogLevel::debug, "RDS API call got no answer",
          {{"operation", operation},
           {"error", error.detail()},
           {"attempt", std::to_string(budget.attempts())}});
      // Without retry_transient the caller decides: an unanswered request may have reached the server.
      if (retry_transient && error.retryable() &&
          pause_before_retry(budget, std::nullopt, request.cancel, operation, error.detail()))
        continue;
      if (!retry_transient) throw TransportError(operation, error.detail(), error.retryable());
      throw TransportError(operation, error.detail(), error.retryable(),
                           (error.retryable() ? budget.summary() + " " : std::string()) + "Check " +
                               describe_endpoint(request.base_url) + ".");
    }
    const auto elapsed =
        std::chrono::duration_cast<std::chrono::milliseconds>(options_.clock->now() - started);
    log(LogLevel::debug, "RDS API call",
        {{"method", request.method},
         {"path", target_of(request)},
         {"status", std::to_string(response.status)},
         {"request_id", response.request_id()},
         {"auth", sign ? options_.authenticator->mode() : "none"},
         {"attempt", std::to_string(budget.attempts())},
         {"duration_ms", std::to_string(elapsed.count())}});

    if (sign && is_rejected_credentials(response) && !renewed_credentials) {
      renewed_credentials = true;
      if (options_.authenticator->renew_after_unauthorized(request)) {
        log(LogLevel::info, "credentials renewed after they were rejected; repeating the call",
            {{"operation", operation}});
        budget.forgive_attempt();  // a renewal is not one of the max_retries transient retries
        continue;
      }
    }
    if (!retry_transient || !is_transient_status(response.status)) return response;
    if (pause_before_retry(budget, retry_after(response), request.cancel, operation,
                           describe_status(response)))
      continue;
    throw_api_error(operation, response, "", budget.summary());
  }
}

}  // namespace rds::client
