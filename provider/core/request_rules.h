// What Terraform guarantees of the values it sends a resource or data source, checked by the adapter
// before the type sees them. Terraform validates a configuration against the schema before it plans,
// plans before it applies, and stores only known states, so a type's code may rely on those facts; a
// caller that skips Terraform's checks (any gRPC client can) gets an error naming the call and the
// attribute, never an internal message such as "as_bool() called on a null value".
#pragma once

#include <optional>
#include <string_view>

#include "provider/core/diagnostics.h"
#include "provider/core/schema.h"
#include "provider/core/value.h"

namespace rds::core {

// The path of the first unknown value inside `value` (empty when `value` itself is unknown), or nullopt
// when it is wholly known.
std::optional<AttributePath> first_unknown(const Value& value);

// An error when `value` (the `field` of call `rpc`, e.g. "prior_state" of "ReadResource") is not wholly
// known: stored states and the configuration at apply always are. False when it added one.
bool require_wholly_known(const Value& value, std::string_view field, std::string_view rpc,
                          Diagnostics& diags);

// An error when `value` (an object of the schema's type, or null) is unknown as a whole or leaves a
// required top-level attribute null: a configuration Terraform validated, and a plan made from it, never
// do. False when it added one.
bool require_required(const Schema& schema, const Value& value, std::string_view field, std::string_view rpc,
                      Diagnostics& diags);

}  // namespace rds::core
