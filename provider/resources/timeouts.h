#pragma once
// The optional `timeouts { create = "30m" update = "30m" delete = "10m" }` block of rds_instance_ssl.

#include <chrono>
#include <string>

#include "provider/core/diagnostics.h"
#include "provider/core/value.h"

namespace rds::resources::instance_ssl {

enum class Operation { create, update, destroy };

// Adds an error on timeouts.<name> for every known, non-null value that is not a duration, is zero or
// negative, or is longer than kMaxTimeout.
// `resource` is the resource's config object; unknown and null values pass.
void validate_timeouts(const rds::core::Value& resource, rds::core::Diagnostics& diags);

// The time `operation` may take, from the resource value's timeouts block (plan or state); the
// default (create 30m, update 30m, delete 10m) when the block or the argument is null. An unparsable
// value also yields the default: validation has already reported it.
std::chrono::nanoseconds timeout_for(const rds::core::Value& resource, Operation operation);

// "create" / "update" / "delete": the argument name in the timeouts block.
const char* timeout_name(Operation operation);
// "timeouts.create" ...: how diagnostics name the argument to raise.
std::string timeout_argument(Operation operation);

}  // namespace rds::resources::instance_ssl
