#include "provider/shared/duration.h"

#include <gtest/gtest.h>

namespace rds::shared {
namespace {

using namespace std::chrono_literals;

std::chrono::nanoseconds parsed(std::string_view text) {
  auto result = parse_duration(text);
  if (auto* error = std::get_if<std::string>(&result)) ADD_FAILURE() << text << ": " << *error;
  return std::get<std::chrono::nanoseconds>(parse_duration(text));
}

std::string error_of(std::string_view text) {
  auto result = parse_duration(text);
  if (auto* error = std::get_if<std::string>(&result)) return *error;
  ADD_FAILURE() << text << " parsed, but should have been rejected";
  return {};
}

TEST(Duration, AcceptsTheUnitsTerraformUsersWrite) {
  EXPECT_EQ(parsed("30s"), 30s);
  EXPECT_EQ(parsed("10m"), 10min);
  EXPECT_EQ(parsed("1h"), 1h);
  EXPECT_EQ(parsed("1h30m"), 90min);
  EXPECT_EQ(parsed("2h45m30s"), 2h + 45min + 30s);
  EXPECT_EQ(parsed("250ms"), 250ms);
  EXPECT_EQ(parsed("5us"), 5us);
  EXPECT_EQ(parsed("7ns"), 7ns);
}

TEST(Duration, AcceptsFractionsZeroAndPlusSignLikeGo) {
  EXPECT_EQ(parsed("1.5h"), 90min);
  EXPECT_EQ(parsed(".5s"), 500ms);
  EXPECT_EQ(parsed("0"), 0s);
  EXPECT_EQ(parsed("+3s"), 3s);
  EXPECT_EQ(parsed("0s"), 0s);
}

TEST(Duration, RejectsTextThatIsNotADurationWithAReason) {
  EXPECT_NE(error_of("").find("empty"), std::string::npos);
  EXPECT_NE(error_of("10").find("no unit"), std::string::npos);
  EXPECT_NE(error_of("10 minutes").find("unknown unit"), std::string::npos);
  EXPECT_NE(error_of("10d").find("unknown unit"), std::string::npos);
  EXPECT_NE(error_of("abc").find("expected a number"), std::string::npos);
  EXPECT_NE(error_of("1h30").find("no unit"), std::string::npos);
  EXPECT_NE(error_of("-5m").find("negative"), std::string::npos);
  EXPECT_NE(error_of("99999999999h").find("too long"), std::string::npos);
}

TEST(Duration, ErrorMessageQuotesTheTextAndShowsExamples) {
  const std::string error = error_of("ten");
  EXPECT_NE(error.find("\"ten\""), std::string::npos);
  EXPECT_NE(error.find("\"30s\""), std::string::npos);
}

TEST(Duration, ErrorMessageQuotesAMegabyteOfTextCutAndWithoutControlCharacters) {
  const std::string error = error_of("\x1b[2J" + std::string(1 << 20, '9') + "x");
  EXPECT_LT(error.size(), 400u);
  EXPECT_EQ(error.find('\x1b'), std::string::npos) << error;
  EXPECT_NE(error.find("(1048581 bytes)"), std::string::npos) << error;
}

TEST(Duration, FormatsLikeGo) {
  EXPECT_EQ(format_duration(90min), "1h30m0s");
  EXPECT_EQ(format_duration(2s), "2s");
  EXPECT_EQ(format_duration(1500ms), "1.5s");
  EXPECT_EQ(format_duration(61s), "1m1s");
  EXPECT_EQ(format_duration(250ms), "250ms");
}

// Found by tests/fuzz/duration_fuzz: format_duration cut everything below a millisecond ("1us" printed
// as "0ms"), and parse_duration summed in floating point, which could lose a nanosecond; a duration now
// prints exactly, as Go does, and its text reads back as the same duration.
TEST(Duration, ParsesFractionsExactlyToTheNanosecond) {
  EXPECT_EQ(parsed("1.000000003s"), 1000000003ns);
  EXPECT_EQ(parsed("0.000000003s"), 3ns);
  EXPECT_EQ(parsed("1.1s"), 1100ms);
  EXPECT_EQ(parsed(".1ms"), 100us);
  EXPECT_EQ(parsed("0.3h"), 18min);
  EXPECT_EQ(parsed("1.00000000000000000000000001s"), 1s) << "digits below a nanosecond are dropped";
  EXPECT_EQ(parsed("2562047h47m16.854775807s"), std::chrono::nanoseconds::max());
  EXPECT_NE(error_of("2562047h47m16.854775808s").find("too long"), std::string::npos);
  EXPECT_NE(error_of("9223372036854775808ns").find("too long"), std::string::npos);
}

TEST(Duration, FormatsBelowAMillisecondLikeGo) {
  EXPECT_EQ(format_duration(0ns), "0s");
  EXPECT_EQ(format_duration(7ns), "7ns");
  EXPECT_EQ(format_duration(1us), "1\xC2\xB5s");
  EXPECT_EQ(format_duration(1500ns), "1.5\xC2\xB5s");
  EXPECT_EQ(format_duration(100us), "100\xC2\xB5s");
  EXPECT_EQ(format_duration(1000001ns), "1.000001ms");
  EXPECT_EQ(format_duration(1000000003ns), "1.000000003s");
  EXPECT_EQ(format_duration(-1500ms), "-1.5s");
}

TEST(Duration, EveryDurationReadsBackFromItsText) {
  for (std::chrono::nanoseconds d : {1ns, 999ns, 1000ns, 1001ns, 123456789ns, 1000000003ns, 59999999999ns,
                                     std::chrono::nanoseconds(25h + 1ns), std::chrono::nanoseconds::max()}) {
    EXPECT_EQ(parsed(format_duration(d)), d) << format_duration(d);
  }
}

}  // namespace
}  // namespace rds::shared
