// Checks of a configuration against its schema that hold for every resource and data source, so that a
// type's own validate only codes what is specific to it. The adapter runs them before the type's
// validate, as terraform-plugin-framework does.
#pragma once

#include "provider/core/diagnostics.h"
#include "provider/core/schema.h"
#include "provider/core/value.h"

namespace rds::core {

// An error, on the attribute, for every computed-only attribute (computed, neither required nor
// optional) that `config` sets, recursively through nested blocks. Terraform refuses such
// configurations itself; this keeps a caller that does not from having a read-only attribute taken for
// an argument ("Invalid Configuration for Read-Only Attribute" in terraform-plugin-framework).
Diagnostics check_config(const Schema& schema, const Value& config);

}  // namespace rds::core
