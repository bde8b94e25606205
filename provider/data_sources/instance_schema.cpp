#include "provider/data_sources/instance_schema.h"

#include "provider/data_sources/instance_fields.h"

namespace rds::data_sources::instance {
namespace {

using rds::core::Schema;
namespace fields = instance_fields;

Schema build() {
  Schema schema;
  schema.block.description =
      "Reads one RDS instance, looked up by its ID or by its exact name (set exactly one of the two).";
  schema.block.markdown_description =
      "Reads one RDS instance (`GET /v3/{project_id}/instances`), looked up by its `id` or by its exact "
      "`name`: set exactly one of the two.";
  schema.block.attributes = fields::attributes();
  for (auto& attribute : schema.block.attributes) {
    if (attribute.name == fields::kId) {
      attribute.optional = true;
      attribute.description =
          "The ID of the instance to read. Set id or name, not both; when name is set, the ID found.";
      attribute.markdown_description =
          "The ID of the instance to read. Set `id` or `name`, not both; when `name` is set, the ID found.";
    } else if (attribute.name == fields::kRegion) {
      attribute.optional = true;
      attribute.description =
          "The region to read the instance in, e.g. \"eu-nl\". Default: the provider's region. Read: the "
          "region the instance runs in.";
      attribute.markdown_description =
          "The region to read the instance in, e.g. `\"eu-nl\"`: its API and project are asked. Default: "
          "the provider's `region`. Read: the region the instance runs in.";
    } else if (attribute.name == fields::kName) {
      attribute.optional = true;
      attribute.description =
          "The exact name of the instance to read; exactly one instance must have it. Set id or name, "
          "not both; when id is set, the instance's name.";
      attribute.markdown_description =
          "The exact name of the instance to read; exactly one instance must have it (to search by part "
          "of a name, use `rds_instances`). Set `id` or `name`, not both; when `id` is set, the "
          "instance's name.";
    }
  }
  return schema;
}

}  // namespace

const Schema& schema() {
  static const Schema schema = build();
  return schema;
}

}  // namespace rds::data_sources::instance
