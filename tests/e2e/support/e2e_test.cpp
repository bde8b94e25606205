#include "tests/e2e/support/e2e_test.h"

namespace rds::testing {

std::string numbered_instance_id(int index, int digits) {
  std::string number = std::to_string(index);
  if (number.size() < static_cast<std::size_t>(digits)) number.insert(0, digits - number.size(), '0');
  return "mysql-" + number;
}

std::string ssl_resource(const std::string& name, const std::string& instance_id, bool ssl_enable,
                         const std::string& extra) {
  return "resource \"rds_instance_ssl\" \"" + name + "\" {\n  instance_id = \"" + instance_id +
         "\"\n  ssl_enable  = " + (ssl_enable ? "true" : "false") + "\n" + extra + "}\n";
}

void E2eTest::SetUp() {
  ASSERT_FALSE(terraform_path().empty())
      << "terraform is not on PATH: the e2e tests need the real Terraform CLI (1.x). Install it; these tests "
         "fail rather than skip so that CI cannot pass without running them.";
  ASSERT_TRUE(std::filesystem::exists(provider_bin_dir() / "terraform-provider-rds"))
      << "the provider binary is missing from " << provider_bin_dir();
}

void E2eTest::start(SimOptions options) {
  sim_ = std::make_unique<SimEnvironment>(options);
  workspace_ = std::make_unique<TerraformWorkspace>(sim_->provider_env());
}

void E2eTest::apply_ok(const std::vector<std::string>& extra_args) {
  std::vector<std::string> args{"apply", "-auto-approve", "-input=false"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  auto apply = workspace().terraform(args);
  ASSERT_TRUE(apply.succeeded()) << apply.describe();
}

CommandResult E2eTest::plan_detailed() {
  return workspace().terraform({"plan", "-input=false", "-detailed-exitcode"});
}

void E2eTest::expect_empty_plan(const std::string& why) {
  auto plan = plan_detailed();
  EXPECT_EQ(plan.exit_code, 0) << "expected an empty plan " << why << "\n" << plan.describe();
}

}  // namespace rds::testing
