#include "provider/data_sources/instance_fields.h"

namespace rds::data_sources::instance_fields {
namespace {

using rds::core::Attribute;
using rds::core::Type;
using rds::core::Value;

Attribute computed(std::string_view name, Type type, std::string plain, std::string markdown) {
  Attribute attribute = rds::core::described(name, std::move(type), std::move(plain), std::move(markdown));
  attribute.computed = true;
  return attribute;
}

Value strings(const std::vector<std::string>& items) {
  std::vector<Value> values;
  for (const auto& item : items) values.push_back(Value::string(item));
  return Value::list(Type::string(), std::move(values));
}

}  // namespace

std::vector<Attribute> attributes() {
  return {
      computed(kId, Type::string(), "The instance ID.", "The instance ID."),
      computed(kName, Type::string(), "The instance name.", "The instance name."),
      computed(kStatus, Type::string(), "The instance status, e.g. ACTIVE, BACKING UP or FAILED.",
               "The instance status, e.g. `ACTIVE`, `BACKING UP` or `FAILED`."),
      computed(kType, Type::string(), "The instance type: Single, Ha or Replica.",
               "The instance type: `Single`, `Ha` or `Replica`."),
      computed(kEngine, Type::string(), "The database engine: MySQL, PostgreSQL or SQLServer.",
               "The database engine (`datastore.type`): `MySQL`, `PostgreSQL` or `SQLServer`."),
      computed(kEngineVersion, Type::string(), "The engine version, e.g. 8.0.",
               "The engine version (`datastore.version`), e.g. `8.0`."),
      computed(kSslEnable, Type::boolean(),
               "Whether SSL is enabled. Null when the API does not report it (old API versions).",
               "Whether SSL is enabled (`enable_ssl`). Null when the API does not report it (old API "
               "versions)."),
      computed(kPort, Type::number(), "The database port.", "The database port."),
      computed(kPrivateIps, Type::list(Type::string()), "The private IP addresses.",
               "The private IP addresses."),
      computed(kPublicIps, Type::list(Type::string()), "The public IP addresses (empty without an EIP).",
               "The public IP addresses (empty without an EIP)."),
      computed(kRegion, Type::string(), "The region the instance runs in.",
               "The region the instance runs in."),
      computed(kCreated, Type::string(), "When the instance was created, as the API writes it.",
               "When the instance was created, as the API writes it (e.g. `2026-11-28T00:00:00+0000`)."),
      computed(kUpdated, Type::string(), "When the instance was last updated, as the API writes it.",
               "When the instance was last updated, as the API writes it."),
  };
}

Type object_type() {
  static const Type type = [] {
    std::map<std::string, Type> types;
    for (const auto& attribute : attributes()) types.emplace(attribute.name, attribute.type);
    return Type::object(std::move(types));
  }();
  return type;
}

std::map<std::string, Value> values(const rds::client::Instance& instance) {
  return {
      {std::string(kId), Value::string(instance.id)},
      {std::string(kName), Value::string(instance.name)},
      {std::string(kStatus), Value::string(instance.status)},
      {std::string(kType), Value::string(instance.type)},
      {std::string(kEngine), Value::string(instance.engine)},
      {std::string(kEngineVersion), Value::string(instance.engine_version)},
      {std::string(kSslEnable),
       instance.enable_ssl ? Value::boolean(*instance.enable_ssl) : Value::null(Type::boolean())},
      {std::string(kPort),
       instance.port ? Value::number(int64_t{*instance.port}) : Value::null(Type::number())},
      {std::string(kPrivateIps), strings(instance.private_ips)},
      {std::string(kPublicIps), strings(instance.public_ips)},
      {std::string(kRegion), Value::string(instance.region)},
      {std::string(kCreated), Value::string(instance.created)},
      {std::string(kUpdated), Value::string(instance.updated)},
  };
}

}  // namespace rds::data_sources::instance_fields
