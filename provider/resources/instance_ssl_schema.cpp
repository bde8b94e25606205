#include "provider/resources/instance_ssl_schema.h"

#include <string>

#include "provider/config/region_attribute.h"

namespace rds::resources::instance_ssl {
namespace {

using rds::core::Attribute;
using rds::core::NestedBlock;
using rds::core::Nesting;
using rds::core::Schema;
using rds::core::Type;
using rds::core::Value;

using rds::core::described;

Attribute timeout(std::string_view name, std::string_view operation, std::string_view default_text) {
  Attribute attribute =
      described(name, Type::string(),
                "How long " + std::string(operation) +
                    " may take, as a duration such as \"30s\", \"10m\" or \"1h30m\". Default " +
                    std::string(default_text) + ".",
                "How long " + std::string(operation) +
                    " may take, as a duration such as `\"30s\"`, `\"10m\"` or `\"1h30m\"`. "
                    "Default `" +
                    std::string(default_text) + "`.");
  attribute.optional = true;
  return attribute;
}

Schema build() {
  Schema schema;
  // Version 1 added instance_name, engine and engine_version (upgrade_state fills them null); version 2
  // added name (upgrade_state copies instance_name); version 3 added region (upgrade_state leaves it null:
  // the provider's region, which the next refresh records).
  schema.version = 3;
  schema.block.description =
      "Manages the SSL setting of an RDS for MySQL instance. Destroying the resource leaves SSL as it is "
      "unless disable_on_destroy is true.";
  schema.block.markdown_description =
      "Manages the SSL setting of an RDS for MySQL instance (`PUT "
      "/v3/{project_id}/instances/{instance_id}/ssl`). "
      "Destroying the resource leaves SSL as it is unless `disable_on_destroy` is `true`. Import with the "
      "instance ID.";

  Attribute id = described(kId, Type::string(), "The instance ID (same as instance_id).",
                           "The instance ID (same as `instance_id`).");
  id.computed = true;
  id.use_state_for_unknown = true;

  Attribute instance_id = described(
      kInstanceId, Type::string(),
      "ID of the RDS for MySQL instance whose SSL setting is managed. Changing it manages another instance "
      "(the resource is replaced).",
      "ID of the RDS for MySQL instance whose SSL setting is managed. Changing it manages another instance "
      "(forces a new resource).");
  instance_id.required = true;
  instance_id.requires_replace = true;

  Attribute ssl_enable = described(kSslEnable, Type::boolean(), "Whether SSL is enabled on the instance.",
                                   "Whether SSL is enabled on the instance.");
  ssl_enable.required = true;

  Attribute disable_on_destroy = described(
      kDisableOnDestroy, Type::boolean(),
      "Whether destroying the resource turns SSL off (and waits until it is off). Default false: destroy "
      "only removes the resource from the state and leaves SSL as it is.",
      "Whether destroying the resource turns SSL off (and waits until it is off). Default `false`: destroy "
      "only removes the resource from the state and leaves SSL as it is.");
  disable_on_destroy.optional = true;
  disable_on_destroy.computed = true;
  disable_on_destroy.default_value = Value::boolean(false);

  auto context = [](std::string_view name, std::string plain, std::string markdown) {
    Attribute attribute = described(name, Type::string(), std::move(plain), std::move(markdown));
    attribute.computed = true;
    // Kept from the state when the plan cannot read the instance (e.g. the provider is not configured).
    attribute.use_state_for_unknown = true;
    return attribute;
  };
  Attribute instance_name =
      context(kInstanceName,
              "Name of the instance, as the RDS API reports it (read when the change is planned, "
              "so the plan shows which database it touches).",
              "Name of the instance, as the RDS API reports it (read when the change is planned, "
              "so the plan shows which database it touches).");
  // hashicorp/terraform internal/command/jsonformat/computed/renderers/block.go, importantAttributes: id,
  // name and tags are shown in every plan; instance_name is hidden when unchanged.
  Attribute name =
      context(kName,
              "Name of the instance, the same as instance_name. Terraform shows it in every plan, "
              "so that a reviewer sees which database a change, replacement or destroy touches.",
              "Name of the instance, the same as `instance_name`. Terraform shows it in every plan, "
              "so that a reviewer sees which database a change, replacement or destroy touches.");
  Attribute engine = context(kEngine, "Database engine of the instance, e.g. MySQL.",
                             "Database engine of the instance, e.g. `MySQL`.");
  Attribute engine_version = context(kEngineVersion, "Engine version of the instance, e.g. 8.0.",
                                     "Engine version of the instance, e.g. `8.0`.");

  schema.block.attributes = {id,
                             instance_id,
                             ssl_enable,
                             disable_on_destroy,
                             name,
                             instance_name,
                             engine,
                             engine_version,
                             rds::config::region_attribute(true)};

  NestedBlock timeouts;
  timeouts.type_name = std::string(kTimeouts);
  timeouts.nesting = Nesting::single;
  timeouts.block.description = "Time limits of the operations.";
  timeouts.block.markdown_description = "Time limits of the operations.";
  timeouts.block.attributes = {
      timeout(kCreate, "creating (setting SSL the first time)", "30m"),
      timeout(kUpdate, "updating ssl_enable", "30m"),
      timeout(kDelete, "destroying (only waits when disable_on_destroy is true)", "10m"),
  };
  schema.block.block_types = {timeouts};
  return schema;
}

}  // namespace

const Schema& schema() {
  static const Schema schema = build();
  return schema;
}

}  // namespace rds::resources::instance_ssl
