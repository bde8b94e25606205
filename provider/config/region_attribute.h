#pragma once
// The `region` argument of the resource and of every data source: optional, the provider's region when
// left out, and the region whose endpoint and project the object's calls go to (region_clients.h).

#include <memory>
#include <string>
#include <string_view>

#include "client/rds_client.h"
#include "provider/config/provider_context.h"
#include "provider/core/diagnostics.h"
#include "provider/core/plan_rules.h"
#include "provider/core/schema.h"
#include "provider/core/value.h"

namespace rds::config {

inline constexpr std::string_view kRegion = "region";

// Optional and computed. `replaces`: changing it replaces the resource (and the description says so).
rds::core::Attribute region_attribute(bool replaces);

// An error at `region` when the config sets one that breaks the provider's rules for region names (they
// keep a region from changing the host of the URLs built from it: client/endpoints.h).
void check_region_attribute(const rds::core::Value& config, rds::core::Diagnostics& diags);

// The region `config` sets, or "" when it sets none (null or not yet known).
std::string configured_region(const rds::core::Value& config);

// `region`, or the provider's when it is ""; a null string when neither is known.
rds::core::Value effective_region(const ProviderContext& context, const std::string& region);

// The client for `region` ("": the provider's region), or nullptr after an error: the provider is not
// configured, or (at `region`) the region cannot be reached with the provider's endpoint.
std::shared_ptr<rds::client::RdsClient> region_client(const ProviderContext& context,
                                                      const std::string& region,
                                                      rds::core::Diagnostics& diags);

// The same check without making the client, for plans: an error at `region` when it cannot be served.
void check_region_served(const ProviderContext& context, const std::string& region,
                         rds::core::Diagnostics& diags);

// Plans a resource's region over what plan_from_schema planned (the schema does not mark region
// requires_replace, since a state written before region existed has none):
// - set in the config: as set; it replaces the object when it differs from the region the object is in
//   (the prior region, or the provider's when the prior state has none);
// - left out, for an existing object: the prior region, so that changing the provider's region does not
//   move (or replace) what exists, and a state without region plans no change (the refresh fills it in);
// - left out, for a new object: the provider's region (unknown while the provider is not configured).
void plan_region(const ProviderContext& context, const rds::core::Value& prior,
                 const rds::core::Value& config, rds::core::PlannedChange& change);

}  // namespace rds::config
