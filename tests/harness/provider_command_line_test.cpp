// The real terraform-provider-rds run by a person: --help is the output asked for (stdout, exit 0);
// a wrong argument is a mistake (stderr, non-zero exit). Neither needs Terraform's magic cookie.
#include <gtest/gtest.h>

#include <string>

#include "tests/harness/plugin_process.h"

namespace rds::testing {
namespace {

CommandResult run_provider(const std::string& argument) {
  return run_to_completion({.argv = {provider_binary_path(), argument},
                            .env = inherited_environment({.unset = {"TF_PLUGIN_MAGIC_COOKIE"}})});
}

TEST(ProviderCommandLine, HelpPrintsUsageToStdoutAndExitsZero) {
  for (const std::string flag : {"--help", "-h", "-help"}) {
    const CommandResult result = run_provider(flag);
    EXPECT_EQ(result.exit_code, 0) << result.describe();
    EXPECT_EQ(result.out.rfind("Usage: ", 0), 0u) << result.describe();
    EXPECT_NE(result.out.find("--debug"), std::string::npos) << result.describe();
    EXPECT_EQ(result.err, "") << result.describe();
  }
}

TEST(ProviderCommandLine, UnknownArgumentIsReportedOnStderrWithANonZeroExit) {
  const CommandResult result = run_provider("--no-such-flag");
  EXPECT_NE(result.exit_code, 0) << result.describe();
  EXPECT_FALSE(result.timed_out) << result.describe();
  EXPECT_EQ(result.out, "") << result.describe();
  EXPECT_NE(result.err.find("unknown argument \"--no-such-flag\""), std::string::npos) << result.describe();
  EXPECT_NE(result.err.find("Usage: "), std::string::npos) << result.describe();
}

}  // namespace
}  // namespace rds::testing
