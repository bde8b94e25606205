#pragma once
// endpoint and auth_url may hold {region} (client/regional_config.h), so that one provider block
// reaches the API of every region a resource names, also on a private cloud. The provider's URL checks
// see each URL as it will be sent, with {region} replaced.

#include "provider/config/provider_settings.h"
#include "provider/core/diagnostics.h"

namespace rds::config {

// `settings` with {region} in endpoint and auth_url replaced by the provider's region (by "region" when
// that is not set or not valid, so that the URL checks judge the rest). Adds an error at the URL's
// argument when it holds {region} but no region is set, since the provider's own calls need one.
ProviderSettings with_region_replaced(const ProviderSettings& settings, rds::core::Diagnostics& diags);

}  // namespace rds::config
