#include "provider/config/provider_context.h"

namespace rds::config {

void ProviderContext::set_client(std::shared_ptr<rds::client::RdsClient> client) {
  std::lock_guard lock(mutex_);
  client_ = std::move(client);
  regions_ = nullptr;
}

void ProviderContext::set_regions(std::shared_ptr<RegionClients> regions) {
  std::lock_guard lock(mutex_);
  client_ = regions ? regions->home() : nullptr;
  regions_ = std::move(regions);
}

std::shared_ptr<RegionClients> ProviderContext::regions() const {
  std::lock_guard lock(mutex_);
  return regions_;
}

std::shared_ptr<rds::client::RdsClient> ProviderContext::client() const {
  std::lock_guard lock(mutex_);
  return client_;
}

std::shared_ptr<rds::client::RdsClient> ProviderContext::configured_client(
    rds::core::Diagnostics& diags) const {
  auto configured = client();
  if (!configured) {
    diags.error("Provider not configured",
                "The rds provider has no API client yet: ConfigureProvider did not run or failed. Check the "
                "provider \"rds\" block and the errors reported for it.");
  }
  return configured;
}

rds::CancelToken ProviderContext::cancel_token() const {
  std::lock_guard lock(mutex_);
  return cancel_.token();
}

rds::CancelToken ProviderContext::operation_token(const rds::CancelToken& rpc) const {
  return rds::either(cancel_token(), rpc);
}

void ProviderContext::stop() {
  std::lock_guard lock(mutex_);
  cancel_.cancel();
  cancel_ = rds::CancelSource();
}

}  // namespace rds::config
