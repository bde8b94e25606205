#pragma once
// Duration strings as Terraform users write them in `timeouts` blocks ("30s", "10m", "1h30m").
//
// The syntax is Go's time.ParseDuration, because that is what every Go provider (and
// terraform-plugin-framework-timeouts) accepts, so configs written for them keep working here:
// a sequence of decimal numbers, each with an optional fraction and a unit out of
// ns, us, µs, ms, s, m, h; "0" alone is allowed. Negative durations make no sense for a deadline
// and are rejected.

#include <chrono>
#include <string>
#include <string_view>
#include <variant>

namespace rds::shared {

// Either the parsed duration or a sentence explaining what is wrong with the text.
using DurationResult = std::variant<std::chrono::nanoseconds, std::string>;

DurationResult parse_duration(std::string_view text);

// Go's Duration.String() ("1h30m0s", "1.5s", "250ms", "1.5µs", "0s"), for messages ("timed out after
// 1m30s"); exact to the nanosecond, so parse_duration reads it back as the same duration.
std::string format_duration(std::chrono::nanoseconds duration);

}  // namespace rds::shared
