#pragma once
// Mapping between what the RDS API reports and the resource's state value.

#include <string>

#include "provider/core/value.h"

namespace rds::resources::instance_ssl {

// The state for an instance whose SSL is `ssl_enable` (as the API reports it). The arguments the API
// knows nothing of (disable_on_destroy, timeouts) are carried over from `carried` (the plan or the prior
// state); when `carried` is null (import) they get their defaults: false and no timeouts block.
rds::core::Value state_from_api(const std::string& instance_id, bool ssl_enable,
                                const rds::core::Value& carried);

// The instance ID a state or plan refers to (instance_id, else id); empty when neither is known.
std::string instance_id_of(const rds::core::Value& resource);

// disable_on_destroy of a state; false when null.
bool disable_on_destroy(const rds::core::Value& resource);

}  // namespace rds::resources::instance_ssl
