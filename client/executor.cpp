#include "client/executor.h"

#include <algorithm>
#include <cctype>

#include "client/error_body.h"
#include "client/errors.h"

namespace rds::client {

namespace {
std::string target_of(const HttpRequest& request) {
  std::string target = request.full_path();
  for (std::size_t i = 0; i < request.query.size(); ++i)
    target += (i == 0 ? "?" : "&") + request.query[i].first + "=" + request.query[i].second;
  return target;
}

std::string describe_status(const HttpResponse& response) {
  return "HTTP " + std::to_string(response.status);
}

// 401, or RDS's "invalid token" (403 DBS.280056, rds-api.md): fresh credentials may help once.
bool is_rejected_credentials(const HttpResponse& response) {
  if (response.status == 401) return true;
  return response.status == 403 && parse_error_body(response.body).code == "DBS.280056";
}
}  // namespace

Executor::Executor(ExecutorOptions options) : options_(std::move(options)) {}

void Executor::log(LogLevel level, std::string_view message, const LogFields& fields) const {
  if (options_.log) options_.log(level, message, fields);
}

std::optional<std::chrono::milliseconds> Executor::retry_after(const HttpResponse& response) const {
  auto value = response.header("Retry-After");
  if (value.empty() ||
      !std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); }))
    return std::nullopt;  // absent, or an HTTP date: fall back to our own backoff
  auto seconds = std::stoll(value.substr(0, 6));
  return std::min(std::chrono::milliseconds(seconds * 1000), options_.backoff.retry_after_cap);
}

bool Executor::pause_before_retry(int attempt, std::optional<std::chrono::milliseconds> requested,
                                  std::optional<Deadline> deadline, const CancelToken& cancel,
                                  const std::string& operation, const std::string& reason) {
  auto delay = requested ? *requested : options_.backoff.delay(attempt, options_.random());
  if (deadline && options_.clock->now() + delay > *deadline) return false;
  log(LogLevel::warn, "retrying RDS API call",
      {{"operation", operation},
       {"reason", reason},
       {"retry", std::to_string(attempt + 1) + "/" + std::to_string(options_.max_retries)},
       {"delay_ms", std::to_string(delay.count())}});
  if (!options_.clock->sleep_for(delay, cancel)) throw CancelledError("waiting to retry " + operation);
  return true;
}

HttpResponse Executor::send(HttpRequest request, const std::string& operation,
                            std::optional<Deadline> deadline) {
  bool renewed_credentials = false;
  for (int attempt = 0;; ++attempt) {
    if (request.cancel.cancelled()) throw CancelledError(operation);
    HttpResponse response;
    auto started = options_.clock->now();
    try {
      options_.authenticator->authenticate(request);
    } catch (const ApiError& error) {
      // The IAM login itself hit a transient answer (429/5xx): same retry budget as the call.
      if (!is_transient_status(error.http_status()) || attempt >= options_.max_retries ||
          !pause_before_retry(attempt, std::nullopt, deadline, request.cancel, operation,
                              "IAM login: HTTP " + std::to_string(error.http_status())))
        throw;
      continue;
    } catch (const TransportError& error) {
      if (!error.retryable() || attempt >= options_.max_retries ||
          !pause_before_retry(attempt, std::nullopt, deadline, request.cancel, operation, error.detail()))
        throw;
      continue;
    }
    if (deadline) {
      // A call made for a wait must not outlive the wait by a whole request timeout; one second is
      // left even past the deadline so that a final check can still be answered.
      auto remaining =
          std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - options_.clock->now());
      request.timeout = std::max<std::chrono::milliseconds>(remaining, std::chrono::seconds(1));
    }
    try {
      response = options_.transport->send(request);
    } catch (const TransportError& error) {
      log(LogLevel::debug, "RDS API call got no answer",
          {{"operation", operation}, {"error", error.detail()}, {"attempt", std::to_string(attempt + 1)}});
      if (!error.retryable() || attempt >= options_.max_retries ||
          !pause_before_retry(attempt, std::nullopt, deadline, request.cancel, operation, error.detail()))
        throw TransportError(operation, error.detail(), error.retryable());
      continue;
    }
    auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(options_.clock->now() - started);
    log(LogLevel::debug, "RDS API call",
        {{"method", request.method},
         {"path", target_of(request)},
         {"status", std::to_string(response.status)},
         {"request_id", response.request_id()},
         {"auth", options_.authenticator->mode()},
         {"attempt", std::to_string(attempt + 1)},
         {"duration_ms", std::to_string(elapsed.count())}});

    if (is_rejected_credentials(response) && !renewed_credentials) {
      renewed_credentials = true;
      if (options_.authenticator->renew_after_unauthorized(request)) {
        log(LogLevel::info, "credentials renewed after they were rejected; repeating the call",
            {{"operation", operation}});
        --attempt;  // a renewal is not one of the max_retries transient retries
        continue;
      }
    }
    if (is_transient_status(response.status) && attempt < options_.max_retries &&
        pause_before_retry(attempt, retry_after(response), deadline, request.cancel, operation,
                           describe_status(response)))
      continue;
    return response;
  }
}

}  // namespace rds::client
