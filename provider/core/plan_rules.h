// Generic planning from the schema's declared behaviour, so a resource only codes what is specific to it
// (the same split as terraform-plugin-framework's plan modifiers). Rules, per attribute, recursively
// through single/group nested blocks:
// - a non-null config value is kept as proposed (Terraform requires it);
// - a null config value of a computed attribute with a default_value is planned as the default;
// - a null config value of a computed attribute is planned:
//     create (prior null)                    → unknown;
//     update and the resource changes       → prior value if use_state_for_unknown (and prior is not
//                                              null), else unknown;
//     nothing changes                        → the proposed (= prior) value, so plans stay empty;
// - when the prior state is not null, an attribute with requires_replace whose planned value differs
//   from its prior value (unknown counts as different) is listed in requires_replace.
// A null proposed state (destroy) plans null.
#pragma once

#include <vector>

#include "provider/core/diagnostics.h"
#include "provider/core/schema.h"
#include "provider/core/value.h"

namespace rds::core {

struct PlannedChange {
  Value planned_state;
  std::vector<AttributePath> requires_replace;
};

PlannedChange plan_from_schema(const Schema& schema, const Value& prior_state,
                               const Value& proposed_new_state, const Value& config);

}  // namespace rds::core
