#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "provider/core/value.h"

namespace rds::core {

namespace {

// A decimal literal reduced to sign, significant digits (no leading or trailing zeros) and a power of
// ten, so that two spellings of the same number compare equal ("1.50" == "15e-1").
struct CanonicalDecimal {
  bool negative = false;
  std::string digits;  // empty for zero
  int64_t exponent = 0;
  friend bool operator==(const CanonicalDecimal&, const CanonicalDecimal&) = default;
};

CanonicalDecimal canonical(std::string_view text) {
  CanonicalDecimal c;
  size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) c.negative = text[i++] == '-';
  std::string digits;
  int64_t exponent = 0;
  bool fraction = false;
  for (; i < text.size() && text[i] != 'e' && text[i] != 'E'; ++i) {
    if (text[i] == '.') {
      fraction = true;
      continue;
    }
    digits += text[i];
    if (fraction) --exponent;
  }
  if (i < text.size()) exponent += std::strtoll(std::string(text.substr(i + 1)).c_str(), nullptr, 10);
  size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return CanonicalDecimal{};
  digits.erase(0, first);
  while (digits.back() == '0') {
    digits.pop_back();
    ++exponent;
  }
  c.digits = std::move(digits);
  c.exponent = exponent;
  return c;
}

}  // namespace

Number Number::parse(std::string_view text) {
  static const std::regex decimal(R"(-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?)");
  std::string s(text);
  if (!std::regex_match(s, decimal)) throw std::invalid_argument("not a number: \"" + s + "\"");
  CanonicalDecimal c = canonical(s);
  if (c.digits.empty()) return Number(int64_t{0});
  if (c.exponent >= 0 && c.digits.size() + static_cast<size_t>(c.exponent) <= 19) {
    std::string integral = (c.negative ? "-" : "") + c.digits + std::string(c.exponent, '0');
    int64_t i = 0;
    auto [end, ec] = std::from_chars(integral.data(), integral.data() + integral.size(), i);
    if (ec == std::errc() && end == integral.data() + integral.size()) return Number(i);
  }
  // A float64 only when it is exactly this number (glibc prints a double's exact decimal expansion).
  double d = std::strtod(s.c_str(), nullptr);
  if (std::isfinite(d)) {
    char exact[1200];
    std::snprintf(exact, sizeof exact, "%.1100e", d);
    if (canonical(exact) == c) return Number(d);
  }
  // Keep the text: it is exact, whatever its precision.
  Number n;
  n.repr_ = std::move(s);
  return n;
}

std::optional<int64_t> Number::to_int64() const {
  if (is_int()) return as_int();
  if (is_double()) {
    double d = as_double();
    // 2^63 is exactly representable; anything in [-2^63, 2^63) that is integral converts exactly.
    if (std::isfinite(d) && d == std::trunc(d) && d >= -9223372036854775808.0 && d < 9223372036854775808.0) {
      return static_cast<int64_t>(d);
    }
  }
  return std::nullopt;
}

double Number::to_double() const {
  if (is_int()) return static_cast<double>(as_int());
  if (is_double()) return as_double();
  return std::strtod(as_decimal().c_str(), nullptr);
}

std::string Number::to_string() const {
  if (is_int()) return std::to_string(as_int());
  if (is_decimal()) return as_decimal();
  double d = as_double();
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "+Inf" : "-Inf";
  std::ostringstream out;
  out.precision(17);
  out << d;
  return out.str();
}

bool operator==(const Number& a, const Number& b) {
  if (a.repr_.index() == b.repr_.index()) return a.repr_ == b.repr_;
  auto ai = a.to_int64(), bi = b.to_int64();
  if (ai && bi) return *ai == *bi;
  if (a.is_decimal() || b.is_decimal()) return false;  // a decimal string is by construction neither
  return a.to_double() == b.to_double();
}

}  // namespace rds::core
