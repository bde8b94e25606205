#include "client/rate_limiter.h"

#include <algorithm>
#include <string>

#include "client/errors.h"
#include "client/retry_after.h"

namespace rds::client {
namespace {

using namespace std::chrono;

constexpr double kMinRate = 0.5;            // never slower than a call every two seconds
constexpr double kRecoveryPerSecond = 0.1;  // of the throttled rate
constexpr size_t kMaxRecent = 100'000;      // the window of a second, bounded whatever the rate

steady_clock::duration spacing(double rate) {
  return duration_cast<steady_clock::duration>(duration<double>(1.0 / rate));
}

// However long one answer asks, the whole process pauses at most this long: a call whose own deadline
// allows a longer wait still waits (Executor), the others go on.
constexpr milliseconds kLongestPause{60'000};

}  // namespace

RateLimiter::RateLimiter(std::shared_ptr<Clock> clock, double max_per_second)
    : clock_(std::move(clock)), cap_(max_per_second > 0 ? max_per_second : 0), rate_(cap_) {}

void RateLimiter::recover(TimePoint now) {
  if (throttled_rate_ <= 0) return;
  const double seconds = duration<double>(now - throttled_at_).count();
  const double recovered = throttled_rate_ * (1.0 + kRecoveryPerSecond * seconds);
  if (cap_ > 0) {
    rate_ = std::min(cap_, recovered);
    if (rate_ >= cap_) throttled_rate_ = 0;
  } else if (recovered >= lift_at_) {
    rate_ = 0;  // back to where it was throttled: no limit until the next 429
    throttled_rate_ = 0;
  } else {
    rate_ = recovered;
  }
}

bool RateLimiter::acquire(const CancelToken& cancel, std::optional<nanoseconds> limit) {
  TimePoint slot;
  {
    std::lock_guard lock(mutex_);
    const TimePoint now = clock_->now();
    recover(now);
    slot = std::max({now, paused_until_, rate_ > 0 ? next_slot_ : now});
    if (limit && slot - now > *limit) return false;
    if (rate_ > 0) next_slot_ = slot + spacing(rate_);
    recent_.push_back(slot);
    while (!recent_.empty() && (recent_.front() < slot - seconds(1) || recent_.size() > kMaxRecent))
      recent_.pop_front();
  }
  const auto wait = slot - clock_->now();
  return wait <= nanoseconds::zero() || clock_->sleep_for(wait, cancel);
}

void RateLimiter::throttled(std::optional<milliseconds> retry_after) {
  std::lock_guard lock(mutex_);
  const TimePoint now = clock_->now();
  if (retry_after) paused_until_ = std::max(paused_until_, now + *retry_after);
  // One slowdown per second: the 429s of calls already in flight at the old rate do not halve it again.
  if (throttled_rate_ > 0 && now - throttled_at_ < seconds(1)) return;
  while (!recent_.empty() && recent_.front() < now - seconds(1)) recent_.pop_front();
  // A lone caller (under two calls in the last second) is paced by its own retries' backoff already.
  if (recent_.size() < 2) return;
  const double sent = static_cast<double>(recent_.size());
  if (cap_ <= 0 && throttled_rate_ <= 0) lift_at_ = sent;
  rate_ = std::max(kMinRate, (rate_ > 0 ? std::min(rate_, sent) : sent) / 2);
  throttled_rate_ = rate_;
  throttled_at_ = now;
  next_slot_ = std::max(next_slot_, now);
}

double RateLimiter::current_rate() {
  std::lock_guard lock(mutex_);
  recover(clock_->now());
  return rate_;
}

RateLimitedTransport::RateLimitedTransport(std::shared_ptr<Transport> inner,
                                           std::shared_ptr<RateLimiter> limiter)
    : inner_(std::move(inner)), limiter_(std::move(limiter)) {}

HttpResponse RateLimitedTransport::send(const HttpRequest& request) {
  const std::string what = request.method + " " + request.base_url + request.full_path();
  if (!limiter_->acquire(request.cancel, request.timeout)) {
    if (request.cancel.cancelled()) throw CancelledError(what);
    throw TransportError(what,
                         "the process's rate limit (max_requests_per_second, or a slowdown after the API "
                         "answered 429) has no free slot within this request's time",
                         true);
  }
  HttpResponse response = inner_->send(request);
  if (response.status == 429) {
    auto asked = retry_after(response, limiter_->utc_now());
    limiter_->throttled(asked ? std::optional(std::min(*asked, kLongestPause)) : std::nullopt);
  }
  return response;
}

}  // namespace rds::client
