#include "provider/plugin/environment.h"

#include <charconv>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace rds::plugin {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::optional<int> parse_int(std::string_view text) {
  text = trim(text);
  int value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

int parse_port(const char* variable, const char* value, int fallback) {
  if (value == nullptr || *value == '\0') return fallback;
  const auto port = parse_int(value);
  if (!port || *port < 0 || *port > 65535) {
    throw EnvironmentError(std::string(variable) + " must be a port number from 0 to 65535, got \"" + value +
                           "\"");
  }
  return *port;
}

std::string getenv_or_empty(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

}  // namespace

std::vector<int> parse_protocol_versions(std::string_view list) {
  std::vector<int> versions;
  while (!list.empty()) {
    const auto comma = list.find(',');
    const auto entry = list.substr(0, comma);
    if (const auto version = parse_int(entry)) versions.push_back(*version);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return versions;
}

PortRange parse_port_range(const char* min_value, const char* max_value) {
  PortRange range;
  range.min = parse_port("PLUGIN_MIN_PORT", min_value, range.min);
  range.max = parse_port("PLUGIN_MAX_PORT", max_value, range.max);
  if (range.min > range.max) {
    throw EnvironmentError("PLUGIN_MIN_PORT (" + std::to_string(range.min) +
                           ") must not be greater than PLUGIN_MAX_PORT (" + std::to_string(range.max) + ")");
  }
  return range;
}

PluginEnvironment read_environment() {
  PluginEnvironment env;
  env.magic_cookie_ok = getenv_or_empty(kMagicCookieKey.data()) == kMagicCookieValue;
  env.client_protocol_versions = parse_protocol_versions(getenv_or_empty("PLUGIN_PROTOCOL_VERSIONS"));
  env.unix_socket_dir = getenv_or_empty("PLUGIN_UNIX_SOCKET_DIR");
  env.ports = parse_port_range(std::getenv("PLUGIN_MIN_PORT"), std::getenv("PLUGIN_MAX_PORT"));
  env.client_cert_pem = getenv_or_empty("PLUGIN_CLIENT_CERT");
  return env;
}

}  // namespace rds::plugin
