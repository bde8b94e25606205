// A gateway that throttles (rds-sim --rate-limit 10) and 50 resources at Terraform's default parallelism:
// the apply and the plan succeed and no 429 reaches the user, because every 429 slows the whole provider
// process down. With max_requests_per_second under the gateway's limit, the gateway never throttles.
#include <gtest/gtest.h>

#include "tests/e2e/support/e2e_test.h"

namespace rds::testing {
namespace {

class RateLimit : public E2eTest {
 protected:
  void start_throttled(const std::string& provider_block, int resources) {
    SimOptions options;
    options.extra_args = {"--rate-limit", "10"};
    options.ssl_switch_seconds = 0.2;
    start(options);
    std::string config = provider_block;
    for (int i = 1; i <= resources; ++i) {
      const std::string id = numbered_instance_id(i, 2);
      sim().add_instance(id, false);
      config += ssl_resource(std::string("r") + std::to_string(i), id, true);
    }
    workspace().write_config(config);
  }
  long throttled() {
    long total = 0;
    const nlohmann::json stats = sim().process().admin("GET", "/_admin/rate-limit");
    for (const auto& [route, counts] : stats["routes"].items()) total += counts["throttled"].get<long>();
    return total;
  }
};

TEST_F(RateLimit, FiftyResourcesAgainstAThrottlingGatewayApplyAndPlanWithoutA429ReachingTheUser) {
  constexpr int kResources = 50;
  start_throttled("", kResources);
  auto apply = workspace().terraform({"apply", "-auto-approve", "-input=false", "-no-color"});
  ASSERT_TRUE(apply.succeeded()) << apply.describe();
  EXPECT_GT(throttled(), 0) << "the gateway must really have throttled the apply\n"
                            << sim().process().admin("GET", "/_admin/rate-limit").dump(1);
  EXPECT_EQ(apply.plain_output().find("429"), std::string::npos) << apply.describe();
  EXPECT_EQ(sim().accepted_switches(), kResources) << "one switch per instance";
  auto plan = plan_detailed();
  EXPECT_EQ(plan.exit_code, 0) << plan.describe();
  EXPECT_EQ(plan.plain_output().find("429"), std::string::npos) << plan.describe();
}

TEST_F(RateLimit, AProviderCappedBelowTheGatewaysLimitIsNeverThrottled) {
  constexpr int kResources = 20;  // at 5 calls per second, each takes about a second of the test
  start_throttled("provider \"rds\" {\n  max_requests_per_second = 5\n}\n", kResources);
  apply_ok();
  EXPECT_EQ(sim().accepted_switches(), kResources);
  EXPECT_EQ(throttled(), 0) << sim().process().admin("GET", "/_admin/rate-limit").dump(1);
  expect_empty_plan("with the provider's own cap");
  EXPECT_EQ(throttled(), 0);
}

}  // namespace
}  // namespace rds::testing
