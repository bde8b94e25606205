#pragma once
// What every data source read shares: the configured API client, a deadline, and a check that the
// configuration is known.

#include <chrono>
#include <memory>

#include "client/rds_client.h"
#include "provider/core/diagnostics.h"
#include "provider/core/value.h"
#include "provider/resources/provider_context.h"

namespace rds::data_sources {

// A read has no timeouts argument; like a refresh of rds_instance_ssl it is bounded, with all its pages
// and retries, to this.
inline constexpr std::chrono::minutes kReadTimeout{5};

// The configured client, or nullptr after adding an error saying the provider is not configured.
std::shared_ptr<rds::client::RdsClient> configured_client(const rds::resources::ProviderContext& context,
                                                          rds::core::Diagnostics& diags);

// The deadline of a read starting now, on the client's clock (the one its waits and retries use).
rds::client::Deadline read_deadline(rds::client::RdsClient& client);

// False, with an error, when `config` is not wholly known. Terraform defers a read until its
// configuration is known, so this only guards against a caller that does not.
bool check_known(const rds::core::Value& config, const std::string& type_name, rds::core::Diagnostics& diags);

}  // namespace rds::data_sources
