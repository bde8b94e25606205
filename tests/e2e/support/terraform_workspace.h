// A throw-away Terraform working directory wired to the provider under test.
//
// Each workspace is a fresh temp directory with its own CLI config and a filesystem mirror that offers the
// freshly built provider as "local/rds". The first command that needs it runs `terraform init`, which
// installs the provider from that mirror and writes the lock file, as for any user (no dev_overrides).
// Commands run with a timeout and are killed (with everything they started) when they overrun.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/child_process.h"

namespace rds::testing {

// The address Terraform gives our provider: `required_providers { rds = { source = "local/rds" } }`.
inline constexpr const char* kProviderAddress = "registry.terraform.io/local/rds";

// The workspace's filesystem mirror (unpacked layout), a folder of its directory.
inline constexpr const char* kMirrorFolder = ".provider-mirror";

// A `filesystem_mirror { ... }` block offering kProviderAddress from `mirror` (packed or unpacked layout).
std::string filesystem_mirror_block(const std::filesystem::path& mirror);
// A CLI config (`provider_installation`) that installs kProviderAddress only through `installation`, a
// filesystem_mirror or network_mirror block, and every other provider directly.
std::string cli_config_installing_from(const std::string& installation);

// The folder holding the built terraform-provider-rds binary (from a compile definition).
std::filesystem::path provider_bin_dir();

// Path of the `terraform` binary on PATH, or empty. The e2e tests fail (never skip) without it.
std::string terraform_path();

// The `terraform { required_providers { ... } }` block every configuration starts with.
std::string required_providers_block();

class TerraformWorkspace {
 public:
  static constexpr std::chrono::seconds kDefaultTimeout{120};

  // `extra_env` is added to a clean environment (see clean_environment()) for every command.
  explicit TerraformWorkspace(Environment extra_env = {});
  TerraformWorkspace(const TerraformWorkspace&) = delete;
  TerraformWorkspace& operator=(const TerraformWorkspace&) = delete;
  // Removes the directory unless RDS_E2E_KEEP_WORKSPACES is set (handy when debugging a failure).
  ~TerraformWorkspace();

  const std::filesystem::path& dir() const { return dir_; }
  const Environment& environment() const { return env_; }
  void set_env(const std::string& name, const std::string& value) { env_[name] = value; }

  void write_file(const std::string& name, const std::string& content) const;
  std::string read_file(const std::string& name) const;
  bool has_file(const std::string& name) const;
  void remove_file(const std::string& name) const;
  // Replaces main.tf with `required_providers_block()` + `body`.
  void write_config(const std::string& body) const;

  // Runs `terraform <args>` to completion (or until `timeout`, then kills it). The first command that needs
  // an initialized directory runs `terraform init` first; if that fails, its result is returned instead.
  CommandResult terraform(const std::vector<std::string>& args,
                          std::chrono::milliseconds timeout = kDefaultTimeout);
  // Starts `terraform <args>` and returns at once, for tests that interrupt it (after `init`, as above;
  // throws if that fails).
  std::unique_ptr<ChildProcess> start_terraform(const std::vector<std::string>& args);

  // Our provider's entry of `terraform providers schema -json`; throws with the command's output if the
  // command fails or does not list the provider.
  nlohmann::json provider_schema();
  // `terraform show -json` of the current state; throws with the command's output if it fails.
  nlohmann::json state_json();
  // `terraform plan -out` + `terraform show -json` of that plan; throws if either fails.
  nlohmann::json plan_json(const std::vector<std::string>& extra_args = {});
  // The resource at `address` (e.g. "rds_instance_ssl.x") in `state_json()`, or null when absent.
  nlohmann::json state_resource(const std::string& address);

 private:
  std::filesystem::path next_capture_prefix(const std::string& label);
  // Runs `terraform init` once, before the first command that needs it; its result if it failed.
  std::optional<CommandResult> init_once(const std::vector<std::string>& args);
  std::unique_ptr<ChildProcess> launch(const std::vector<std::string>& args);

  std::filesystem::path dir_;
  Environment env_;
  int command_count_ = 0;
  bool initialized_ = false;
};

// The summaries of Terraform's "Warning: ..." diagnostics in `result`. Test workspaces install the
// provider from a mirror, so Terraform has no notice of its own to add (no dev_overrides warning).
std::vector<std::string> terraform_warnings(const CommandResult& result);

// How often `text` occurs in `output` (e.g. a warning that must be said exactly once).
int occurrences(const std::string& output, const std::string& text);

// `result`'s output as running text: Terraform draws diagnostics in a box ("│ ") and wraps them to the
// terminal's width, so a sentence of the provider's may span lines. Every run of line breaks, box
// characters and spaces becomes one space, so a test can look for the provider's own words.
std::string running_text(const CommandResult& result);

// Finds the resource at `address` in a `terraform show -json` document (state or plan's prior_state).
nlohmann::json find_resource(const nlohmann::json& values, const std::string& address);

// The `change.actions` of `address` in a plan JSON (e.g. ["update"], ["delete","create"]), or empty.
std::vector<std::string> planned_actions(const nlohmann::json& plan, const std::string& address);

}  // namespace rds::testing
