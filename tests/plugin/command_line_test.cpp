#include "provider/plugin/command_line.h"

#include <gtest/gtest.h>

#include <vector>

#include "provider/plugin/build_info.h"

namespace rds::plugin {
namespace {

CommandLine parse(std::vector<const char*> args) {
  args.insert(args.begin(), "terraform-provider-rds");
  return parse_command_line(static_cast<int>(args.size()), args.data());
}

TEST(CommandLine, NoArgumentsIsPluginMode) {
  const auto result = parse({});
  EXPECT_FALSE(result.debug);
  EXPECT_TRUE(result.error.empty());
  EXPECT_EQ(result.provider_address, "registry.terraform.io/local/rds");
}

TEST(CommandLine, DebugWithAddressInBothForms) {
  auto result = parse({"--debug", "--address", "registry.terraform.io/acme/rds"});
  EXPECT_TRUE(result.debug);
  EXPECT_EQ(result.provider_address, "registry.terraform.io/acme/rds");
  result = parse({"-debug", "--address=example.com/x/rds"});
  EXPECT_TRUE(result.debug);
  EXPECT_EQ(result.provider_address, "example.com/x/rds");
}

TEST(CommandLine, UnknownOrIncompleteArgumentsAreErrors) {
  EXPECT_NE(parse({"--bogus"}).error.find("--bogus"), std::string::npos);
  EXPECT_NE(parse({"--address"}).error.find("--address"), std::string::npos);
  EXPECT_FALSE(parse({"--address="}).error.empty());
}

TEST(CommandLine, HelpIsRecognisedAndUsageMentionsDebug) {
  EXPECT_TRUE(parse({"--help"}).help);
  EXPECT_NE(usage("terraform-provider-rds").find("--debug"), std::string::npos);
}

TEST(CommandLine, VersionIsRecognisedAndPrintsVersionProtocolsAndCommit) {
  EXPECT_TRUE(parse({"--version"}).version);
  EXPECT_TRUE(parse({"-v"}).version);
  EXPECT_FALSE(parse({}).version);
  EXPECT_NE(usage("terraform-provider-rds").find("--version"), std::string::npos);
  EXPECT_EQ(version_text({"1.2.3", "0123456789abcdef0123456789abcdef01234567"}),
            "terraform-provider-rds 1.2.3\n"
            "protocol versions: 5.0, 6.0\n"
            "commit: 0123456789abcdef0123456789abcdef01234567\n");
}

}  // namespace
}  // namespace rds::plugin
