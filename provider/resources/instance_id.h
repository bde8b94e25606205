#pragma once
// What an RDS instance id may look like, checked at validate time by every resource and data source
// that takes one.

#include <string>

namespace rds::resources {

// Why `id` cannot be an RDS instance id, or "" when it can be. Ids become a path segment of API calls
// and the id= filter of the instance list, where a leading * asks for a fuzzy match: an id with such
// characters would address other instances, or none.
std::string instance_id_problem(const std::string& id);

}  // namespace rds::resources
