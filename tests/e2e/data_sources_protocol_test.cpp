// The four data sources through real Terraform over protocol 5 and over protocol 6: the validate and
// read RPCs have different names in the two versions (v5 ValidateDataSourceConfig, v6
// ValidateDataResourceConfig), so each version reads, validates and reports errors once.
#include <gtest/gtest.h>

#include "tests/e2e/support/protocol_version_test.h"

namespace rds::testing {
namespace {

using DataSourcesOverProtocol = ProtocolVersionTest;

TEST_P(DataSourcesOverProtocol, ReadValidateAndReportErrors) {
  start();
  sim().add_instances({{{"id", "m1"}, {"name", "orders"}, {"enable_ssl", false}, {"port", 3307}},
                       {{"id", "m2"}, {"name", "billing"}, {"enable_ssl", true}},
                       {{"id", "p1"}, {"name", "reports"}, {"engine", "PostgreSQL"}}});
  attach_provider(GetParam());
  if (HasFatalFailure()) return;

  workspace().write_config(R"(provider "rds" {}
data "rds_instance" "by_id" { id = "m1" }
data "rds_instance" "by_name" { name = "billing" }
data "rds_instances" "mysql_without_ssl" {
  engine     = "MySQL"
  ssl_enable = false
}
data "rds_ssl_certificates" "orders" { instance_id = data.rds_instance.by_id.id }
data "rds_ssl_ca_bundle" "orders" { instance_id = data.rds_instance.by_id.id }
output "by_id_port" { value = data.rds_instance.by_id.port }
output "by_name_id" { value = data.rds_instance.by_name.id }
output "without_ssl" { value = data.rds_instances.mysql_without_ssl.ids }
output "categories" { value = data.rds_ssl_certificates.orders.certificates[*].category }
output "ca_pem" { value = data.rds_ssl_ca_bundle.orders.pem }
)");
  apply_ok();
  auto output = workspace().terraform({"output", "-json"});
  ASSERT_TRUE(output.succeeded()) << output.describe();
  auto outputs = nlohmann::json::parse(output.out);
  EXPECT_EQ(outputs["by_id_port"]["value"], 3307);
  EXPECT_EQ(outputs["by_name_id"]["value"], "m2");
  EXPECT_EQ(outputs["without_ssl"]["value"], nlohmann::json({"m1"}));
  EXPECT_EQ(outputs["categories"]["value"], nlohmann::json({"international", "national"}));
  EXPECT_EQ(outputs["ca_pem"]["value"], sim().process().admin("GET", "/_admin/ca-bundle")["pem"]);
  expect_empty_plan("after reading unchanged instances");

  workspace().write_config("provider \"rds\" {}\ndata \"rds_instance\" \"x\" {}\n");
  auto validate = workspace().terraform({"validate", "-no-color"});
  EXPECT_EQ(validate.exit_code, 1) << validate.describe();
  EXPECT_NE(validate.plain_output().find("Missing argument"), std::string::npos) << validate.describe();

  workspace().write_config(
      "provider \"rds\" {}\ndata \"rds_ssl_certificates\" \"x\" { instance_id = \"p1\" }\n");
  auto plan = workspace().terraform({"plan", "-input=false", "-no-color"});
  EXPECT_EQ(plan.exit_code, 1) << plan.describe();
  EXPECT_NE(plan.plain_output().find("SSL certificate links are not offered"), std::string::npos)
      << plan.describe();
}

INSTANTIATE_TEST_SUITE_P(RealTerraform, DataSourcesOverProtocol, ::testing::Values(5, 6), protocol_name);

}  // namespace
}  // namespace rds::testing
