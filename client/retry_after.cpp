#include "client/retry_after.h"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <string>

namespace rds::client {

namespace {

// IMF-fixdate, in seconds since the epoch.
std::optional<std::time_t> http_date(const std::string& text) {
  std::tm utc{};
  const char* end = strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &utc);
  if (end == nullptr || *end != '\0') return std::nullopt;
  return timegm(&utc);
}

}  // namespace

std::optional<std::chrono::milliseconds> retry_after(const HttpResponse& response,
                                                     std::chrono::system_clock::time_point utc_now) {
  const std::string value = response.header("Retry-After");
  if (value.empty()) return std::nullopt;
  // In whole seconds, bounded to a day before any conversion: a date in the year 9999 is a long wait,
  // not a nanosecond count that overflows into "retry at once".
  constexpr long long kLongest = 24 * 60 * 60;
  if (std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); }))
    return std::chrono::seconds(value.size() > 6 ? kLongest : std::min(std::stoll(value), kLongest));
  if (auto date = http_date(value)) {
    const long long seconds =
        static_cast<long long>(*date) - static_cast<long long>(std::chrono::system_clock::to_time_t(utc_now));
    return std::chrono::seconds(std::clamp(seconds, 0LL, kLongest));
  }
  return std::nullopt;
}

}  // namespace rds::client
