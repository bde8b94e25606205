// rds::core::Number::parse on arbitrary text: it accepts exactly JSON's number grammar (is_literal) and
// throws std::invalid_argument for anything else; what it accepts prints back (to_string) to a text that
// parses to the same number, and the int64 / double views agree with the kind chosen.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "provider/core/value.h"
#include "tests/fuzz/fuzz_check.h"

using rds::core::Number;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const bool literal = Number::is_literal(text);
  Number n;
  const bool parsed = rds::fuzz::returns_or_throws<std::invalid_argument>([&] { n = Number::parse(text); });
  FUZZ_CHECK(parsed == literal, "parse() and is_literal() disagree on \"" + std::string(text) + "\"");
  if (!parsed) return 0;

  FUZZ_CHECK(n == n, "a parsed number is not equal to itself: " + n.to_string());
  const std::string printed = n.to_string();
  FUZZ_CHECK(Number::is_literal(printed), "to_string() is not a number literal: " + printed);
  FUZZ_CHECK(Number::parse(printed) == n,
             "\"" + std::string(text) + "\" prints as \"" + printed + "\", which parses to another number");

  // An int is chosen whenever the value fits int64, so a double or a decimal never holds an int64
  // value in disguise.
  if (n.is_int()) {
    FUZZ_CHECK(n.to_int64() == n.as_int(), "to_int64() differs from the int: " + printed);
  } else if (n.is_double()) {
    FUZZ_CHECK(std::isfinite(n.as_double()), "parse() made a non-finite double: " + printed);
    FUZZ_CHECK(!n.to_int64().has_value(), "an integral double within int64 was not made an int: " + printed);
  } else {
    FUZZ_CHECK(!n.to_int64().has_value(), "a decimal converts to int64: " + printed);
    FUZZ_CHECK(n.as_decimal() == text, "a decimal does not keep the text as written: " + printed);
  }
  (void)n.to_double();
  return 0;
}
