#include "provider/config/region_clients.h"

#include "client/regional_config.h"

namespace rds::config {

RegionClients::RegionClients(rds::client::ClientConfig provider, std::shared_ptr<rds::client::RdsClient> home,
                             std::shared_ptr<rds::client::RateLimiter> limiter, Factory factory)
    : provider_(std::move(provider)),
      home_(std::move(home)),
      limiter_(std::move(limiter)),
      factory_(std::move(factory)) {}

std::string RegionClients::problem(const std::string& region) const {
  if (region.empty() || region == provider_.region) return "";
  return rds::client::region_config_problem(provider_, region);
}

std::shared_ptr<rds::client::RdsClient> RegionClients::client(const std::string& region) {
  if (region.empty() || region == provider_.region) return home_;
  std::lock_guard lock(mutex_);
  auto& client = others_[region];
  // Made under the lock: making a client sends nothing (its project is found at its first call), and
  // two RPCs racing for a new region must end up with one client, one login and one project lookup.
  if (!client) {
    try {
      client = factory_(rds::client::config_for_region(provider_, region), limiter_);
    } catch (...) {
      others_.erase(region);
      throw;
    }
  }
  return client;
}

}  // namespace rds::config
