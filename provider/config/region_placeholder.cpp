#include "provider/config/region_placeholder.h"

#include "client/endpoints.h"
#include "client/regional_config.h"
#include "provider/config/provider_messages.h"

namespace rds::config {
namespace {

void replace(Setting<std::string>& url, std::string_view name, const Setting<std::string>& region,
             rds::core::Diagnostics& diags) {
  if (!url.known_set() || !rds::client::has_region_placeholder(*url.value)) return;
  const bool usable = region.known_set() && rds::client::region_problem(*region.value).empty();
  if (!region.maybe_set()) {
    diags.error("Missing region",
                described(name, url) +
                    " holds {region}, which the provider replaces by the region of each "
                    "resource and data source, and by its own region for its own calls: set region (env "
                    "OS_REGION_NAME).",
                rds::core::AttributePath("region"));
  }
  url.value = rds::client::with_region(*url.value, usable ? *region.value : "region");
}

}  // namespace

ProviderSettings with_region_replaced(const ProviderSettings& settings, rds::core::Diagnostics& diags) {
  ProviderSettings replaced = settings;
  replace(replaced.endpoint, "endpoint", settings.region, diags);
  replace(replaced.auth_url, "auth_url", settings.region, diags);
  return replaced;
}

}  // namespace rds::config
