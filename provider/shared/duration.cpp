#include "provider/shared/duration.h"

#include <array>
#include <cstdint>
#include <limits>
#include <utility>

#include "provider/shared/instance_id.h"

namespace rds::shared {
namespace {

struct Unit {
  std::string_view name;
  int64_t nanoseconds;
};

// Longest names first so that "ms" is not read as "m" followed by garbage.
constexpr std::array<Unit, 8> kUnits{{
    {"ns", 1},
    {"us", 1'000},
    {"\xC2\xB5s", 1'000},  // U+00B5 micro sign
    {"\xCE\xBCs", 1'000},  // U+03BC Greek mu
    {"ms", 1'000'000},
    {"s", 1'000'000'000},
    {"m", 60'000'000'000},
    {"h", 3'600'000'000'000},
}};

std::string invalid(std::string_view text, std::string_view why) {
  return quote_for_message(text) + " is not a valid duration: " + std::string(why) +
         " (use a number with a unit, e.g. \"30s\", \"10m\", \"1h30m\")";
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

DurationResult parse_duration(std::string_view text) {
  if (text.empty()) return invalid(text, "it is empty");
  std::string_view rest = text;
  if (rest.front() == '-') return invalid(text, "a timeout cannot be negative");
  if (rest.front() == '+') rest.remove_prefix(1);
  if (rest == "0") return std::chrono::nanoseconds(0);
  if (rest.empty()) return invalid(text, "it has no number");

  // Exact integer arithmetic, as Go's time.ParseDuration does it: each term is whole * unit plus
  // fraction * unit / 10^digits, truncated to the nanosecond. (Accumulating in floating point made
  // "1.000000003s" one nanosecond short, so a duration did not read back from its own text.)
  constexpr uint64_t kMax = std::numeric_limits<int64_t>::max();
  uint64_t total = 0;
  while (!rest.empty()) {
    size_t pos = 0;
    uint64_t whole = 0;
    bool too_long = false;
    bool has_digits = false;
    for (; pos < rest.size() && is_digit(rest[pos]); ++pos) {
      const uint64_t digit = static_cast<uint64_t>(rest[pos] - '0');
      too_long = too_long || whole > (kMax - digit) / 10;
      if (!too_long) whole = whole * 10 + digit;
      has_digits = true;
    }
    // Fraction digits beyond the 19th are below a nanosecond of any unit and are dropped, as in Go.
    uint64_t fraction = 0;
    uint64_t scale = 1;
    if (pos < rest.size() && rest[pos] == '.') {
      for (++pos; pos < rest.size() && is_digit(rest[pos]); ++pos) {
        if (scale <= std::numeric_limits<uint64_t>::max() / 10) {
          fraction = fraction * 10 + static_cast<uint64_t>(rest[pos] - '0');
          scale *= 10;
        }
        has_digits = true;
      }
    }
    if (!has_digits) return invalid(text, "expected a number at " + quote_for_message(rest));
    rest.remove_prefix(pos);

    const Unit* unit = nullptr;
    for (const Unit& candidate : kUnits) {
      if (rest.starts_with(candidate.name) && (!unit || candidate.name.size() > unit->name.size())) {
        unit = &candidate;
      }
    }
    if (!unit) {
      if (rest.empty()) return invalid(text, "the number has no unit (ns, us, ms, s, m or h)");
      return invalid(text, "unknown unit at " + quote_for_message(rest) + " (use ns, us, ms, s, m or h)");
    }
    rest.remove_prefix(unit->name.size());
    const auto per_unit = static_cast<uint64_t>(unit->nanoseconds);
    if (too_long || whole > kMax / per_unit) return invalid(text, "it is too long");
    // Below 2^64: fraction < scale, so this part is below one unit, and whole * unit <= kMax.
    const uint64_t term =
        whole * per_unit + static_cast<uint64_t>(static_cast<unsigned __int128>(fraction) * per_unit / scale);
    if (term > kMax - total) return invalid(text, "it is too long");
    total += term;
  }
  return std::chrono::nanoseconds(static_cast<int64_t>(total));
}

namespace {

// The digits of `value` / 10^precision after the decimal point, without trailing zeros: ".5", ".000001",
// "" when there is no fraction. Removes them from `value`.
std::string fraction_text(uint64_t& value, int precision) {
  std::string digits;
  bool significant = false;
  for (int i = 0; i < precision; ++i) {
    const auto digit = static_cast<char>('0' + value % 10);
    value /= 10;
    significant = significant || digit != '0';
    if (significant) digits.insert(digits.begin(), digit);
  }
  return digits.empty() ? "" : "." + digits;
}

}  // namespace

// Go's Duration.String(), so that every duration prints exactly and reads back as itself:
// "1h30m0s", "1.5s", "250ms", "1.5µs", "7ns", "0s".
std::string format_duration(std::chrono::nanoseconds duration) {
  const bool negative = duration.count() < 0;
  // Through uint64, so that the most negative duration has a magnitude too.
  uint64_t value = static_cast<uint64_t>(duration.count());
  if (negative) value = ~value + 1;
  std::string out;
  if (value == 0) {
    out = "0s";
  } else if (value < 1'000) {
    out = std::to_string(value) + "ns";
  } else if (value < 1'000'000) {
    const std::string fraction = fraction_text(value, 3);
    out = std::to_string(value) + fraction + "\xC2\xB5s";  // U+00B5 micro sign, as Go writes it
  } else if (value < 1'000'000'000) {
    const std::string fraction = fraction_text(value, 6);
    out = std::to_string(value) + fraction + "ms";
  } else {
    const std::string fraction = fraction_text(value, 9);  // value is now whole seconds
    out = std::to_string(value % 60) + fraction + "s";
    value /= 60;  // whole minutes
    if (value > 0) {
      out = std::to_string(value % 60) + "m" + out;
      value /= 60;  // whole hours
      if (value > 0) out = std::to_string(value) + "h" + out;
    }
  }
  return negative ? "-" + out : out;
}

}  // namespace rds::shared
