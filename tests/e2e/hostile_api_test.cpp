// An API that answers with hostile bodies, with the real Terraform over protocols 5 and 6: a huge or
// endless answer, or a list that never ends, fails the plan fast with a message naming the call, and the
// sim's request log proves the hostile answer was sent (once: such answers are never retried).
#include <gtest/gtest.h>

#include "tests/e2e/support/protocol_version_test.h"

namespace rds::testing {
namespace {

using HostileApi = ProtocolVersionTest;

constexpr const char* kListAll = "data \"rds_instances\" \"all\" {}\n";

TEST_P(HostileApi, AThreeHundredMiBAnswerFailsFastWithAClearMessage) {
  start();
  attach_provider(GetParam());
  if (HasFatalFailure()) return;
  sim().inject_fault({{"kind", "huge_body"}, {"size_mb", 300}, {"count", 100}});
  workspace().write_config(kListAll);

  auto plan = workspace().terraform({"plan", "-input=false", "-no-color"});

  EXPECT_EQ(plan.exit_code, 1) << plan.describe();
  EXPECT_NE(running_text(plan).find("answer too large: more than 16 MiB"), std::string::npos)
      << plan.describe();
  EXPECT_NE(running_text(plan).find("list instances (GET /v3/"), std::string::npos) << plan.describe();
  EXPECT_EQ(sim().faulted_requests("huge_body"), 1) << "refused once, never retried";
}

TEST_P(HostileApi, AnEndlessAnswerFailsWithAClearMessage) {
  start();
  attach_provider(GetParam());
  if (HasFatalFailure()) return;
  sim().inject_fault({{"kind", "endless_body"}, {"count", 100}});
  workspace().write_config(kListAll);

  auto plan = workspace().terraform({"plan", "-input=false", "-no-color"});

  EXPECT_EQ(plan.exit_code, 1) << plan.describe();
  EXPECT_NE(running_text(plan).find("answer too large: more than 16 MiB"), std::string::npos)
      << plan.describe();
  EXPECT_EQ(sim().faulted_requests("endless_body"), 1) << "cut off once, never retried";
}

TEST_P(HostileApi, AListThatNeverEndsFailsSayingSoWithoutAskingForATimeout) {
  start();
  attach_provider(GetParam());
  if (HasFatalFailure()) return;
  sim().inject_fault({{"kind", "paging"}, {"paging", "endless"}, {"count", 100000}});
  workspace().write_config(kListAll);

  auto plan = workspace().terraform({"plan", "-input=false", "-no-color"});

  EXPECT_EQ(plan.exit_code, 1) << plan.describe();
  EXPECT_NE(running_text(plan).find("past 1000 pages"), std::string::npos) << plan.describe();
  EXPECT_EQ(running_text(plan).find("timeout"), std::string::npos)
      << "a data source has no timeout to raise\n"
      << plan.describe();
  EXPECT_EQ(sim().faulted_requests("paging"), 1000);
}

INSTANTIATE_TEST_SUITE_P(RealTerraform, HostileApi, ::testing::Values(5, 6), protocol_name);

}  // namespace
}  // namespace rds::testing
