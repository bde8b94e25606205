#pragma once
// Setting up a client (client_setup.cpp), apart from the calls it makes (rds_client.cpp).

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "client/auth.h"
#include "client/config.h"

namespace rds::client {

// Checks the config and fills in defaults (URLs from the region, the project to find by name, the user
// agent); reads cacert_file into `ca_bundle_pem`. Throws ConfigError naming the attribute to fix.
ClientConfig validated(ClientConfig config, std::string& ca_bundle_pem);

// The authenticator of the config's one credential method.
std::shared_ptr<Authenticator> make_authenticator(const ClientConfig& config,
                                                  std::shared_ptr<Transport> transport,
                                                  std::shared_ptr<Clock> clock);

// (base URL, "the RDS endpoint URL (from ...)") for each endpoint, for connection errors.
std::vector<std::pair<std::string, std::string>> endpoint_descriptions(const ClientConfig& config);

}  // namespace rds::client
