#include "provider/core/plan_rules.h"

namespace rds::core {
namespace {

bool is_known_object(const Value& v) { return v.is_known() && !v.is_null(); }

// The attribute `name` of `object`, or a null of `type` when the object itself is null or unknown
// (a block left out of the config, or no prior state on create).
Value attr_or_null(const Value& object, const std::string& name, const Type& type) {
  if (!is_known_object(object)) return Value::null(type);
  return object.attr(name);
}

Value element_or_null(const Value& collection, size_t i, const Type& type) {
  if (!is_known_object(collection) || i >= collection.elements().size()) return Value::null(type);
  return collection.elements()[i];
}

Value entry_or_null(const Value& collection, const std::string& key, const Type& type) {
  if (!is_known_object(collection)) return Value::null(type);
  auto it = collection.entries().find(key);
  return it == collection.entries().end() ? Value::null(type) : it->second;
}

class Planner {
 public:
  Planner(bool resource_changes, bool updating, std::vector<AttributePath>& requires_replace)
      : resource_changes_(resource_changes), updating_(updating), requires_replace_(requires_replace) {}

  Value plan_block(const Block& block, const Value& prior, const Value& proposed, const Value& config,
                   const AttributePath& path) {
    if (!is_known_object(proposed)) return proposed;
    std::map<std::string, Value> planned = proposed.entries();
    for (const auto& attribute : block.attributes) {
      Value prior_value = attr_or_null(prior, attribute.name, attribute.type);
      Value config_value = attr_or_null(config, attribute.name, attribute.type);
      Value& value = planned[attribute.name];
      value = plan_attribute(attribute, prior_value, value, config_value);
      // Replacement only makes sense for an object that exists; unknown counts as a change, since
      // it may turn out different (terraform-plugin-framework's RequiresReplace does the same).
      if (attribute.requires_replace && updating_ && is_known_object(prior) && !(value == prior_value)) {
        requires_replace_.push_back(path.attribute(attribute.name));
      }
    }
    for (const auto& nested : block.block_types) {
      Value& value = planned[nested.type_name];
      value =
          plan_nested(nested, attr_or_null(prior, nested.type_name, value.type()), value,
                      attr_or_null(config, nested.type_name, value.type()), path.attribute(nested.type_name));
    }
    return Value::object(proposed.type(), std::move(planned));
  }

 private:
  Value plan_attribute(const Attribute& attribute, const Value& prior, const Value& proposed,
                       const Value& config) {
    // Terraform requires non-null config values to be planned as they are; only computed attributes the
    // config leaves null are the provider's to decide.
    if (!config.is_null() || !attribute.computed) return proposed;
    if (attribute.default_value) return *attribute.default_value;
    if (!resource_changes_) return proposed;  // proposed == prior here: keeps a no-op plan empty
    if (attribute.use_state_for_unknown && !prior.is_null() && prior.is_known()) return prior;
    return Value::unknown(attribute.type);
  }

  Value plan_nested(const NestedBlock& nested, const Value& prior, const Value& proposed, const Value& config,
                    const AttributePath& path) {
    if (!is_known_object(proposed)) return proposed;
    switch (nested.nesting) {
      case Nesting::single:
      case Nesting::group:
        return plan_block(nested.block, prior, proposed, config, path);
      case Nesting::list:
      case Nesting::set: {
        // List elements are matched by index. Set elements have no identity to match by, so they are
        // planned as new objects.
        const Type& element_type = proposed.type().element();
        bool by_index = nested.nesting == Nesting::list;
        std::vector<Value> elements;
        for (size_t i = 0; i < proposed.elements().size(); ++i) {
          Value p = by_index ? element_or_null(prior, i, element_type) : Value::null(element_type);
          Value c = by_index ? element_or_null(config, i, element_type) : Value::null(element_type);
          elements.push_back(
              plan_block(nested.block, p, proposed.elements()[i], c, path.index(static_cast<int64_t>(i))));
        }
        return by_index ? Value::list(element_type, std::move(elements))
                        : Value::set(element_type, std::move(elements));
      }
      case Nesting::map: {
        const Type& element_type = proposed.type().element();
        std::map<std::string, Value> entries;
        for (const auto& [key, element] : proposed.entries()) {
          entries[key] = plan_block(nested.block, entry_or_null(prior, key, element_type), element,
                                    entry_or_null(config, key, element_type), path.key(key));
        }
        return Value::map(element_type, std::move(entries));
      }
    }
    return proposed;
  }

  bool resource_changes_;
  bool updating_;
  std::vector<AttributePath>& requires_replace_;
};

}  // namespace

PlannedChange plan_from_schema(const Schema& schema, const Value& prior_state,
                               const Value& proposed_new_state, const Value& config) {
  PlannedChange change;
  if (proposed_new_state.is_null()) {  // destroy
    change.planned_state = proposed_new_state;
    return change;
  }
  bool updating = !prior_state.is_null();
  bool resource_changes = !updating || !(proposed_new_state == prior_state);
  Planner planner(resource_changes, updating, change.requires_replace);
  change.planned_state =
      planner.plan_block(schema.block, prior_state, proposed_new_state, config, AttributePath());
  return change;
}

}  // namespace rds::core
