// The credential rules of the provider block, run on the settings after the environment fallback: one
// method, complete, and a conflict that names where each value came from.
#include <array>
#include <optional>
#include <utility>
#include <vector>

#include "provider/config/provider_messages.h"
#include "provider/config/provider_settings.h"

namespace rds::config {
namespace {

using rds::core::AttributePath;
using rds::core::Diagnostics;

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

}  // namespace

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
                    "user_name + password + domain_name (check the OS_* and HW_* environment variables too).",
                AttributePath(std::string(name)));
  }
}

}  // namespace rds::config
