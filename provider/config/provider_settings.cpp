#include "provider/config/provider_settings.h"

#include "provider/config/provider_arguments.h"
#include "provider/config/provider_messages.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <variant>

#include "client/cacert_file.h"
#include "client/endpoints.h"
#include "provider/config/region_placeholder.h"
#include "provider/shared/duration.h"

namespace rds::config {
namespace {

using rds::core::AttributePath;
using rds::core::Diagnostics;
using rds::core::Value;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

// What comes before the path of a URL that check_url accepted: "https://host:port".
std::string url_base(const std::string& url) {
  const std::size_t authority = url.find("://") + 3;
  return url.substr(0, std::min(url.find_first_of("/?#", authority), url.size()));
}

// The path of a URL that check_url accepted, without a trailing slash ("" for "https://host/").
std::string url_path(const std::string& url) {
  std::string path = rds::client::check_url(url).url->path;
  while (!path.empty() && path.back() == '/') path.pop_back();
  return path;
}

// People copy the RDS endpoint from the endpoint catalogue, which lists "https://rds.../v3" or
// "https://rds.../v3/{project_id}"; the provider adds /v3/{project_id} itself, so such a URL would
// request /v3/P/v3/P/instances. Refused with the fix rather than rewritten silently.
void check_endpoint_path(const ProviderSettings& s, Diagnostics& diags) {
  if (!s.endpoint.known_set()) return;
  const std::string& url = *s.endpoint.value;
  const std::string path = url_path(url);
  const std::size_t v3 = lower(path).find("/v3");
  if (v3 == std::string::npos || (v3 + 3 < path.size() && path[v3 + 3] != '/')) return;
  diags.error("Invalid endpoint",
              described("endpoint", s.endpoint) + " is \"" + url +
                  "\", which includes the API version path. Give the service's base URL, \"" + url_base(url) +
                  path.substr(0, v3) + "\": the provider adds /v3/{project_id} to every call itself.",
              AttributePath("endpoint"));
}

// IAM's token call is {auth_url}/auth/tokens with auth_url ending in /v3 (docs/API-NOTES.md, "IAM tokens").
void check_auth_url_path(const ProviderSettings& s, Diagnostics& diags) {
  if (!s.auth_url.known_set()) return;
  const std::string& url = *s.auth_url.value;
  const std::string path = url_path(url);
  if (lower(path).ends_with("/v3")) return;
  std::string fix = url_base(url) + path + "/v3";
  if (lower(path).ends_with("/v3/auth/tokens")) fix = url_base(url) + path.substr(0, path.size() - 12);
  diags.error("Invalid auth_url",
              described("auth_url", s.auth_url) + " is \"" + url +
                  "\", but the IAM URL must end with the API version /v3, e.g. \"" + fix +
                  "\" (the provider calls {auth_url}/auth/tokens).",
              AttributePath("auth_url"));
}

// region becomes part of the API's host name (rds.{region}.otc.t-systems.com), so anything but letters,
// digits, - and _ could send the calls, with their credentials, to another host. The rule is
// client/endpoints.h's, shared with the API client.
void check_region(const ProviderSettings& s, Diagnostics& diags) {
  if (!s.region.known_set()) return;
  const std::string problem = rds::client::region_problem(*s.region.value);
  if (problem.empty()) return;
  diags.error("Invalid region",
              described("region", s.region) + " is " + shown_value(*s.region.value) + ", which " + problem +
                  ". Give the region's name, e.g. \"eu-de\" or \"eu-nl\": the provider builds the API's "
                  "host name from it (rds.{region}.otc.t-systems.com).",
              AttributePath("region"));
}

// Project ids are 32 hex digits on both clouds, project names are a region's name with an optional
// "_suffix"; letters, digits, - and _ cover every one seen (rds-sim uses "sim-project"). Anything else
// would end up in a URL: the id in the path of every call, the name in IAM's query.
void check_project(const Setting<std::string>& setting, const std::string& name, std::string_view fix,
                   Diagnostics& diags) {
  if (!setting.known_set()) return;
  const std::string problem = rds::client::project_id_problem(*setting.value);
  if (problem.empty()) return;
  diags.error("Invalid " + name,
              described(name, setting) + " is " + shown_value(*setting.value) + ", which " + problem + ". " +
                  std::string(fix),
              AttributePath(name));
}

void check_request_timeout(const ProviderSettings& s, Diagnostics& diags) {
  if (!s.request_timeout.known_set()) return;
  const rds::shared::DurationResult parsed = rds::shared::parse_duration(*s.request_timeout.value);
  const auto* duration = std::get_if<std::chrono::nanoseconds>(&parsed);
  if (duration != nullptr && *duration >= kMinRequestTimeout && *duration <= kMaxRequestTimeout) return;
  diags.error("Invalid request_timeout",
              "request_timeout must be a duration from \"1s\" to \"1h\", got \"" + *s.request_timeout.value +
                  "\"" + (duration == nullptr ? ": " + std::get<std::string>(parsed) : std::string(".")),
              AttributePath("request_timeout"));
}

// endpoint and auth_url: http(s) URLs whose host is unambiguous (client/endpoints.h) and that carry no
// user name or password. Every message shows the URL redacted ("https://***@host").
void check_url(const Setting<std::string>& setting, std::string_view name, std::string_view what,
               Diagnostics& diags) {
  if (!setting.known_set()) return;
  const rds::client::UrlCheck check = rds::client::check_url(*setting.value);
  const std::string shown = shown_value(rds::client::redact_url(*setting.value));
  std::string detail;
  switch (check.problem) {
    case rds::client::UrlProblem::kNone:
      return;
    case rds::client::UrlProblem::kNotHttp:
      detail = described(name, setting) + " must be an http:// or https:// URL of the " + std::string(what) +
               ", got " + shown + ".";
      break;
    case rds::client::UrlProblem::kUnparseable:
      detail = described(name, setting) + " is " + shown + ", which " + rds::client::describe(check) +
               ". It must be the URL of the " + std::string(what) + ".";
      break;
    case rds::client::UrlProblem::kUserInfo:
      detail = described(name, setting) + " is " + shown +
               ", which holds a user name or password before the host. The provider never sends "
               "credentials in a URL: remove them from it, and give them with the provider's own "
               "arguments instead (an access key pair, a token, or user_name and password).";
      break;
  }
  diags.error("Invalid " + std::string(name), detail, AttributePath(std::string(name)));
}

// An empty string in the block is a mistake (often a variable left at ""), not "use the environment":
// the Go providers would silently read the environment instead, and use credentials nobody wrote.
void check_no_empty_strings(const ProviderSettings& s, Diagnostics& diags) {
  for (const StringArgument& argument : kStringArguments) {
    if (!(s.*argument.member).empty_in_block) continue;
    std::string fallback;
    for (std::string_view variable : argument.env)
      if (!variable.empty()) fallback += (fallback.empty() ? "" : " or ") + std::string(variable);
    diags.error("Empty " + std::string(argument.name),
                std::string(argument.name) +
                    " is set to \"\" in the provider block. Give it a value, or remove it" +
                    (fallback.empty() ? std::string(".") : " to take it from " + fallback + "."),
                AttributePath(std::string(argument.name)));
  }
}

void read_assume_role(const Value& block, ProviderSettings& settings) {
  if (block.is_null()) return;
  if (!block.is_known()) {
    settings.agency_name.unknown = true;
    return;
  }
  for (auto [name, setting] : {std::pair{"agency_name", &settings.agency_name},
                               std::pair{"domain_name", &settings.agency_domain_name}}) {
    const Value& value = block.attr(name);
    if (value.is_unknown()) setting->unknown = true;
    if (value.is_null() || !value.is_known()) continue;
    setting->value = value.as_string();
    setting->origin = kFromConfig;
  }
  const Value& duration = block.attr("duration");
  if (duration.is_unknown()) settings.agency_duration.unknown = true;
  if (!duration.is_null() && duration.is_known()) {
    settings.agency_duration.value = duration.as_number().to_int64().value_or(-1);
    settings.agency_duration.origin = kFromConfig;
  }
}

// The agency's names go into IAM's request body; its token's lifetime is IAM's range.
void check_assume_role(const ProviderSettings& s, Diagnostics& diags) {
  for (auto [name, setting] :
       {std::pair{"agency_name", &s.agency_name}, std::pair{"domain_name", &s.agency_domain_name}}) {
    if (setting->known_set() && (setting->value->empty() || setting->value->size() > 255)) {
      diags.error("Invalid assume_role",
                  std::string(name) + " in assume_role must be a name of 1 to 255 characters, got " +
                      shown_value(*setting->value) + ".",
                  AttributePath("assume_role").attribute(name));
    }
  }
  if (s.agency_duration.known_set() && (*s.agency_duration.value < 900 || *s.agency_duration.value > 86400)) {
    diags.error("Invalid assume_role",
                "duration in assume_role is the agency token's lifetime in seconds, from 900 to 86400.",
                AttributePath("assume_role").attribute("duration"));
  }
}

// The gateways throttle at tens of calls per second; 1000 leaves room for any private cloud, and below
// one call in ten seconds no apply would finish.
void check_rate_limit(const ProviderSettings& s, Diagnostics& diags) {
  const auto& rate = s.max_requests_per_second;
  if (!rate.known_set() || (*rate.value >= 0.1 && *rate.value <= 1000)) return;
  diags.error("Invalid max_requests_per_second",
              described("max_requests_per_second", rate) +
                  " must be a number of calls per second from 0.1 to 1000 (leave it unset for no limit).",
              AttributePath("max_requests_per_second"));
}

}  // namespace

ProviderSettings settings_from_config(const Value& config) {
  ProviderSettings settings;
  if (config.is_null() || !config.is_known()) return settings;
  for (const StringArgument& argument : kStringArguments) {
    const Value& value = config.attr(argument.name);
    Setting<std::string>& setting = settings.*argument.member;
    if (value.is_unknown()) {
      setting.unknown = true;
    } else if (!value.is_null() && value.as_string().empty()) {
      setting.empty_in_block = true;
    } else if (!value.is_null()) {
      setting.value = value.as_string();
      setting.origin = kFromConfig;
    }
  }
  for (auto [name, setting] :
       {std::pair{"insecure", &settings.insecure}, {"batch_reads", &settings.batch_reads}}) {
    const Value& value = config.attr(name);
    if (value.is_unknown()) setting->unknown = true;
    if (!value.is_null() && value.is_known()) {
      setting->value = value.as_bool();
      setting->origin = kFromConfig;
    }
  }
  read_assume_role(config.attr("assume_role"), settings);
  const Value& rate = config.attr("max_requests_per_second");
  if (rate.is_unknown()) settings.max_requests_per_second.unknown = true;
  if (!rate.is_null() && rate.is_known()) {
    settings.max_requests_per_second.value = rate.as_number().to_double();
    settings.max_requests_per_second.origin = kFromConfig;
  }
  const Value& retries = config.attr("max_retries");
  if (retries.is_unknown()) settings.max_retries.unknown = true;
  if (!retries.is_null() && retries.is_known()) {
    // A fraction or an enormous number cannot be a retry count; keep it out of range so the check names it.
    settings.max_retries.value = retries.as_number().to_int64().value_or(-1);
    // For the message: the number as written, shortened (it may have 100,000 digits).
    const std::string text = retries.as_number().to_string();
    settings.max_retries_text = text.size() > 40 ? text.substr(0, 40) + "..." : text;
    settings.max_retries.origin = kFromConfig;
  }
  return settings;
}

Diagnostics check_settings(const ProviderSettings& given) {
  Diagnostics diags;
  const ProviderSettings settings = with_region_replaced(given, diags);
  check_no_empty_strings(settings, diags);
  check_url(settings.endpoint, "endpoint", "RDS API (e.g. https://rds.eu-de.otc.t-systems.com)", diags);
  check_url(settings.auth_url, "auth_url",
            "IAM API including /v3 (e.g. https://iam.eu-de.otc.t-systems.com/v3)", diags);
  if (!diags.has_errors()) {
    check_endpoint_path(settings, diags);
    check_auth_url_path(settings, diags);
  }
  check_region(settings, diags);
  check_project(settings.project_id, "project_id",
                "Copy the project id (32 hex digits) from \"My Credentials\" in the console.", diags);
  check_project(settings.project_name, "project_name",
                "Give the project's name as the console lists it, e.g. \"eu-de\" or \"eu-de_orders\".",
                diags);
  check_request_timeout(settings, diags);
  check_assume_role(settings, diags);
  check_rate_limit(settings, diags);
  if (settings.max_retries.known_set() &&
      (*settings.max_retries.value < 0 || *settings.max_retries.value > kMaxRetriesLimit)) {
    diags.error("Invalid max_retries",
                "max_retries must be a whole number from 0 to " + std::to_string(kMaxRetriesLimit) +
                    ", got " + settings.max_retries_text + ".",
                AttributePath("max_retries"));
  }
  check_credentials(settings, diags);
  return diags;
}

Diagnostics security_warnings(const ProviderSettings& s) {
  Diagnostics diags;
  const bool password =
      s.user_name.known_set() && s.password.known_set() && !s.access_key.known_set() && !s.token.known_set();
  const bool token = s.token.known_set() && !s.access_key.known_set();
  // With AK/SK only a signature travels, never the secret key. A password goes to IAM; a token (given,
  // or obtained with the password) goes with every RDS call.
  auto warn_plain_http = [&](const Setting<std::string>& url, std::string_view name, std::string_view what) {
    if (!url.known_set()) return;
    const rds::client::UrlCheck check = rds::client::check_url(*url.value);
    if (!check.url || check.url->scheme != "http" || rds::client::is_loopback(*check.url)) return;
    diags.warning("Credentials sent without TLS",
                  described(name, url) + " is " + shown_value(rds::client::redact_url(*url.value)) +
                      ": the " + std::string(what) +
                      " will cross the network unencrypted over http://. Use an https:// URL.",
                  AttributePath(std::string(name)));
  };
  if (password) warn_plain_http(s.auth_url, "auth_url", "IAM password");
  if (password || token) warn_plain_http(s.endpoint, "endpoint", "IAM token");
  if (s.insecure.known_set() && *s.insecure.value) {
    diags.warning(
        "TLS verification is off",
        described("insecure", s.insecure) +
            " is true: the provider does not verify the API's certificate, so anyone on the network "
            "path can read and change its calls, credentials included. Prefer cacert_file for a "
            "private CA.",
        AttributePath("insecure"));
  }
  return diags;
}

Diagnostics check_configurable(const ProviderSettings& s) {
  Diagnostics diags;
  for (const StringArgument& argument : kStringArguments) {
    if ((s.*argument.member).unknown) {
      diags.error("Provider argument not known yet",
                  std::string(argument.name) +
                      " depends on a value that is only known after apply; the provider needs it to talk to "
                      "the API. Apply the resources it depends on first (terraform apply -target=...).",
                  AttributePath(std::string(argument.name)));
    }
  }
  if (s.agency_name.unknown || s.agency_domain_name.unknown || s.agency_duration.unknown) {
    diags.error(
        "Provider argument not known yet",
        "assume_role depends on a value that is only known after apply; the provider needs it to talk to "
        "the API.",
        AttributePath("assume_role"));
  }
  if (s.max_requests_per_second.unknown) {
    diags.error("Provider argument not known yet",
                "max_requests_per_second depends on a value that is only known after apply.",
                AttributePath("max_requests_per_second"));
  }
  for (auto [name, unknown] : {std::pair{"insecure", s.insecure.unknown},
                               {"max_retries", s.max_retries.unknown},
                               {"batch_reads", s.batch_reads.unknown}}) {
    if (unknown)
      diags.error("Provider argument not known yet",
                  std::string(name) + " depends on a value that is only known after apply.",
                  AttributePath(name));
  }
  if (diags.has_errors()) return diags;

  if (!s.project_id.known_set() && !s.project_name.known_set() && !s.region.known_set()) {
    diags.error("Missing project_id",
                "The RDS API addresses every call by project: set project_id (env OS_PROJECT_ID), or "
                "project_name or region for the provider to find it through IAM.",
                AttributePath("project_id"));
  }
  const bool has_credentials = (s.access_key.known_set() && s.secret_key.known_set()) ||
                               s.token.known_set() || (s.user_name.known_set() && s.password.known_set());
  if (!has_credentials && !diags.has_errors()) {
    diags.error("No credentials",
                "Set one of: access_key + secret_key (env OS_ACCESS_KEY, OS_SECRET_KEY), token (env OS_TOKEN "
                "or OS_AUTH_TOKEN), or user_name + password + domain_name (env OS_USERNAME, OS_PASSWORD, "
                "OS_DOMAIN_NAME).");
  }
  if (!s.region.known_set()) {
    if (!s.endpoint.known_set()) {
      diags.error("Missing region",
                  "Without endpoint (env RDS_ENDPOINT) the RDS URL is derived from region: set region or the "
                  "environment variable OS_REGION_NAME.",
                  AttributePath("region"));
    } else if (!s.auth_url.known_set() && s.user_name.known_set()) {
      diags.error("Missing region",
                  "Password authentication needs the IAM URL: set auth_url (env OS_AUTH_URL) or region (env "
                  "OS_REGION_NAME) to derive it.",
                  AttributePath("region"));
    }
  }
  if (s.cacert_file.known_set()) {
    // Read here, bounded and without blocking, so that a FIFO or a huge file is an error on the
    // attribute instead of a configure that never ends.
    const rds::client::CacertFile bundle = rds::client::load_cacert_file(*s.cacert_file.value);
    if (!bundle.problem.empty()) {
      diags.error("Invalid cacert_file",
                  described("cacert_file", s.cacert_file) + " names " + shown_value(*s.cacert_file.value) +
                      ", which " + bundle.problem + ". It must be a PEM file of CA certificates, at most " +
                      std::to_string(rds::client::kMaxCacertFileBytes / (1024 * 1024)) + " MiB.",
                  AttributePath("cacert_file"));
    }
  }
  return diags;
}

}  // namespace rds::config
