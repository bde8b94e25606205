#pragma once
// What an RDS instance id may look like, checked at validate time by every resource and data source
// that takes one.

#include <cstddef>
#include <string>
#include <string_view>

#include "provider/core/diagnostics.h"
#include "provider/core/value.h"

namespace rds::shared {

// RDS ids are 32 hex digits and a suffix such as "in01"; names are at most 64 characters. Longer values
// are refused at validate, so that no message, plan or API URL carries a megabyte an input held.
inline constexpr std::size_t kMaxIdLength = 64;
inline constexpr std::size_t kMaxNameLength = 64;

// Why `id` cannot be an RDS instance id, or "" when it can be. Ids become a path segment of API calls
// and the id= filter of the instance list, where a leading * asks for a fuzzy match: an id with such
// characters would address other instances, or none.
std::string instance_id_problem(const std::string& id);

// Why `name` cannot be the name of an RDS instance because of its length, or "".
std::string instance_name_length_problem(const std::string& name);

// A user's value as a message quotes it, between double quotes: control characters replaced and cut after
// kMaxIdLength bytes, saying how long it was (client/printable.h), so that no input is echoed unbounded.
std::string quote_for_message(std::string_view value);

// The validate-time check of an attribute that holds an instance id, the same for the resource and every
// data source: a known, non-null `value` that cannot be an id is an error on `attribute` ("Empty ..." or
// "Invalid ..."), saying it must be the ID of `what` ("an RDS instance") and quoting it cut.
void check_instance_id(const rds::core::Value& value, const std::string& attribute, std::string_view what,
                       rds::core::Diagnostics& diags);

}  // namespace rds::shared
