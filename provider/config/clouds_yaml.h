#pragma once
// The `cloud` argument (env OS_CLOUD): an entry of clouds.yaml, with secure.yaml merged in, as the
// openstack CLI reads them, so OTC users share one file between the CLI and Terraform (docs/index.md,
// "clouds.yaml").

#include <string>
#include <vector>

#include "provider/config/provider_settings.h"
#include "provider/core/diagnostics.h"

namespace rds::config {

// Where clouds.yaml (and, separately, secure.yaml) is looked for, in order: the file
// OS_CLIENT_CONFIG_FILE names, else the working directory, ~/.config/openstack, /etc/openstack.
std::vector<std::string> clouds_yaml_candidates(const Environment& env, const std::string& file_name);

// When `cloud` is set (block or OS_CLOUD): fills every argument that neither the block nor the
// environment set from that cloud's entry (region_name, auth.auth_url, auth.username, auth.password,
// auth.project_id, auth.project_name, auth.user_domain_name / domain_name, auth.ak / auth.sk,
// auth.security_token, auth.token, cacert, verify). A missing file, a file that is not YAML, or a cloud
// the file does not have is an error on `cloud` naming the file.
void apply_clouds_yaml(ProviderSettings& settings, const Environment& env, rds::core::Diagnostics& diags);

}  // namespace rds::config
