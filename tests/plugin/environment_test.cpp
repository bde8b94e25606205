#include "provider/plugin/environment.h"

#include <gtest/gtest.h>

namespace rds::plugin {
namespace {

TEST(ProtocolVersionsList, ParsesCommaListInAnyOrderWithSpaces) {
  EXPECT_EQ(parse_protocol_versions("5,6"), (std::vector<int>{5, 6}));
  EXPECT_EQ(parse_protocol_versions(" 6 , 5 "), (std::vector<int>{6, 5}));
  EXPECT_EQ(parse_protocol_versions("6"), (std::vector<int>{6}));
}

TEST(ProtocolVersionsList, SkipsEntriesThatAreNotNumbersLikeGoPlugin) {
  EXPECT_EQ(parse_protocol_versions("5,x,6,"), (std::vector<int>{5, 6}));
  EXPECT_TRUE(parse_protocol_versions("").empty());
  EXPECT_TRUE(parse_protocol_versions("abc").empty());
}

TEST(PortRange, DefaultsToGoPluginRangeWhenUnset) {
  const auto range = parse_port_range(nullptr, nullptr);
  EXPECT_EQ(range.min, 10000);
  EXPECT_EQ(range.max, 25000);
  EXPECT_EQ(parse_port_range("", "").min, 10000);
}

TEST(PortRange, ReadsBothBounds) {
  const auto range = parse_port_range("20000", "20010");
  EXPECT_EQ(range.min, 20000);
  EXPECT_EQ(range.max, 20010);
}

TEST(PortRange, RejectsNonNumbersNamingTheVariable) {
  try {
    parse_port_range("lots", nullptr);
    FAIL() << "expected EnvironmentError";
  } catch (const EnvironmentError& e) {
    EXPECT_NE(std::string(e.what()).find("PLUGIN_MIN_PORT"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("lots"), std::string::npos) << e.what();
  }
  EXPECT_THROW(parse_port_range(nullptr, "70000"), EnvironmentError);
  EXPECT_THROW(parse_port_range("-1", nullptr), EnvironmentError);
}

TEST(PortRange, RejectsMinAboveMax) { EXPECT_THROW(parse_port_range("30000", "20000"), EnvironmentError); }

}  // namespace
}  // namespace rds::plugin
