#include "tests/support/process_environment.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

extern char** environ;

namespace rds::testing {
namespace {

bool is_controlling_variable(const std::string& name) {
  // SSL_CERT_FILE / SSL_CERT_DIR choose the CA certificates the provider trusts (client/ca_bundle.h); HW_
  // is Huawei Cloud's prefix of the same settings as OS_.
  for (const char* prefix : {"TF_", "OS_", "HW_", "RDS_", "PLUGIN_", "CHECKPOINT_", "SSL_CERT_"}) {
    if (name.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

}  // namespace

Environment inherited_environment(const EnvironmentChanges& changes) {
  Environment env;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string text = *entry;
    const auto eq = text.find('=');
    if (eq != std::string::npos) env[text.substr(0, eq)] = text.substr(eq + 1);
  }
  for (const auto& name : changes.unset) env.erase(name);
  for (const auto& [name, value] : changes.set) env[name] = value;
  return env;
}

Environment clean_environment(const EnvironmentChanges& changes) {
  Environment env = inherited_environment();
  std::erase_if(env, [](const auto& entry) { return is_controlling_variable(entry.first); });
  for (const auto& name : changes.unset) env.erase(name);
  for (const auto& [name, value] : changes.set) env[name] = value;
  return env;
}

std::string find_on_path(const std::string& program) {
  if (program.find('/') != std::string::npos) return program;
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "/usr/local/bin:/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) continue;
    const auto candidate = std::filesystem::path(dir) / program;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return {};
}

}  // namespace rds::testing
