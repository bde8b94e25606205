// State written by an older schema is upgraded, and an instance_id that is only known at apply
// time (it comes from another resource) plans and applies.
#include <gtest/gtest.h>

#include "tests/e2e/support/e2e_test.h"

namespace rds::testing {
namespace {

using State = E2eTest;

TEST_F(State, InstanceIdKnownOnlyAtApplyPlansAndApplies) {
  start();
  sim().add_instance("mysql-1", false);
  // terraform_data's output is unknown until it is applied, like the id of an instance created alongside.
  workspace().write_config(R"(resource "terraform_data" "instance" {
  input = "mysql-1"
}
)" + ssl_resource("x", "${terraform_data.instance.output}", true));

  auto plan = workspace().plan_json();
  bool id_unknown = false;
  for (const auto& change : plan["resource_changes"]) {
    if (change["address"] == "rds_instance_ssl.x")
      id_unknown = change["change"]["after_unknown"].value("id", false);
  }
  EXPECT_TRUE(id_unknown) << "id follows instance_id, which is unknown at plan time\n" << plan.dump(2);

  apply_ok();

  EXPECT_TRUE(sim().ssl_enabled("mysql-1"));
  EXPECT_EQ(workspace().state_resource("rds_instance_ssl.x")["values"]["id"], "mysql-1");
  expect_empty_plan("once the instance_id is known");
}

TEST_F(State, StateFromSchemaVersionZeroWithARetiredAttributeIsUpgraded) {
  start();
  sim().add_instance("mysql-1", true);
  workspace().write_config(ssl_resource("x", "mysql-1", true));
  // A state as an earlier provider build might have written it: schema version 0 with an attribute
  // ("legacy_mode") that today's schema no longer has. Terraform hands it over as JSON to
  // UpgradeResourceState.
  workspace().write_file("terraform.tfstate", R"({
  "version": 4,
  "terraform_version": "1.11.4",
  "serial": 1,
  "lineage": "e2e-upgrade-test",
  "outputs": {},
  "resources": [
    {
      "mode": "managed",
      "type": "rds_instance_ssl",
      "name": "x",
      "provider": "provider[\"registry.terraform.io/local/rds\"]",
      "instances": [
        {
          "schema_version": 0,
          "attributes": {
            "id": "mysql-1",
            "instance_id": "mysql-1",
            "ssl_enable": true,
            "disable_on_destroy": false,
            "timeouts": null,
            "legacy_mode": "on"
          },
          "sensitive_attributes": []
        }
      ]
    }
  ],
  "check_results": null
}
)");

  expect_empty_plan("after upgrading the old state");
  apply_ok();
  auto values = workspace().state_resource("rds_instance_ssl.x")["values"];
  EXPECT_EQ(values["ssl_enable"], true);
  EXPECT_FALSE(values.contains("legacy_mode")) << values.dump(2);
  EXPECT_EQ(values["engine"], "MySQL") << "the apply fills the attributes version 0 did not have";
}

}  // namespace
}  // namespace rds::testing
