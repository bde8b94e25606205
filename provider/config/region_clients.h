#pragma once
// One API client per region for a configured provider: the provider's own (made and signed in by
// configure) and, made when a resource or data source first names another region, one for each other
// region, with that region's endpoint and project (client/regional_config.h). All of them share the
// provider's rate limiter, so max_requests_per_second caps the whole process, whatever the regions.
//
//   RegionClients regions(provider_config, home_client, limiter, factory);
//   auto client = regions.client("eu-nl");  // the same client on every later call; throws ConfigError
//
// Thread-safe: Terraform reads, plans and applies concurrently.

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "client/config.h"
#include "client/rate_limiter.h"
#include "client/rds_client.h"

namespace rds::config {

class RegionClients {
 public:
  // Makes a client from its config, taking its calls' slots from the given limiter.
  using Factory = std::function<std::shared_ptr<rds::client::RdsClient>(
      rds::client::ClientConfig, std::shared_ptr<rds::client::RateLimiter>)>;

  // `provider` is the provider's config as configured, before {region} is replaced; `home` its client.
  RegionClients(rds::client::ClientConfig provider, std::shared_ptr<rds::client::RdsClient> home,
                std::shared_ptr<rds::client::RateLimiter> limiter, Factory factory);

  // The provider's region; "" when it has none (a custom endpoint and project_id).
  const std::string& provider_region() const { return provider_.region; }
  const std::shared_ptr<rds::client::RdsClient>& home() const { return home_; }

  // Empty when client(region) can be made; otherwise why not, naming region and endpoint.
  std::string problem(const std::string& region) const;

  // The client of `region` ("" or the provider's region: the provider's own), made on first use and
  // kept. Throws rds::client::ConfigError (see problem()) or what the factory throws.
  std::shared_ptr<rds::client::RdsClient> client(const std::string& region);

 private:
  const rds::client::ClientConfig provider_;
  const std::shared_ptr<rds::client::RdsClient> home_;
  const std::shared_ptr<rds::client::RateLimiter> limiter_;
  const Factory factory_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<rds::client::RdsClient>> others_;  // guarded by mutex_
};

}  // namespace rds::config
