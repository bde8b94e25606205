#pragma once
// The provider `rds`: its schema, the validation of the provider block, and configure, which makes
// the RDS API client of the provider's region that every resource and data source of this provider
// instance shares (and, on first use, one per other region they name: region_clients.h).
//
//   auto provider = rds::make_rds_provider();
//   rds::protocol::make_provider_service(6, provider);
//
// Thread-safe: Terraform calls RPCs concurrently; stop() may arrive while applies wait.

#include <functional>
#include <memory>

#include "client/config.h"
#include "client/rds_client.h"
#include "provider/config/provider_settings.h"
#include "provider/core/provider.h"

namespace rds {

// Seams for tests; the defaults are what the real binary uses.
struct ProviderOptions {
  // Where the OS_* / RDS_ENDPOINT defaults come from. Null => the process environment.
  rds::config::Environment environment;
  // Makes the API client of a region (the provider's own, and each other one a resource or data source
  // names) from its ClientConfig. Null => rds::client::RdsClient::create, with the rate limiter every
  // region's client of the configured provider shares.
  // May throw rds::client::ConfigError, which configure reports as a diagnostic.
  std::function<std::shared_ptr<rds::client::RdsClient>(rds::client::ClientConfig)> make_client;
};

std::shared_ptr<rds::core::Provider> make_rds_provider();
std::shared_ptr<rds::core::Provider> make_rds_provider(ProviderOptions options);

// The ClientConfig configure() builds from settings that passed check_configurable(). Exposed for tests.
rds::client::ClientConfig client_config_from(const rds::config::ProviderSettings& settings,
                                             const std::string& terraform_version);

}  // namespace rds
