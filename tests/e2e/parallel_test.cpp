// Twenty resources applied with Terraform's default parallelism (10).
#include <gtest/gtest.h>

#include "tests/e2e/support/e2e_test.h"

namespace rds::testing {
namespace {

using Parallel = E2eTest;

std::string instance_name(int index) { return numbered_instance_id(index, 2); }

TEST_F(Parallel, TwentyResourcesApplyWithDefaultParallelism) {
  constexpr int kResources = 20;
  start();
  std::string config;
  for (int i = 1; i <= kResources; ++i) {
    sim().add_instance(instance_name(i), i % 2 == 0);  // half already on, half to switch
    config += ssl_resource("r" + std::to_string(i), instance_name(i), true);
  }
  workspace().write_config(config);

  apply_ok();

  for (int i = 1; i <= kResources; ++i) EXPECT_TRUE(sim().ssl_enabled(instance_name(i))) << instance_name(i);
  // One API client (one connection pool) per configured provider, whose connections are reused: the
  // apply starts two configured provider processes (its plan and its apply), each with at most
  // -parallelism (10) calls in flight, so at most 2 x 10 connections, whatever the number of requests.
  auto requests = sim().requests().size();
  auto connections = sim().process().connections();
  RecordProperty("api_requests", static_cast<int>(requests));
  RecordProperty("tcp_connections", connections);
  constexpr int kParallelism = 10, kConfiguredProcesses = 2;
  // Reads sent at once go out as lists (batch_reads), so there are fewer requests than resources'
  // reads; there are still more of them than connections, which are reused.
  EXPECT_GE(requests, static_cast<size_t>(kResources)) << "ten switches, and reads before and after them";
  EXPECT_GT(requests, static_cast<size_t>(connections));
  EXPECT_LE(connections, kConfiguredProcesses * kParallelism)
      << connections << " connections for " << requests << " requests: connections are not reused";
  auto state = workspace().state_json();
  EXPECT_EQ(state["values"]["root_module"]["resources"].size(), static_cast<size_t>(kResources));
  expect_empty_plan("after applying twenty resources");
}

}  // namespace
}  // namespace rds::testing
