#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "provider/core/value.h"

namespace rds::core {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Exponents are clamped to +-10^15: a number with such an exponent is far outside int64 and float64
// whatever its digits (so its text is kept), and the clamp keeps the exponent arithmetic below from
// overflowing however many digits the exponent is written with.
constexpr int64_t kExponentLimit = 1'000'000'000'000'000;

// A decimal literal reduced to sign, significant digits (no leading or trailing zeros) and a power of
// ten, so that two spellings of the same number compare equal ("1.50" == "15e-1").
struct CanonicalDecimal {
  bool negative = false;
  std::string digits;  // empty for zero
  int64_t exponent = 0;
  friend bool operator==(const CanonicalDecimal&, const CanonicalDecimal&) = default;
};

// `text` must be a literal (Number::is_literal), or printf's "%e" form of a finite double, which is one.
CanonicalDecimal canonical(std::string_view text) {
  CanonicalDecimal c;
  size_t i = 0;
  if (text[i] == '-') {
    c.negative = true;
    ++i;
  }
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
  if (i < text.size()) {
    ++i;  // the 'e'
    bool negative_exponent = false;
    if (text[i] == '-' || text[i] == '+') negative_exponent = text[i++] == '-';
    int64_t written = 0;
    for (; i < text.size(); ++i) written = std::min(kExponentLimit, written * 10 + (text[i] - '0'));
    exponent += negative_exponent ? -written : written;
  }
  size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return CanonicalDecimal{};
  digits.erase(0, first);
  size_t last = digits.find_last_not_of('0');
  exponent += static_cast<int64_t>(digits.size() - 1 - last);
  digits.erase(last + 1);
  c.digits = std::move(digits);
  c.exponent = exponent;
  return c;
}

// The float64 that is exactly `c`, if there is one. A finite float64's exact decimal expansion has at
// most 767 significant digits and lies within [4.9e-324, 1.8e308], so anything else is not one; ruling
// that out first keeps strtod and the comparison to short inputs, whatever the size of the literal.
std::optional<double> exact_double(const CanonicalDecimal& c) {
  constexpr size_t kMaxDoubleDigits = 767;
  if (c.digits.size() > kMaxDoubleDigits) return std::nullopt;
  const int64_t magnitude = c.exponent + static_cast<int64_t>(c.digits.size());  // |value| < 10^magnitude
  if (magnitude > 309 || magnitude < -323) return std::nullopt;
  const std::string shortest = (c.negative ? "-" : "") + c.digits + "e" + std::to_string(c.exponent);
  const double d = std::strtod(shortest.c_str(), nullptr);
  if (!std::isfinite(d)) return std::nullopt;
  // glibc prints a double's exact decimal expansion; 1100 digits hold the longest one.
  char exact[1200];
  std::snprintf(exact, sizeof exact, "%.1100e", d);
  if (canonical(exact) != c) return std::nullopt;
  return d;
}

// `c` written without an exponent: 12.5, 0.001, 1000.
std::string positional(const CanonicalDecimal& c) {
  std::string out = c.negative ? "-" : "";
  const int64_t digits = static_cast<int64_t>(c.digits.size());
  if (c.exponent >= 0) return out + c.digits + std::string(static_cast<size_t>(c.exponent), '0');
  const int64_t point = digits + c.exponent;  // digits before the decimal point
  if (point <= 0) return out + "0." + std::string(static_cast<size_t>(-point), '0') + c.digits;
  return out + c.digits.substr(0, static_cast<size_t>(point)) + "." +
         c.digits.substr(static_cast<size_t>(point));
}

// A malformed number may be 100,000 characters long: error messages quote its start only.
std::string quote_for_error(std::string_view text) {
  constexpr size_t kQuoted = 40;
  if (text.size() <= kQuoted) return "\"" + std::string(text) + "\"";
  return "\"" + std::string(text.substr(0, kQuoted)) + "...\" (" + std::to_string(text.size()) +
         " characters)";
}

}  // namespace

bool Number::is_literal(std::string_view text) {
  size_t i = 0;
  const auto skip_digits = [&] {
    const size_t start = i;
    while (i < text.size() && is_digit(text[i])) ++i;
    return i > start;
  };
  if (i < text.size() && text[i] == '-') ++i;
  if (i < text.size() && text[i] == '0') {
    ++i;  // a leading zero stands alone: "01" is not a literal
  } else if (!skip_digits()) {
    return false;
  }
  if (i < text.size() && text[i] == '.') {
    ++i;
    if (!skip_digits()) return false;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    if (!skip_digits()) return false;
  }
  return i == text.size();
}

Number Number::parse(std::string_view text) {
  if (!is_literal(text)) throw std::invalid_argument("not a number: " + quote_for_error(text));
  const CanonicalDecimal c = canonical(text);
  if (c.digits.empty()) return Number(int64_t{0});
  if (c.exponent >= 0 && c.digits.size() + static_cast<size_t>(c.exponent) <= 19) {
    std::string integral = (c.negative ? "-" : "") + c.digits + std::string(c.exponent, '0');
    int64_t i = 0;
    auto [end, ec] = std::from_chars(integral.data(), integral.data() + integral.size(), i);
    if (ec == std::errc() && end == integral.data() + integral.size()) return Number(i);
  }
  if (const auto d = exact_double(c)) return Number(*d);
  // Keep the text: it is exact, whatever its precision.
  Number n;
  n.repr_ = std::string(text);
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
  // parse() makes a double only of text that is exactly that double, so the text must be exact too:
  // the shortest form that reads back as `d` ("1.5", "1e+22") when it is exact, else every digit of the
  // value, written out as cty writes numbers (big.Float's Text('f', -1)). 17 significant digits are not
  // enough: 9223372836854775808 printed "9.2233720368547758e+18", which parse() keeps as another number.
  char shortest[64];
  const auto [end, ec] = std::to_chars(shortest, shortest + sizeof shortest, d);
  char exact_text[1200];
  std::snprintf(exact_text, sizeof exact_text, "%.1100e", d);
  const CanonicalDecimal exact = canonical(exact_text);
  if (ec == std::errc() && canonical(std::string_view(shortest, end - shortest)) == exact) {
    return std::string(shortest, end);
  }
  return positional(exact);
}

bool operator==(const Number& a, const Number& b) {
  if (a.repr_.index() == b.repr_.index()) return a.repr_ == b.repr_;
  auto ai = a.to_int64(), bi = b.to_int64();
  if (ai && bi) return *ai == *bi;
  if (a.is_decimal() || b.is_decimal()) return false;  // a decimal string is by construction neither
  return a.to_double() == b.to_double();
}

}  // namespace rds::core
