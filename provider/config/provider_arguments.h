#pragma once
// The provider block's string arguments and the environment variables each falls back to, in one table
// that reading the block, the environment fallback and the configure checks share.

#include <array>
#include <string_view>

#include "provider/config/provider_settings.h"

namespace rds::config {

// Where a value set in the provider block came from, for messages.
inline constexpr std::string_view kFromConfig = "the provider block";

struct StringArgument {
  std::string_view name;
  Setting<std::string> ProviderSettings::*member;
  // The argument's own environment variables, in the order they are read (docs/index.md): the
  // OpenStack/OTC names (OS_*, RDS_ENDPOINT) first, then Huawei Cloud's (HW_*). Within one family the
  // first one set wins (OS_TOKEN before OS_AUTH_TOKEN); an OS_* and an HW_* value that differ are an
  // error. Empty entries are skipped.
  std::array<std::string_view, 3> env;
  bool credential = false;  // part of a credential method (see check_settings)
};

inline constexpr std::array<StringArgument, 15> kStringArguments{{
    {"region", &ProviderSettings::region, {"OS_REGION_NAME", "HW_REGION_NAME", ""}},
    {"project_id", &ProviderSettings::project_id, {"OS_PROJECT_ID", "HW_PROJECT_ID", ""}},
    {"project_name", &ProviderSettings::project_name, {"OS_PROJECT_NAME", "HW_PROJECT_NAME", ""}},
    {"endpoint", &ProviderSettings::endpoint, {"RDS_ENDPOINT", "", ""}},
    {"auth_url", &ProviderSettings::auth_url, {"OS_AUTH_URL", "HW_AUTH_URL", ""}},
    {"access_key", &ProviderSettings::access_key, {"OS_ACCESS_KEY", "HW_ACCESS_KEY", ""}, true},
    {"secret_key", &ProviderSettings::secret_key, {"OS_SECRET_KEY", "HW_SECRET_KEY", ""}, true},
    {"security_token",
     &ProviderSettings::security_token,
     {"OS_SECURITY_TOKEN", "HW_SECURITY_TOKEN", ""},
     true},
    {"token", &ProviderSettings::token, {"OS_TOKEN", "OS_AUTH_TOKEN", ""}, true},
    {"user_name", &ProviderSettings::user_name, {"OS_USERNAME", "HW_USER_NAME", ""}, true},
    {"password", &ProviderSettings::password, {"OS_PASSWORD", "HW_PASSWORD", ""}, true},
    {"domain_name", &ProviderSettings::domain_name, {"OS_DOMAIN_NAME", "HW_DOMAIN_NAME", ""}, true},
    {"cacert_file", &ProviderSettings::cacert_file, {"OS_CACERT", "", ""}},
    {"request_timeout", &ProviderSettings::request_timeout, {"", "", ""}},
    {"cloud", &ProviderSettings::cloud, {"OS_CLOUD", "", ""}},
}};

}  // namespace rds::config
