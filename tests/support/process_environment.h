// The environment a test gives a child process, and finding the program to run.
//
// A child gets a complete environment (ProcessOptions::env). Tests either start from the parent's
// (inherited_environment, optionally with changes on top, the way Terraform starts a plugin) or from a
// clean one that cannot leak the developer's Terraform/cloud settings into a test (clean_environment).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace rds::testing {

using Environment = std::map<std::string, std::string>;

// Changes applied on top of an inherited environment: `unset` first, then `set`.
struct EnvironmentChanges {
  std::map<std::string, std::string> set{};
  std::vector<std::string> unset{};
};

// This process's environment, with `changes` applied.
Environment inherited_environment(const EnvironmentChanges& changes = {});

// This process's environment minus every variable that would change how Terraform or the provider behave
// (TF_*, OS_*, HW_*, RDS_*, PLUGIN_*, CHECKPOINT_*, SSL_CERT_*), so tests only see what they set
// themselves; then `changes`. The e2e workspaces and the harness's plugin processes both start from it.
Environment clean_environment(const EnvironmentChanges& changes = {});

// Full path of `program` found on PATH (returned as is when it contains a '/'); empty when not found.
std::string find_on_path(const std::string& program);

}  // namespace rds::testing
