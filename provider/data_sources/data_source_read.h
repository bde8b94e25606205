#pragma once
// What every data source read shares: a deadline, and a check that the configuration is known. (The API
// client comes from ProviderContext::configured_client.)

#include <chrono>

#include "client/rds_client.h"
#include "provider/core/diagnostics.h"
#include "provider/core/value.h"

namespace rds::data_sources {

// The deadline of a read starting now, on the client's clock (the one its waits and retries use).
rds::client::Deadline read_deadline(rds::client::RdsClient& client);

// False, with an error, when `config` is not wholly known. Terraform defers a read until its
// configuration is known, so this only guards against a caller that does not.
bool check_known(const rds::core::Value& config, const std::string& type_name, rds::core::Diagnostics& diags);

}  // namespace rds::data_sources
