// The examples users copy must keep working: each validates, and the quickstart, import, audit and
// ca_bundle examples apply against rds-sim.
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
  for (const char* name : {"quickstart", "basic", "import", "audit", "ca_bundle"}) {
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

TEST_F(Examples, AuditTurnsSslOnForTheMatchingMySqlInstancesAndReportsTheOthersWithoutSsl) {
  start();
  sim().add_instances(
      {{{"id", "mysql-a"}, {"name", "orders"}, {"enable_ssl", false}},
       {{"id", "mysql-b"}, {"name", "orders-archive"}, {"enable_ssl", true}},
       {{"id", "mysql-c"}, {"name", "reports"}, {"enable_ssl", false}},
       {{"id", "pg-1"}, {"name", "analytics"}, {"engine", "PostgreSQL"}, {"enable_ssl", false}}});
  copy_example("audit", workspace());

  apply_ok({"-var", "name_contains=orders"});

  auto output = workspace().terraform({"output", "-json"});
  ASSERT_TRUE(output.succeeded()) << output.describe();
  auto outputs = nlohmann::json::parse(output.out);
  EXPECT_EQ(outputs["ssl_enabled"]["value"], nlohmann::json({"mysql-a", "mysql-b"})) << output.out;
  EXPECT_EQ(outputs["unmanaged_without_ssl"]["value"], nlohmann::json({{"mysql-c", "reports"}}))
      << output.out;
  EXPECT_TRUE(sim().ssl_enabled("mysql-a"));
  EXPECT_FALSE(sim().ssl_enabled("mysql-c")) << "outside name_contains: reported, not touched";
  EXPECT_FALSE(sim().ssl_enabled("pg-1")) << "only MySQL instances are touched";
  EXPECT_EQ(sim().accepted_switches(), 1) << "orders-archive already had SSL on";

  // The plan right after the apply is empty: nothing to switch, and the report reads the same.
  auto plan = workspace().terraform(
      {"plan", "-detailed-exitcode", "-input=false", "-no-color", "-var", "name_contains=orders"});
  EXPECT_EQ(plan.exit_code, 0) << "the second plan must be empty\n" << plan.describe();

  // Without a filter every MySQL instance is managed, and the report is empty.
  apply_ok();
  EXPECT_TRUE(sim().ssl_enabled("mysql-c"));
  EXPECT_EQ(sim().accepted_switches(), 2);
  output = workspace().terraform({"output", "-json"});
  EXPECT_EQ(nlohmann::json::parse(output.out)["unmanaged_without_ssl"]["value"], nlohmann::json::object());
  expect_empty_plan("after the audit covered every MySQL instance");
}

TEST_F(Examples, CaBundleOutputsTheSimsCaAndWarnsOnlyWhenItExpiresWithin30Days) {
  start();
  sim().add_instance("mysql-ca", false);
  copy_example("ca_bundle", workspace());
  const std::vector<std::string> instance{"-var", "instance_id=mysql-ca"};

  // The sim's CA is valid for a year: no warning.
  auto apply = workspace().terraform(
      {"apply", "-auto-approve", "-input=false", "-no-color", "-var", "instance_id=mysql-ca"});
  ASSERT_TRUE(apply.succeeded()) << apply.describe();
  EXPECT_TRUE(terraform_warnings(apply).empty()) << apply.describe();
  EXPECT_TRUE(sim().ssl_enabled("mysql-ca"));
  auto output = workspace().terraform({"output", "-json"});
  ASSERT_TRUE(output.succeeded()) << output.describe();
  const auto outputs = nlohmann::json::parse(output.out);
  EXPECT_EQ(outputs["ca_pem"]["value"], sim().process().admin("GET", "/_admin/ca-bundle")["pem"]);
  EXPECT_EQ(outputs["ca_fingerprints"]["value"].size(), 1u) << output.out;

  // A CA that expires in 10 days: the check block warns in the plan, which still succeeds.
  sim().process().admin("POST", "/_admin/ca-bundle", {{"valid_days", 10}});
  auto plan = workspace().terraform({"plan", "-input=false", "-no-color", "-var", "instance_id=mysql-ca"});
  ASSERT_TRUE(plan.succeeded()) << plan.describe();
  const auto warnings = terraform_warnings(plan);
  ASSERT_EQ(warnings.size(), 1u) << plan.describe();
  EXPECT_EQ(warnings[0], "Check block assertion failed") << plan.describe();
  EXPECT_EQ(occurrences(plan.plain_output(), "The CA of RDS instance mysql-ca expires at"), 1)
      << plan.describe();
}

}  // namespace
}  // namespace rds::testing
