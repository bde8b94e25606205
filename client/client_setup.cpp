// Setting up a client: the config checked and completed, the authenticator of its credential method, and
// how errors describe its endpoints.
#include "client/client_setup.h"

#include "client/cacert_file.h"
#include "client/endpoints.h"

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

// Checks the config and fills in defaults; every message names the attribute to fix. The rules on hosts,
// URLs and cacert_file are checked by endpoints.h and cacert_file.h, which the provider applies too.
ClientConfig validated(ClientConfig config, std::string& ca_bundle_pem) {
  const bool find_project = config.project_id.empty();
  if (find_project) {
    // Found through IAM at sign_in, by name: the region's default project is named after the region.
    if (config.project_name.empty()) config.project_name = config.region;
    if (config.project_name.empty())
      throw ConfigError("project_id is required to call the RDS API, or project_name or region to find it.");
    if (const auto problem = project_id_problem(config.project_name); !problem.empty())
      throw ConfigError("project_name " + problem + ".");
  } else if (const auto problem = project_id_problem(config.project_id); !problem.empty()) {
    throw ConfigError("project_id " + problem + ".");
  }
  if (!config.region.empty())
    if (const auto problem = region_problem(config.region); !problem.empty())
      throw ConfigError("region " + problem + ".");
  config.endpoint = checked_url("endpoint", config.endpoint, config.region, &default_rds_endpoint);

  // Which setting is missing or extra, and where each came from, the provider's configuration tells its
  // user (provider/config); the client only refuses a config that breaks its own invariant.
  const bool has_ak = !config.access_key.empty(), has_sk = !config.secret_key.empty();
  const bool password_mode = !has_ak && config.token.empty();
  const bool password_complete =
      !config.user_name.empty() && !config.password.empty() && !config.domain_name.empty();
  if (has_ak != has_sk || (!config.security_token.empty() && !has_ak) ||
      (password_mode && !password_complete))
    throw ConfigError(
        "The client needs one complete credential set: access_key and secret_key (and security_token for "
        "temporary ones), or token, or user_name, password and domain_name.");
  if (!config.agency_name.empty() && config.agency_domain_name.empty())
    throw ConfigError("An agency (agency_name) needs the domain_name of the account that made it.");
  if (find_project || !config.agency_name.empty() || password_mode)
    config.auth_url = checked_url("auth_url", config.auth_url, config.region, &default_iam_url);
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

std::shared_ptr<Authenticator> make_authenticator(const ClientConfig& config,
                                                  std::shared_ptr<Transport> transport,
                                                  std::shared_ptr<Clock> clock) {
  const bool agency = !config.agency_name.empty();
  std::shared_ptr<Authenticator> caller;
  if (!config.access_key.empty()) {
    // With an agency the signature proves the caller only; the project is the delegating account's.
    caller = std::make_shared<AkSkAuthenticator>(
        signer::Credentials{config.access_key, config.secret_key, config.security_token,
                            agency ? std::string() : config.project_id},
        clock);
  } else if (!config.token.empty()) {
    caller = std::make_shared<StaticTokenAuthenticator>(config.token);
  } else {
    caller = std::make_shared<PasswordAuthenticator>(
        PasswordCredentials{config.auth_url, config.user_name, config.password, config.domain_name,
                            agency ? std::string() : config.project_id,
                            agency ? std::string() : config.project_name},
        transport, clock, config.log);
  }
  if (!agency) return caller;
  return std::make_shared<AgencyAuthenticator>(
      AgencyCredentials{config.auth_url, config.agency_domain_name, config.agency_name,
                        config.agency_duration_seconds, config.project_id, config.project_name},
      std::move(caller), std::move(transport), std::move(clock), config.log);
}

// "the RDS endpoint URL (from environment variable RDS_ENDPOINT)", for connection errors.
std::vector<std::pair<std::string, std::string>> endpoint_descriptions(const ClientConfig& config) {
  auto describe = [&](const char* what, const std::string& url, const std::string& origin) {
    return std::string(what) + " " + redact_url(url) + " (" +
           (origin.empty() ? "derived from region " + config.region : "from " + origin) + ")";
  };
  std::vector<std::pair<std::string, std::string>> descriptions{
      {config.endpoint, describe("the RDS endpoint", config.endpoint, config.endpoint_origin)}};
  if (!config.auth_url.empty())
    descriptions.emplace_back(config.auth_url,
                              describe("the IAM endpoint", config.auth_url, config.auth_url_origin));
  return descriptions;
}

}  // namespace rds::client
