#include "provider/plugin/build_info.h"
#include "provider/plugin/version_negotiation.h"

namespace rds::plugin {

std::string version_text(const BuildInfo& info) {
  // The protocol versions are written as registries and manifests write them ("5.0, 6.0").
  std::string protocols;
  for (int version : kSupportedProtocolVersions) {
    if (!protocols.empty()) protocols += ", ";
    protocols += std::to_string(version) + ".0";
  }
  return "terraform-provider-rds " + info.version + "\nprotocol versions: " + protocols +
         "\ncommit: " + info.commit + "\n";
}

}  // namespace rds::plugin
