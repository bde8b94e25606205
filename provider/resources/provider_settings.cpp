#include "provider/resources/provider_settings.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <variant>

#include "client/cacert_file.h"
#include "client/endpoints.h"
#include "provider/resources/duration.h"

namespace rds::resources {
namespace {

using rds::core::AttributePath;
using rds::core::Diagnostics;
using rds::core::Value;

constexpr std::string_view kFromConfig = "the provider block";

struct StringArgument {
  std::string_view name;
  Setting<std::string> ProviderSettings::*member;
  std::array<std::string_view, 2> env;  // tried in order; empty entries are skipped
  bool credential = false;              // part of a credential method (see apply_environment)
};

constexpr std::array<StringArgument, 13> kStringArguments{{
    {"region", &ProviderSettings::region, {"OS_REGION_NAME", ""}},
    {"project_id", &ProviderSettings::project_id, {"OS_PROJECT_ID", ""}},
    {"endpoint", &ProviderSettings::endpoint, {"RDS_ENDPOINT", ""}},
    {"auth_url", &ProviderSettings::auth_url, {"OS_AUTH_URL", ""}},
    {"access_key", &ProviderSettings::access_key, {"OS_ACCESS_KEY", ""}, true},
    {"secret_key", &ProviderSettings::secret_key, {"OS_SECRET_KEY", ""}, true},
    {"security_token", &ProviderSettings::security_token, {"OS_SECURITY_TOKEN", ""}, true},
    {"token", &ProviderSettings::token, {"OS_TOKEN", "OS_AUTH_TOKEN"}, true},
    {"user_name", &ProviderSettings::user_name, {"OS_USERNAME", ""}, true},
    {"password", &ProviderSettings::password, {"OS_PASSWORD", ""}, true},
    {"domain_name", &ProviderSettings::domain_name, {"OS_DOMAIN_NAME", ""}, true},
    {"cacert_file", &ProviderSettings::cacert_file, {"OS_CACERT", ""}},
    {"request_timeout", &ProviderSettings::request_timeout, {"", ""}},
}};

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

// Go's strconv.ParseBool, which the Go providers use for OS_INSECURE.
std::optional<bool> parse_bool(const std::string& text) {
  const std::string value = lower(text);
  if (value == "1" || value == "t" || value == "true") return true;
  if (value == "0" || value == "f" || value == "false") return false;
  return std::nullopt;
}

template <class T>
void set_from_env(Setting<T>& setting, T value, std::string_view variable) {
  setting.value = std::move(value);
  setting.origin = "environment variable " + std::string(variable);
}

// "access_key (from environment variable OS_ACCESS_KEY)" or just "access_key".
template <class T>
std::string described(std::string_view name, const Setting<T>& setting) {
  if (setting.origin.empty() || setting.origin == kFromConfig) return std::string(name);
  return std::string(name) + " (from " + setting.origin + ")";
}

// "token (set in the provider block)" or "access_key (from environment variable OS_ACCESS_KEY)".
template <class T>
std::string described_origin(std::string_view name, const Setting<T>& setting) {
  if (setting.origin.empty() || setting.origin == kFromConfig)
    return std::string(name) + " (set in the provider block)";
  return described(name, setting);
}

// A user value for a message: bytes a terminal would act on as \xNN, and at most 80 characters (the
// value may be a megabyte long).
std::string shown_value(std::string_view value) {
  constexpr std::size_t kShown = 80;
  std::string text = "\"";
  for (std::size_t i = 0; i < value.size() && i < kShown; ++i) {
    const unsigned char c = value[i];
    if (c < 0x20 || c == 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", c);
      text += hex;
    } else {
      text += static_cast<char>(c);
    }
  }
  return text + (value.size() > kShown ? "...\"" : "\"");
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

// IAM's token call is {auth_url}/auth/tokens with auth_url ending in /v3 (rds-api.md).
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
// digits, - and _ could send the calls, with their credentials, to another host (issue 18). The rule is
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

// Project ids are 32 hex digits on both clouds; letters, digits, - and _ cover every id seen (rds-sim
// uses "sim-project"). Anything else would end up in the URL path of every call.
void check_project_id(const ProviderSettings& s, Diagnostics& diags) {
  if (!s.project_id.known_set()) return;
  const std::string problem = rds::client::project_id_problem(*s.project_id.value);
  if (problem.empty()) return;
  diags.error("Invalid project_id",
              described("project_id", s.project_id) + " is " + shown_value(*s.project_id.value) + ", which " +
                  problem + ". Copy the project id (32 hex digits) from \"My Credentials\" in the console.",
              AttributePath("project_id"));
}

void check_request_timeout(const ProviderSettings& s, Diagnostics& diags) {
  if (!s.request_timeout.known_set()) return;
  const DurationResult parsed = parse_duration(*s.request_timeout.value);
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

// A credential method and the arguments that make it up.
struct Method {
  using Argument = std::pair<std::string_view, const Setting<std::string>*>;
  std::string_view label;
  std::vector<Argument> arguments;

  // The first argument known to be set: the method is definitely in use. Unknown values do not count,
  // they may still turn out null.
  std::optional<Argument> used_by() const {
    for (const Argument& argument : arguments) {
      if (argument.second->known_set()) return argument;
    }
    return std::nullopt;
  }
};

void check_credentials(const ProviderSettings& s, Diagnostics& diags) {
  auto incomplete = [&](std::string_view present, const Setting<std::string>& present_setting,
                        std::string_view missing, const Setting<std::string>& missing_setting,
                        std::string_view why) {
    if (present_setting.known_set() && !missing_setting.maybe_set()) {
      diags.error("Incomplete credentials",
                  described(present, present_setting) + " is set but " + std::string(missing) +
                      " is not: " + std::string(why),
                  AttributePath(std::string(present)));
    }
  };
  incomplete("access_key", s.access_key, "secret_key", s.secret_key,
             "AK/SK signing needs both keys (secret_key or env OS_SECRET_KEY).");
  incomplete("secret_key", s.secret_key, "access_key", s.access_key,
             "AK/SK signing needs both keys (access_key or env OS_ACCESS_KEY).");
  if (s.security_token.known_set() && !s.access_key.maybe_set() && !s.secret_key.maybe_set()) {
    diags.error("Incomplete credentials",
                described("security_token", s.security_token) +
                    " is only used with temporary AK/SK credentials; set access_key and secret_key too.",
                AttributePath("security_token"));
  }
  incomplete("password", s.password, "user_name", s.user_name,
             "password authentication needs user_name (or env OS_USERNAME).");
  incomplete("user_name", s.user_name, "password", s.password,
             "password authentication needs password (or env OS_PASSWORD).");
  if (s.user_name.known_set() && s.password.known_set() && !s.domain_name.maybe_set()) {
    diags.error("Incomplete credentials",
                "password authentication needs domain_name (or env OS_DOMAIN_NAME): IAM finds the user "
                "\"" +
                    *s.user_name.value + "\" by name within its domain.",
                AttributePath("domain_name"));
  }

  const std::array<Method, 3> methods{{
      {"AK/SK",
       {{"access_key", &s.access_key}, {"secret_key", &s.secret_key}, {"security_token", &s.security_token}}},
      {"token", {{"token", &s.token}}},
      {"password", {{"user_name", &s.user_name}, {"password", &s.password}}},
  }};
  // The first method in use wins the argument; every further one is reported on its own argument,
  // naming where both settings came from (the block or which environment variable).
  std::optional<std::pair<std::string_view, Method::Argument>> first;  // label, argument
  for (const Method& method : methods) {
    const auto used_by = method.used_by();
    if (!used_by) continue;
    const auto& [name, setting] = *used_by;
    if (!first) {
      first = std::pair{method.label, *used_by};
      continue;
    }
    diags.error("Conflicting credentials",
                described_origin(name, *setting) + " selects " + std::string(method.label) +
                    " authentication, but " + described_origin(first->second.first, *first->second.second) +
                    " already selects " + std::string(first->first) +
                    " authentication. Use exactly one method: access_key + secret_key, token, or "
                    "user_name + password + domain_name (check the OS_* environment variables too).",
                AttributePath(std::string(name)));
  }
}

}  // namespace

Environment process_environment() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

ProviderSettings settings_from_config(const Value& config) {
  ProviderSettings settings;
  if (config.is_null() || !config.is_known()) return settings;
  for (const StringArgument& argument : kStringArguments) {
    const Value& value = config.attr(argument.name);
    Setting<std::string>& setting = settings.*argument.member;
    if (value.is_unknown()) {
      setting.unknown = true;
    } else if (!value.is_null() && !value.as_string().empty()) {
      setting.value = value.as_string();
      setting.origin = kFromConfig;
    }
  }
  const Value& insecure = config.attr("insecure");
  if (insecure.is_unknown()) settings.insecure.unknown = true;
  if (!insecure.is_null() && insecure.is_known()) {
    settings.insecure.value = insecure.as_bool();
    settings.insecure.origin = kFromConfig;
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

void apply_environment(ProviderSettings& settings, const Environment& env, Diagnostics& diags) {
  // Credentials set in the provider block win over the environment as a whole: mixing a token from the
  // block with OS_ACCESS_KEY from a shell profile would be a conflict the user never wrote.
  const bool block_has_credentials =
      std::any_of(kStringArguments.begin(), kStringArguments.end(), [&](const StringArgument& argument) {
        return argument.credential && (settings.*argument.member).maybe_set();
      });
  for (const StringArgument& argument : kStringArguments) {
    Setting<std::string>& setting = settings.*argument.member;
    if (setting.maybe_set() || (argument.credential && block_has_credentials)) continue;
    for (std::string_view variable : argument.env) {
      if (variable.empty()) continue;
      if (auto value = env(variable); value && !value->empty()) {
        set_from_env(setting, std::move(*value), variable);
        break;
      }
    }
  }
  if (!settings.insecure.maybe_set()) {
    if (auto text = env("OS_INSECURE"); text && !text->empty()) {
      if (auto parsed = parse_bool(*text)) {
        set_from_env(settings.insecure, *parsed, "OS_INSECURE");
      } else {
        diags.error(
            "Invalid OS_INSECURE",
            "Environment variable OS_INSECURE (the default of insecure) must be true or false, got \"" +
                *text + "\".",
            AttributePath("insecure"));
      }
    }
  }
}

Diagnostics check_settings(const ProviderSettings& settings) {
  Diagnostics diags;
  check_url(settings.endpoint, "endpoint", "RDS API (e.g. https://rds.eu-de.otc.t-systems.com)", diags);
  check_url(settings.auth_url, "auth_url",
            "IAM API including /v3 (e.g. https://iam.eu-de.otc.t-systems.com/v3)", diags);
  if (!diags.has_errors()) {
    check_endpoint_path(settings, diags);
    check_auth_url_path(settings, diags);
  }
  check_region(settings, diags);
  check_project_id(settings, diags);
  check_request_timeout(settings, diags);
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
  if (s.insecure.unknown || s.max_retries.unknown) {
    diags.error("Provider argument not known yet",
                std::string(s.insecure.unknown ? "insecure" : "max_retries") +
                    " depends on a value that is only known after apply.",
                AttributePath(s.insecure.unknown ? "insecure" : "max_retries"));
  }
  if (diags.has_errors()) return diags;

  if (!s.project_id.known_set()) {
    diags.error("Missing project_id",
                "The RDS API addresses every call by project: set project_id in the provider block or the "
                "environment variable OS_PROJECT_ID.",
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
    // attribute instead of a configure that never ends (issue 18).
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

}  // namespace rds::resources
