#include "provider/plugin/version_negotiation.h"

#include <algorithm>

namespace rds::plugin {
namespace {

std::string join(const std::vector<int>& values) {
  std::string out;
  for (int value : values) {
    if (!out.empty()) out += ", ";
    out += std::to_string(value);
  }
  return out;
}

}  // namespace

NegotiatedVersion negotiate_protocol_version(const std::vector<int>& client_versions,
                                             const std::vector<int>& server_versions) {
  if (server_versions.empty()) return {std::nullopt, "this plugin serves no protocol version"};
  if (client_versions.empty()) {
    return {*std::min_element(server_versions.begin(), server_versions.end()), ""};
  }
  std::optional<int> best;
  for (int version : server_versions) {
    const bool client_speaks_it =
        std::find(client_versions.begin(), client_versions.end(), version) != client_versions.end();
    if (client_speaks_it && (!best || version > *best)) best = version;
  }
  if (best) return {best, ""};
  return {std::nullopt, "Incompatible plugin protocol: terraform-provider-rds speaks protocol " +
                            join(server_versions) + " but the client (PLUGIN_PROTOCOL_VERSIONS) asks for " +
                            join(client_versions) + ". Use Terraform 0.12 or newer, or OpenTofu."};
}

}  // namespace rds::plugin
