#include "provider/plugin/version_negotiation.h"

#include <gtest/gtest.h>

namespace rds::plugin {
namespace {

TEST(VersionNegotiation, ServesHighestVersionBothSidesSpeak) {
  EXPECT_EQ(negotiate_protocol_version({5, 6}).version, 6);
  EXPECT_EQ(negotiate_protocol_version({6, 5}).version, 6);
  EXPECT_EQ(negotiate_protocol_version({4, 5}).version, 5);
  EXPECT_EQ(negotiate_protocol_version({6, 7}).version, 6);
}

TEST(VersionNegotiation, LegacyClientWithoutListGetsLowestVersion) {
  EXPECT_EQ(negotiate_protocol_version({}).version, 5);
}

TEST(VersionNegotiation, NoCommonVersionGivesClearError) {
  const auto result = negotiate_protocol_version({3, 4});
  EXPECT_FALSE(result.version.has_value());
  EXPECT_NE(result.error.find("speaks protocol 5, 6"), std::string::npos) << result.error;
  EXPECT_NE(result.error.find("asks for 3, 4"), std::string::npos) << result.error;
}

TEST(VersionNegotiation, RespectsTheServerList) {
  EXPECT_EQ(negotiate_protocol_version({5, 6}, {5}).version, 5);
  EXPECT_FALSE(negotiate_protocol_version({6}, {5}).version.has_value());
}

}  // namespace
}  // namespace rds::plugin
