// What the provider-block tests share: a fake environment, config values, a provider whose client
// factory records the ClientConfig it is given, and checks on diagnostics.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "provider/config/provider_schema.h"
#include "provider/config/provider_settings.h"
#include "provider/rds_provider.h"

namespace rds::config::config_test_support {

using rds::core::AttributePath;
using rds::core::Diagnostics;
using rds::core::Number;
using rds::core::Type;
using rds::core::Value;

using Env = std::map<std::string, std::string>;

inline Environment fake_env(Env values) {
  return [values = std::move(values)](std::string_view name) -> std::optional<std::string> {
    auto it = values.find(std::string(name));
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

// A provider config object; attributes not given are null.
inline Value config(std::map<std::string, Value> attributes) {
  return Value::object(provider_schema().value_type(), std::move(attributes));
}
inline Value str(const std::string& s) { return Value::string(s); }

inline bool has_diagnostic_at(const Diagnostics& diags, rds::core::Severity severity,
                              const std::string& attribute, const std::string& text) {
  for (const auto& d : diags) {
    if (d.severity == severity && d.path == AttributePath(attribute) &&
        (d.summary + " " + d.detail).find(text) != std::string::npos) {
      return true;
    }
  }
  return false;
}
inline bool has_error_at(const Diagnostics& diags, const std::string& attribute,
                         const std::string& text = {}) {
  return has_diagnostic_at(diags, rds::core::Severity::error, attribute, text);
}
inline bool has_warning_at(const Diagnostics& diags, const std::string& attribute, const std::string& text) {
  return has_diagnostic_at(diags, rds::core::Severity::warning, attribute, text);
}

inline std::string dump(const Diagnostics& diags) {
  std::string out;
  for (const auto& d : diags)
    out += d.summary + ": " + d.detail + (d.path ? " @" + d.path->to_string() : "") + "\n";
  return out;
}

struct Recorder {
  std::optional<rds::client::ClientConfig> config;
};

inline std::shared_ptr<rds::core::Provider> provider(Env env, std::shared_ptr<Recorder> recorder = nullptr) {
  ProviderOptions options;
  options.environment = fake_env(std::move(env));
  options.make_client =
      [recorder](rds::client::ClientConfig config) -> std::shared_ptr<rds::client::RdsClient> {
    if (recorder) recorder->config = config;
    return rds::client::RdsClient::create(std::move(config));
  };
  return make_rds_provider(std::move(options));
}

inline const Env kSimEnv{{"OS_PROJECT_ID", "p1"}, {"RDS_ENDPOINT", "http://127.0.0.1:1"}};

// The block and environment after apply_environment, as validate and configure see them.
inline ProviderSettings settings_of(std::map<std::string, Value> block, Env env) {
  Diagnostics ignored;
  ProviderSettings settings = settings_from_config(config(std::move(block)));
  apply_environment(settings, fake_env(std::move(env)), ignored);
  return settings;
}

}  // namespace rds::config::config_test_support
