// The GoogleTest fixture every e2e scenario derives from: a sim, a workspace wired to it, and
// assertions that print the whole Terraform output when they fail.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "tests/e2e/support/sim_environment.h"
#include "tests/e2e/support/terraform_workspace.h"

namespace rds::testing {

// `resource "rds_instance_ssl" "<name>" { instance_id = "<id>" ssl_enable = <ssl> <extra> }`
std::string ssl_resource(const std::string& name, const std::string& instance_id, bool ssl_enable,
                         const std::string& extra = "");

// "mysql-" and `index` with at least `digits` digits: the ids of the tests' many numbered instances.
std::string numbered_instance_id(int index, int digits);

class E2eTest : public ::testing::Test {
 protected:
  // Fails (never skips) when terraform is missing: CI must not go green without running these.
  void SetUp() override;

  // Starts the sim (with `options`) and a workspace configured for it. Call once per test.
  void start(SimOptions options = {});

  SimEnvironment& sim() { return *sim_; }
  TerraformWorkspace& workspace() { return *workspace_; }

  // `terraform apply -auto-approve`, asserting success.
  void apply_ok(const std::vector<std::string>& extra_args = {});
  // `terraform plan -detailed-exitcode`: returns its exit code (0 = no changes, 2 = changes, 1 = error).
  CommandResult plan_detailed();
  // Asserts that a plan now reports no changes (exit code 0 of `plan -detailed-exitcode`).
  void expect_empty_plan(const std::string& why);

 private:
  std::unique_ptr<SimEnvironment> sim_;
  std::unique_ptr<TerraformWorkspace> workspace_;
};

}  // namespace rds::testing
