#pragma once
// Instances the sim starts with: a seed file {"instances": [{...}]} and --instance ID[:ENGINE[:on|off]].
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/state.h"

namespace rds::sim {

// One instance from JSON: {"id","name","engine","engine_version","status","type","enable_ssl","port",
// "private_ips","public_ips"}, all optional; "engine" may also be given as {"datastore": {"type","version"}}
// like the RDS API shows it.
// Throws std::invalid_argument naming the bad field.
InstanceSpec instance_spec_from_json(const nlohmann::json& j);

// "ID", "ID:ENGINE" or "ID:ENGINE:on|off"; throws std::invalid_argument.
InstanceSpec instance_spec_from_flag(const std::string& flag);

// Reads a seed file; throws std::runtime_error naming the file and the problem.
std::vector<InstanceSpec> load_seed_file(const std::string& path);

}  // namespace rds::sim
