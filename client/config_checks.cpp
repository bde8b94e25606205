#include "client/config_checks.h"

#include <string_view>
#include <utility>
#include <vector>

#include "client/cacert_file.h"
#include "client/endpoints.h"
#include "client/errors.h"

namespace rds::client {

namespace {

std::string trim_slashes(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

// The URL the config gave for `name`, or the default derived from region; throws ConfigError naming the
// attribute when it breaks a rule of client/endpoints.h. Messages show the URL redacted.
std::string checked_url(const std::string& name, const std::string& given, const std::string& region,
                        std::string (*derive)(std::string_view region)) {
  if (given.empty()) {
    if (region.empty()) throw ConfigError("region is required when " + name + " is not set.");
    return derive(region);  // throws ConfigError naming region
  }
  if (const UrlCheck check = check_url(given); check.problem != UrlProblem::kNone)
    throw ConfigError(name + " \"" + redact_url(given) + "\" " + describe(check) + ".");
  return trim_slashes(given);
}

}  // namespace

ClientConfig validated(ClientConfig config, std::string& ca_bundle_pem) {
  if (config.project_id.empty()) throw ConfigError("project_id is required to call the RDS API.");
  if (const auto problem = project_id_problem(config.project_id); !problem.empty())
    throw ConfigError("project_id " + problem + ".");
  if (!config.region.empty())
    if (const auto problem = region_problem(config.region); !problem.empty())
      throw ConfigError("region " + problem + ".");
  config.endpoint = checked_url("endpoint", config.endpoint, config.region, &default_rds_endpoint);

  const bool has_ak = !config.access_key.empty(), has_sk = !config.secret_key.empty();
  if (has_ak != has_sk)
    throw ConfigError(std::string(has_ak ? "secret_key" : "access_key") +
                      " is missing: access_key and secret_key must be set together.");
  if (!config.security_token.empty() && !has_ak)
    throw ConfigError("security_token is only used with access_key and secret_key (temporary credentials).");
  const bool password_mode = !has_ak && config.token.empty();
  if (password_mode) {
    std::vector<std::string> missing;
    if (config.user_name.empty()) missing.push_back("user_name");
    if (config.password.empty()) missing.push_back("password");
    if (config.domain_name.empty()) missing.push_back("domain_name");
    if (missing.size() == 3)
      throw ConfigError(
          "No credentials: set access_key and secret_key, or token, or user_name, password and domain_name.");
    if (!missing.empty()) {
      std::string names;
      for (const auto& name : missing) names += (names.empty() ? "" : ", ") + name;
      throw ConfigError(
          "Password authentication needs user_name, password and domain_name; missing: " + names + ".");
    }
    config.auth_url = checked_url("auth_url", config.auth_url, config.region, &default_iam_url);
  }
  if (!config.cacert_file.empty()) {
    CacertFile bundle = load_cacert_file(config.cacert_file);
    if (!bundle.problem.empty())
      throw ConfigError("cacert_file \"" + config.cacert_file + "\" " + bundle.problem + ".");
    ca_bundle_pem = std::move(bundle.pem);
  }
  if (config.max_retries < 0) throw ConfigError("max_retries must not be negative.");
  config.user_agent =
      config.user_agent.empty() ? default_user_agent() : default_user_agent() + " " + config.user_agent;
  return config;
}

}  // namespace rds::client
