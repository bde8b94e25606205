// The checks RdsClient::create() makes of a ClientConfig before anything is sent: one complete set of
// credentials, project_id and region by the rules of client/endpoints.h, URLs that parse and hold no
// password, a usable cacert_file. Every message names the attribute to fix.
#pragma once

#include <string>

#include "client/config.h"

namespace rds::client {

// The config with its defaults filled in (endpoint and auth_url derived from region, the user agent);
// throws ConfigError naming the attribute at fault. `ca_bundle_pem` gets cacert_file's certificates.
ClientConfig validated(ClientConfig config, std::string& ca_bundle_pem);

}  // namespace rds::client
