// The examples users copy must keep working: each validates, and the quickstart applies against rds-sim.
#include <gtest/gtest.h>

#include "tests/e2e/support/e2e_test.h"

namespace rds::testing {
namespace {

const std::filesystem::path kExamples = RDS_E2E_EXAMPLES_DIR;

void copy_example(const std::string& name, const TerraformWorkspace& workspace) {
  for (const auto& entry : std::filesystem::directory_iterator(kExamples / name)) {
    if (entry.path().extension() == ".tf") {
      std::filesystem::copy_file(entry.path(), workspace.dir() / entry.path().filename());
    }
  }
}

using Examples = E2eTest;

TEST_F(Examples, EveryExampleValidates) {
  for (const char* name : {"quickstart", "basic", "import"}) {
    TerraformWorkspace workspace;
    copy_example(name, workspace);
    auto validate = workspace.terraform({"validate", "-no-color"});
    EXPECT_TRUE(validate.succeeded()) << "examples/" << name << "\n" << validate.describe();
  }
}

TEST_F(Examples, QuickstartAppliesAgainstTheSimAndPlansEmpty) {
  start();
  sim().add_instance("mysql-quickstart", false);
  copy_example("quickstart", workspace());

  apply_ok();

  EXPECT_TRUE(sim().ssl_enabled("mysql-quickstart"));
  auto output = workspace().terraform({"output", "-json"});
  ASSERT_TRUE(output.succeeded()) << output.describe();
  auto outputs = nlohmann::json::parse(output.out);
  EXPECT_EQ(outputs["ssl_enabled"]["value"], true) << output.out;
  expect_empty_plan("after applying the quickstart");
}

TEST_F(Examples, ImportExampleImportsAnExistingInstanceWithoutChangingIt) {
  start();
  sim().add_instance("mysql-existing", true);
  copy_example("import", workspace());

  apply_ok({"-var", "instance_id=mysql-existing"});

  EXPECT_EQ(sim().count_requests("PUT", "/ssl"), 0) << "importing must not change the instance";
  auto plan = workspace().terraform({"plan", "-detailed-exitcode", "-var", "instance_id=mysql-existing"});
  EXPECT_EQ(plan.exit_code, 0) << plan.describe();
}

}  // namespace
}  // namespace rds::testing
