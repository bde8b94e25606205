#include "provider/resources/instance_ssl_state.h"

#include "provider/config/region_attribute.h"
#include "provider/resources/instance_ssl_schema.h"

namespace rds::resources::instance_ssl {

using rds::core::Type;
using rds::core::Value;

namespace {
Value optional_string(const std::optional<std::string>& text) {
  return text ? Value::string(*text) : Value::null(Type::string());
}
std::optional<std::string> known_string(const Value& resource, std::string_view name) {
  if (resource.is_null() || !resource.is_known()) return std::nullopt;
  const Value& value = resource.attr(name);
  if (!value.is_known() || value.is_null()) return std::nullopt;
  return value.as_string();
}
}  // namespace

InstanceFacts facts_of(const rds::client::Instance& instance) {
  return InstanceFacts{instance.name, instance.engine, instance.engine_version};
}

InstanceFacts known_facts_or(const Value& resource, const InstanceFacts& fallback) {
  // A planned value (known, even null) wins; an unknown one is filled from `fallback`.
  auto pick = [&](std::string_view name,
                  const std::optional<std::string>& other) -> std::optional<std::string> {
    if (resource.is_null() || !resource.is_known() || !resource.attr(name).is_known()) return other;
    return known_string(resource, name);
  };
  return InstanceFacts{pick(kInstanceName, fallback.name), pick(kEngine, fallback.engine),
                       pick(kEngineVersion, fallback.engine_version)};
}

Value with_facts(const Value& resource, const InstanceFacts& facts) {
  return resource.with_attr(kName, optional_string(facts.name))
      .with_attr(kInstanceName, optional_string(facts.name))
      .with_attr(kEngine, optional_string(facts.engine))
      .with_attr(kEngineVersion, optional_string(facts.engine_version));
}

Value state_from_api(const std::string& instance_id, bool ssl_enable, const Value& carried,
                     const InstanceFacts& facts) {
  const Type type = schema().value_type();
  bool disable = false;
  Value timeouts = Value::null(type.attributes().at(std::string(kTimeouts)));
  Value region = Value::null(Type::string());
  if (!carried.is_null() && carried.is_known()) {
    // Unknown only in a plan made before the provider was configured: the apply fills it in.
    if (carried.attr(rds::config::kRegion).is_known()) region = carried.attr(rds::config::kRegion);
    disable = disable_on_destroy(carried);
    // A new state has no unknowns: a timeouts block that was still unknown in the plan is dropped
    // (it only ever steers the provider, never the API).
    if (carried.attr(kTimeouts).is_wholly_known()) timeouts = carried.attr(kTimeouts);
  }
  return Value::object(type, {
                                 {std::string(kId), Value::string(instance_id)},
                                 {std::string(kInstanceId), Value::string(instance_id)},
                                 {std::string(kSslEnable), Value::boolean(ssl_enable)},
                                 {std::string(kDisableOnDestroy), Value::boolean(disable)},
                                 {std::string(kName), optional_string(facts.name)},
                                 {std::string(kInstanceName), optional_string(facts.name)},
                                 {std::string(kEngine), optional_string(facts.engine)},
                                 {std::string(kEngineVersion), optional_string(facts.engine_version)},
                                 {std::string(kTimeouts), timeouts},
                                 {std::string(rds::config::kRegion), region},
                             });
}

std::string instance_id_of(const Value& resource) {
  if (resource.is_null() || !resource.is_known()) return {};
  if (auto id = resource.get_string(kInstanceId); id && !id->empty()) return *id;
  return resource.get_string(kId).value_or("");
}

bool disable_on_destroy(const Value& resource) {
  if (resource.is_null() || !resource.is_known()) return false;
  return resource.get_bool(kDisableOnDestroy).value_or(false);
}

}  // namespace rds::resources::instance_ssl
