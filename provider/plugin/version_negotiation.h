// Choosing the plugin protocol version (go-plugin server.go protocolVersion()).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace rds::plugin {

// The protocol versions this binary serves: tfplugin5 and tfplugin6.
inline const std::vector<int> kSupportedProtocolVersions = {5, 6};

struct NegotiatedVersion {
  std::optional<int> version;  // nullopt: nothing in common
  std::string error;           // a sentence for the user when version is nullopt
};

// The highest version both sides speak. A client that sent no list (PLUGIN_PROTOCOL_VERSIONS
// unset: a legacy client) gets our lowest version, as go-plugin does.
NegotiatedVersion negotiate_protocol_version(
    const std::vector<int>& client_versions,
    const std::vector<int>& server_versions = kSupportedProtocolVersions);

}  // namespace rds::plugin
