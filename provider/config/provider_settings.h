#pragma once
// The provider block's arguments after environment defaults, and the checks on them.
//
// Kept apart from the Terraform Value model and from the API client so the rules (which credential
// combinations are complete, which conflict, what configure needs) read in one place and are tested
// without a server. rds_provider.cpp maps a config Value onto ProviderSettings and the result onto
// rds::client::ClientConfig.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "provider/core/diagnostics.h"
#include "provider/core/value.h"

namespace rds::config {

// The most retries of one request max_retries accepts (with backoff capped at 20 s, hours of retrying).
inline constexpr int64_t kMaxRetriesLimit = 1000;
// The range request_timeout accepts.
inline constexpr std::chrono::seconds kMinRequestTimeout{1};
inline constexpr std::chrono::hours kMaxRequestTimeout{1};

// One argument: a known value, a value Terraform does not know yet (only at validate time, e.g. it
// comes from another resource), or unset. `origin` says where a known value came from, for messages:
// "the provider block" or "environment variable OS_ACCESS_KEY".
template <class T>
struct Setting {
  std::optional<T> value;
  bool unknown = false;
  std::string origin;
  bool empty_in_block = false;  // set to "" in the provider block: an error, not "use the environment"

  bool known_set() const { return value.has_value(); }
  // Set, or may turn out to be set once known.
  bool maybe_set() const { return unknown || value.has_value(); }
};

struct ProviderSettings {
  Setting<std::string> region, project_id, project_name, endpoint, auth_url;
  Setting<std::string> access_key, secret_key, security_token;
  Setting<std::string> token;
  Setting<std::string> user_name, password, domain_name;
  Setting<bool> insecure;
  Setting<bool> batch_reads;  // reads sent at once go out as one list (client/read_coalescer.h)
  Setting<std::string> cacert_file;
  Setting<std::string> cloud;  // the clouds.yaml entry the other arguments default to (clouds_yaml.h)
  // The assume_role block: an agency of another account. No environment fallback.
  Setting<std::string> agency_name, agency_domain_name;
  Setting<int64_t> agency_duration;         // seconds; -1 when the config's number is not a whole int64
  Setting<int64_t> max_retries;             // -1 when the config's number is not a whole int64
  std::string max_retries_text;             // the config's number as written (shortened), for messages
  Setting<std::string> request_timeout;     // a duration, checked by check_settings
  Setting<double> max_requests_per_second;  // calls per second for the process; NaN when not a number
};

// Reads an environment variable; nullopt when unset. Injected so tests never touch the real environment.
using Environment = std::function<std::optional<std::string>(std::string_view name)>;
Environment process_environment();

// The provider block's config Value (object of the provider schema) → settings. An empty string is
// recorded as such (empty_in_block), and check_settings refuses it. Values that are the wrong type for
// the schema cannot arrive (Terraform converts them), so none are reported here.
ProviderSettings settings_from_config(const rds::core::Value& config);

// Fills every argument the config left null (not unknown), each from its own environment variables
// (provider_arguments.h: OS_* first, then HW_*), whatever the block sets for the others; insecure from
// OS_INSECURE. An OS_* and an HW_* variable of one argument with different values, or an OS_INSECURE
// that is not a boolean, is reported on the argument.
void apply_environment(ProviderSettings& settings, const Environment& env, rds::core::Diagnostics& diags);

// Checks that hold with unknown values present (ValidateProviderConfig): region and project_id are
// letters, digits, - and _; URLs are http(s), parse, and hold no user name or password (shown redacted);
// max_retries is in range; credentials are complete and do not mix methods. Unknown values never fail
// a check. configure runs it again, when the environment's values (OS_REGION_NAME, ...) are in.
rds::core::Diagnostics check_settings(const ProviderSettings& settings);
// The credential part of check_settings (provider_credentials.cpp): one method, complete.
void check_credentials(const ProviderSettings& settings, rds::core::Diagnostics& diags);

// What configure additionally needs: everything known, project_id (or project_name or region to find it
// by), some credentials, a region when
// an endpoint has to be derived from it, a cacert_file that is a regular file of at most 1 MiB holding
// a PEM certificate (read without blocking: a FIFO is an error, not a hang).
rds::core::Diagnostics check_configurable(const ProviderSettings& settings);

// Warnings for settings that expose credentials (given once, at configure): a password or token sent
// over plain http:// to a host that is not loopback, and insecure = true.
rds::core::Diagnostics security_warnings(const ProviderSettings& settings);

}  // namespace rds::config
