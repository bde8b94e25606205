// Number::parse on input of any size: Terraform sends numbers that fit neither int64 nor float64 as
// their decimal text (`max_retries = 1e100000` arrives as 100,001 digits), so the parser must take
// 100,000-digit mantissas and exponents, and refuse malformed ones, without a crash or an overflow.
#include <gtest/gtest.h>

#include <cstdio>
#include <limits>
#include <stdexcept>
#include <string>

#include "provider/core/value.h"

namespace rds::core {
namespace {

const std::string kManyNines(100000, '9');
const std::string kManyZeros(100000, '0');

// glibc prints a double's exact decimal expansion.
std::string exact_decimal(double d) {
  char text[1200];
  std::snprintf(text, sizeof text, "%.1100e", d);
  return text;
}

TEST(NumberLiteral, AcceptsExactlyJsonNumbers) {
  for (const char* good :
       {"0", "-0", "7", "-12", "0.5", "10.25", "1e5", "1E+5", "-1.5e-3", "0e0", "0.0e00"}) {
    EXPECT_TRUE(Number::is_literal(good)) << good;
    EXPECT_NO_THROW(Number::parse(good)) << good;
  }
  for (const char* bad :
       {"",      "-",     "+1", "01", "-01",  "1.",  ".5",       "1e",    "1e+", "1e-", "--1",
        "1.2.3", "1e5.5", " 1", "1 ", "0x10", "NaN", "Infinity", "1_000", "e5",  "-.5"}) {
    EXPECT_FALSE(Number::is_literal(bad)) << bad;
    EXPECT_THROW(Number::parse(bad), std::invalid_argument) << bad;
  }
}

TEST(Number, HundredThousandDigitMantissasAreKeptExactlyAsText) {
  for (const std::string& text :
       {kManyNines, "-1" + kManyZeros, "0." + kManyNines, "1." + kManyNines + "e-7"}) {
    const Number n = Number::parse(text);
    ASSERT_TRUE(n.is_decimal()) << text.substr(0, 20);
    EXPECT_EQ(n.to_string(), text);
  }
}

TEST(Number, HundredThousandDigitMantissasThatAreSmallNumbersBecomeThem) {
  EXPECT_EQ(Number::parse("0." + kManyZeros), Number(0));
  EXPECT_EQ(Number::parse("0." + kManyZeros + "1e100001"), Number(1));
  EXPECT_EQ(Number::parse("1" + kManyZeros + "e-100000"), Number(1));
  EXPECT_TRUE(Number::parse("25" + kManyZeros + "e-100001").is_double());
}

TEST(Number, HundredThousandDigitExponentsDoNotOverflow) {
  for (const std::string& text : {"1e" + kManyNines, "10e" + kManyNines, "-1.5e+" + kManyNines,
                                  "1e-" + kManyNines, "0.1e-" + kManyNines, "10.50e-" + kManyNines}) {
    const Number n = Number::parse(text);
    ASSERT_TRUE(n.is_decimal()) << text.substr(0, 20);
    EXPECT_EQ(n.to_string(), text);
    EXPECT_FALSE(n.to_int64().has_value());
  }
  EXPECT_EQ(Number::parse("1e" + kManyNines).to_double(), std::numeric_limits<double>::infinity());
  EXPECT_EQ(Number::parse("1e-" + kManyNines).to_double(), 0.0);
  EXPECT_EQ(Number::parse("0e" + kManyNines), Number(0));
  EXPECT_EQ(Number::parse("-0.0e-" + kManyNines), Number(0));
  EXPECT_EQ(Number::parse("1.5e" + kManyZeros + "1"), Number(15));
}

TEST(Number, MalformedHugeInputIsInvalidArgumentWithAShortMessage) {
  for (const std::string& text :
       {kManyNines + "x", "-" + kManyZeros, "0" + kManyNines, kManyNines + ".", "1." + kManyNines + "e",
        "1e" + kManyNines + "e1", "1e" + std::string(100000, '+'), std::string(100000, '-'),
        kManyNines + "." + kManyNines + "." + kManyNines}) {
    try {
      Number::parse(text);
      ADD_FAILURE() << "parsed " << text.substr(0, 20);
    } catch (const std::invalid_argument& e) {
      EXPECT_LT(std::string(e.what()).size(), 200u) << "the message quotes all of the input";
    }
  }
}

TEST(Number, DoublesAreRecognisedUpToTheEndsOfTheirRange) {
  for (double d : {std::numeric_limits<double>::max(), std::numeric_limits<double>::denorm_min(),
                   std::numeric_limits<double>::min(), -std::numeric_limits<double>::max(), 0.1}) {
    const Number n = Number::parse(exact_decimal(d));
    ASSERT_TRUE(n.is_double()) << exact_decimal(d).substr(0, 30);
    EXPECT_EQ(n.as_double(), d);
  }
  EXPECT_TRUE(Number::parse("1.7976931348623157e308").is_decimal()) << "only close to the largest double";
  EXPECT_TRUE(Number::parse("5e-324").is_decimal()) << "only close to the smallest double";
}

// Found by tests/fuzz/number_fuzz: a double printed with 17 significant digits read back as a decimal
// that is not equal to it, so a number's text did not stand for the number.
TEST(Number, DoublesPrintAsTextThatParsesBackToTheSameDouble) {
  for (const std::string& text : {std::string("9223372836854775808"), std::string("9223372036854775808"),
                                  std::string("9223372036854775808e3"), exact_decimal(0.1),
                                  exact_decimal(-1.0 / 3), exact_decimal(std::numeric_limits<double>::max()),
                                  exact_decimal(std::numeric_limits<double>::denorm_min())}) {
    const Number n = Number::parse(text);
    ASSERT_TRUE(n.is_double()) << text.substr(0, 30);
    EXPECT_EQ(Number::parse(n.to_string()), n) << n.to_string();
    EXPECT_EQ(Number::parse(n.to_string()).as_double(), n.as_double()) << n.to_string();
  }
  EXPECT_EQ(Number::parse("9223372836854775808").to_string(), "9223372836854775808");  // the fuzzer's
  EXPECT_EQ(Number::parse("9223372036854775808e3").to_string(), "9223372036854775808000");
  EXPECT_EQ(Number::parse(exact_decimal(0.1)).to_string(),
            "0.1000000000000000055511151231257827021181583404541015625");
}

TEST(Number, DoublesThatAreShortPrintShort) {
  EXPECT_EQ(Number(1.5).to_string(), "1.5");
  EXPECT_EQ(Number(-0.25).to_string(), "-0.25");
  EXPECT_EQ(Number(1e22).to_string(), "1e+22");
}

}  // namespace
}  // namespace rds::core
