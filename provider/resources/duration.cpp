#include "provider/resources/duration.h"

#include <array>
#include <cstdint>
#include <limits>
#include <utility>

namespace rds::resources {
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

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

std::string invalid(std::string_view text, std::string_view why) {
  return quoted(text) + " is not a valid duration: " + std::string(why) +
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

  // Accumulate in long double: exact enough for any realistic timeout and it keeps fractions
  // ("1.5h") simple; overflow is checked against int64 nanoseconds at the end.
  long double total = 0;
  while (!rest.empty()) {
    size_t pos = 0;
    long double whole = 0;
    bool has_digits = false;
    while (pos < rest.size() && is_digit(rest[pos])) {
      whole = whole * 10 + (rest[pos] - '0');
      has_digits = true;
      ++pos;
    }
    long double fraction = 0;
    if (pos < rest.size() && rest[pos] == '.') {
      ++pos;
      long double scale = 0.1L;
      while (pos < rest.size() && is_digit(rest[pos])) {
        fraction += (rest[pos] - '0') * scale;
        scale /= 10;
        has_digits = true;
        ++pos;
      }
    }
    if (!has_digits) return invalid(text, "expected a number at " + quoted(rest));
    rest.remove_prefix(pos);

    const Unit* unit = nullptr;
    for (const Unit& candidate : kUnits) {
      if (rest.starts_with(candidate.name) && (!unit || candidate.name.size() > unit->name.size())) {
        unit = &candidate;
      }
    }
    if (!unit) {
      if (rest.empty()) return invalid(text, "the number has no unit (ns, us, ms, s, m or h)");
      return invalid(text, "unknown unit at " + quoted(rest) + " (use ns, us, ms, s, m or h)");
    }
    rest.remove_prefix(unit->name.size());
    total += (whole + fraction) * unit->nanoseconds;
    if (total > static_cast<long double>(std::numeric_limits<int64_t>::max())) {
      return invalid(text, "it is too long");
    }
  }
  return std::chrono::nanoseconds(static_cast<int64_t>(total));
}

std::string format_duration(std::chrono::nanoseconds duration) {
  using namespace std::chrono;
  if (duration < 1s) return std::to_string(duration_cast<milliseconds>(duration).count()) + "ms";
  std::string out;
  const auto h = duration_cast<hours>(duration);
  duration -= h;
  const auto m = duration_cast<minutes>(duration);
  duration -= m;
  const auto s = duration_cast<seconds>(duration);
  const auto ms = duration_cast<milliseconds>(duration - s);
  if (h.count() > 0) out += std::to_string(h.count()) + "h";
  if (h.count() > 0 || m.count() > 0) out += std::to_string(m.count()) + "m";
  out += std::to_string(s.count());
  if (ms.count() > 0) {
    std::string frac = std::to_string(ms.count() + 1000).substr(1);
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
    out += "." + frac;
  }
  return out + "s";
}

}  // namespace rds::resources
