// What this binary is: its version and the commit it was built from, for `--version`.
// The definition is generated at build time by cmake/BuildInfo.cmake.
#pragma once

#include <string>

namespace rds::plugin {

struct BuildInfo {
  std::string version;  // e.g. "0.1.0", from project() in CMakeLists.txt
  std::string commit;   // the full git commit, or "unknown" when built outside a git checkout
};

const BuildInfo& build_info();

// `terraform-provider-rds --version`: the version, the protocol versions served and the commit.
std::string version_text(const BuildInfo& info);

}  // namespace rds::plugin
