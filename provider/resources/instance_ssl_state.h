#pragma once
// Mapping between what the RDS API reports and the resource's state value.

#include <optional>
#include <string>

#include "client/types.h"
#include "provider/core/value.h"

namespace rds::resources::instance_ssl {

// What the plan and the state say about the instance besides SSL (instance_name, engine,
// engine_version); a member without a value is null in the state.
struct InstanceFacts {
  std::optional<std::string> name, engine, engine_version;
};
InstanceFacts facts_of(const rds::client::Instance& instance);
// The facts a plan or state holds where they are known, else `fallback`'s.
InstanceFacts known_facts_or(const rds::core::Value& resource, const InstanceFacts& fallback);
// `resource` with the facts set.
rds::core::Value with_facts(const rds::core::Value& resource, const InstanceFacts& facts);

// The state for an instance whose SSL is `ssl_enable` (as the API reports it). The arguments the API
// knows nothing of (disable_on_destroy, timeouts) are carried over from `carried` (the plan or the prior
// state); when `carried` is null (import) they get their defaults: false and no timeouts block.
rds::core::Value state_from_api(const std::string& instance_id, bool ssl_enable,
                                const rds::core::Value& carried, const InstanceFacts& facts);

// The instance ID a state or plan refers to (instance_id, else id); empty when neither is known.
std::string instance_id_of(const rds::core::Value& resource);

// disable_on_destroy of a state; false when null.
bool disable_on_destroy(const rds::core::Value& resource);

}  // namespace rds::resources::instance_ssl
