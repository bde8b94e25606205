#include "provider/core/config_rules.h"

namespace rds::core {
namespace {

void check_block(const Block& block, const Value& value, const AttributePath& at, Diagnostics& diags) {
  if (value.is_null() || !value.is_known()) return;
  for (const auto& attribute : block.attributes) {
    const bool read_only = attribute.computed && !attribute.optional && !attribute.required;
    if (read_only && !value.attr(attribute.name).is_null()) {
      const AttributePath path = at.empty() ? AttributePath(attribute.name) : at.attribute(attribute.name);
      diags.error("Invalid configuration for read-only attribute",
                  path.to_string() +
                      " is set by the provider and cannot be configured. Remove it from the "
                      "configuration.",
                  path);
    }
  }
  for (const auto& nested : block.block_types) {
    const Value& nested_value = value.attr(nested.type_name);
    const AttributePath path = at.empty() ? AttributePath(nested.type_name) : at.attribute(nested.type_name);
    if (nested.nesting == Nesting::single || nested.nesting == Nesting::group) {
      check_block(nested.block, nested_value, path, diags);
    } else if (nested.nesting == Nesting::map) {
      if (nested_value.is_null() || !nested_value.is_known()) continue;
      for (const auto& [key, element] : nested_value.entries())
        check_block(nested.block, element, path.key(key), diags);
    } else if (!nested_value.is_null() && nested_value.is_known()) {
      int64_t index = 0;
      for (const auto& element : nested_value.elements())
        check_block(nested.block, element, path.index(index++), diags);
    }
  }
}

}  // namespace

Diagnostics check_config(const Schema& schema, const Value& config) {
  Diagnostics diags;
  check_block(schema.block, config, AttributePath(), diags);
  return diags;
}

}  // namespace rds::core
