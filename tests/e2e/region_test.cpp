// `region` on the resource and the data sources, with real Terraform against one rds-sim that serves
// the projects of two regions (eu-de's sim-project and eu-nl's sim-project-nl). The provider's endpoint
// holds {region}: http://{region}.localhost:PORT reaches the sim for either region (libcurl resolves
// every *.localhost name to the loopback address).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "tests/e2e/support/e2e_test.h"

namespace rds::testing {
namespace {

constexpr const char* kSecondProject = "sim-project-nl";

class Region : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    if (HasFatalFailure()) return;
    SimOptions options;
    options.extra_args = {"--extra-project", std::string("eu-nl=") + kSecondProject};
    start(options);
    sim().add_instance("mysql-1", false);
    sim().add_instance("mysql-2", false);
  }

  // The sim's base URL with {region} in place of its address.
  std::string regional_endpoint() {
    std::string url = sim().base_url();
    const std::string address = "127.0.0.1";
    const auto at = url.find(address);
    EXPECT_NE(at, std::string::npos) << url;
    if (at != std::string::npos) url.replace(at, address.size(), "{region}.localhost");
    return url;
  }

  // The paths of the PUT .../ssl requests the sim answered.
  std::vector<std::string> ssl_puts() {
    std::vector<std::string> paths;
    for (const auto& request : sim().requests()) {
      const std::string path = request.value("path", "");
      if (request.value("method", "") == "PUT" && path.ends_with("/ssl")) paths.push_back(path);
    }
    return paths;
  }
};

TEST_F(Region, TwoRegionsInOneConfigurationWithoutAliasesEachReachItsOwnProject) {
  workspace().set_env("RDS_ENDPOINT", regional_endpoint());
  workspace().write_config(ssl_resource("home", "mysql-1", true) +
                           ssl_resource("other", "mysql-2", true, "region = \"eu-nl\"\n") +
                           "data \"rds_instances\" \"nl\" {\n  region = \"eu-nl\"\n}\n"
                           "output \"nl_region\" {\n  value = data.rds_instances.nl.region\n}\n");
  apply_ok();
  EXPECT_TRUE(sim().ssl_enabled("mysql-1"));
  EXPECT_TRUE(sim().ssl_enabled("mysql-2"));
  const auto puts = ssl_puts();
  EXPECT_NE(std::find(puts.begin(), puts.end(), "/v3/sim-project/instances/mysql-1/ssl"), puts.end())
      << sim().requests().dump(1);
  EXPECT_NE(
      std::find(puts.begin(), puts.end(), std::string("/v3/") + kSecondProject + "/instances/mysql-2/ssl"),
      puts.end())
      << sim().requests().dump(1);
  EXPECT_GE(sim().count_requests("GET", "/v3/projects"), 1) << "eu-nl's project is found by its name";
  EXPECT_EQ(workspace().state_resource("rds_instance_ssl.home")["values"]["region"], "eu-de");
  EXPECT_EQ(workspace().state_resource("rds_instance_ssl.other")["values"]["region"], "eu-nl");
  expect_empty_plan("both regions applied");
}

TEST_F(Region, ChangingTheRegionPlansAReplacementThatSaysSo) {
  workspace().set_env("RDS_ENDPOINT", regional_endpoint());
  workspace().write_config(ssl_resource("x", "mysql-1", true));
  apply_ok();
  workspace().write_config(ssl_resource("x", "mysql-1", true, "region = \"eu-nl\"\n"));
  auto plan = workspace().terraform({"plan", "-input=false", "-no-color"});
  ASSERT_TRUE(plan.succeeded()) << plan.describe();
  const std::string text = running_text(plan);
  EXPECT_NE(text.find("must be replaced"), std::string::npos) << plan.describe();
  EXPECT_NE(text.find("region = \"eu-de\" -> \"eu-nl\" # forces replacement"), std::string::npos)
      << plan.describe();
  EXPECT_EQ(planned_actions(workspace().plan_json(), "rds_instance_ssl.x"),
            (std::vector<std::string>{"delete", "create"}));
}

// A state written before the resource had region: no region in it. Planned with no region in the
// configuration, it is the provider's region, so nothing changes (the refresh records the region).
TEST_F(Region, AStateWithoutRegionPlansNoChange) {
  workspace().write_config(ssl_resource("x", "mysql-1", true));
  apply_ok();
  auto state = nlohmann::json::parse(workspace().read_file("terraform.tfstate"));
  auto& attributes = state["resources"][0]["instances"][0]["attributes"];
  ASSERT_TRUE(attributes.contains("region")) << state.dump(2);
  attributes.erase("region");
  state["resources"][0]["instances"][0]["schema_version"] = 2;  // the last version without region
  workspace().write_file("terraform.tfstate", state.dump(2));

  auto no_refresh = workspace().terraform({"plan", "-input=false", "-refresh=false", "-detailed-exitcode"});
  EXPECT_EQ(no_refresh.exit_code, 0) << no_refresh.describe();
  expect_empty_plan("a state without region");
  apply_ok();
  EXPECT_EQ(workspace().state_resource("rds_instance_ssl.x")["values"]["region"], "eu-de");
  EXPECT_EQ(sim().count_requests("PUT", "/ssl"), 1) << "only the first apply switched SSL";
}

TEST_F(Region, ImportFromAnotherRegionTakesRegionSlashId) {
  workspace().set_env("RDS_ENDPOINT", regional_endpoint());
  sim().flip_ssl_out_of_band("mysql-2", true);
  workspace().write_config(ssl_resource("x", "mysql-2", true, "region = \"eu-nl\"\n"));
  auto import = workspace().terraform({"import", "-input=false", "rds_instance_ssl.x", "eu-nl/mysql-2"});
  ASSERT_TRUE(import.succeeded()) << import.describe();
  const auto values = workspace().state_resource("rds_instance_ssl.x")["values"];
  EXPECT_EQ(values["region"], "eu-nl");
  EXPECT_EQ(values["instance_id"], "mysql-2");
  EXPECT_GE(sim().count_requests("GET", std::string("/v3/") + kSecondProject + "/instances"), 1);
  expect_empty_plan("imported from eu-nl");
}

TEST_F(Region, AnEndpointWithoutThePlaceholderRefusesAnotherRegionNamingBoth) {
  workspace().write_config(ssl_resource("x", "mysql-1", true, "region = \"eu-nl\"\n"));
  auto plan = workspace().terraform({"plan", "-input=false", "-no-color"});
  EXPECT_EQ(plan.exit_code, 1) << plan.describe();
  const std::string text = running_text(plan);
  EXPECT_NE(text.find("Cannot use region \"eu-nl\""), std::string::npos) << plan.describe();
  EXPECT_NE(text.find("environment variable RDS_ENDPOINT"), std::string::npos) << plan.describe();
  EXPECT_NE(text.find("{region}"), std::string::npos) << plan.describe();
  EXPECT_EQ(sim().count_requests("PUT", "/ssl"), 0);
}

TEST_F(Region, AHostileRegionFailsValidate) {
  workspace().write_config(ssl_resource("x", "mysql-1", true, "region = \"evil.example/\"\n"));
  auto validate = workspace().terraform({"validate", "-no-color"});
  EXPECT_EQ(validate.exit_code, 1) << validate.describe();
  const std::string text = running_text(validate);
  EXPECT_NE(text.find("Invalid region"), std::string::npos) << validate.describe();
  EXPECT_NE(text.find("only letters, digits, - and _ are allowed"), std::string::npos) << validate.describe();
  EXPECT_EQ(sim().requests().size(), 0u);
}

}  // namespace
}  // namespace rds::testing
