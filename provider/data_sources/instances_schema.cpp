#include "provider/data_sources/instances_schema.h"

#include "provider/config/region_attribute.h"
#include "provider/data_sources/instance_fields.h"

namespace rds::data_sources::instances {
namespace {

using rds::core::Attribute;
using rds::core::Schema;
using rds::core::Type;

using rds::core::described;

Attribute filter(std::string_view name, Type type, std::string plain, std::string markdown) {
  Attribute a = described(name, std::move(type), std::move(plain), std::move(markdown));
  a.optional = true;
  return a;
}

Attribute result(std::string_view name, Type type, std::string plain, std::string markdown) {
  Attribute a = described(name, std::move(type), std::move(plain), std::move(markdown));
  a.computed = true;
  return a;
}

Schema build() {
  Schema schema;
  schema.block.description =
      "Lists the RDS instances of the project that match every filter given (all instances without "
      "filters), sorted by name, then ID.";
  schema.block.markdown_description =
      "Lists the RDS instances of the project (`GET /v3/{project_id}/instances`, every page) that match "
      "every filter given (all instances without filters), sorted by name, then ID.";
  schema.block.attributes = {
      filter(kName, Type::string(),
             "Only instances with this exact name; a leading * matches every instance whose name contains "
             "the rest (the RDS API's fuzzy match), e.g. \"*orders\".",
             "Only instances with this exact name. A leading `*` is the RDS API's fuzzy match: `\"*orders\"` "
             "matches every instance whose name contains `orders`."),
      filter(kEngine, Type::string(), "Only instances of this engine: MySQL, PostgreSQL or SQLServer.",
             "Only instances of this engine: `MySQL`, `PostgreSQL` or `SQLServer` (any case)."),
      filter(kType, Type::string(), "Only instances of this type: Single, Ha or Replica.",
             "Only instances of this type: `Single`, `Ha` or `Replica` (any case)."),
      filter(kSslEnable, Type::boolean(),
             "Only instances whose SSL setting is this. Instances whose API answer does not report SSL "
             "(old API versions) match neither true nor false.",
             "Only instances whose SSL setting is this. Instances whose API answer does not report SSL "
             "(old API versions) match neither `true` nor `false`."),
      result(kInstances, Type::list(instance_fields::object_type()),
             "The matching instances, sorted by name, then ID. Each has the attributes of the rds_instance "
             "data source.",
             "The matching instances, sorted by name, then ID. Each has the attributes of the "
             "`rds_instance` data source: `id`, `name`, `status`, `type`, `engine`, `engine_version`, "
             "`ssl_enable`, `port`, `private_ips`, `public_ips`, `region`, `created`, `updated`."),
      result(kIds, Type::list(Type::string()), "The IDs of the matching instances, in the same order.",
             "The IDs of the matching instances, in the same order as `instances`."),
      rds::config::region_attribute(false),
  };
  return schema;
}

}  // namespace

const Schema& schema() {
  static const Schema schema = build();
  return schema;
}

}  // namespace rds::data_sources::instances
