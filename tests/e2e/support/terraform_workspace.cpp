#include "tests/e2e/support/terraform_workspace.h"

#include <cstdlib>
#include <fstream>
#include <regex>
#include <stdexcept>

namespace rds::testing {
namespace {

std::filesystem::path make_temp_dir() {
  auto base = std::filesystem::temp_directory_path() / "rds-e2e-XXXXXX";
  std::string pattern = base.string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a temp dir under /tmp");
  return pattern;
}

void write_text_file(const std::filesystem::path& path, const std::string& content) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot write " + path.string());
  out << content;
}

}  // namespace

std::filesystem::path provider_bin_dir() { return RDS_E2E_PROVIDER_BIN_DIR; }

std::string terraform_path() { return find_on_path("terraform"); }

std::string required_providers_block() {
  return R"(terraform {
  required_providers {
    rds = { source = "local/rds" }
  }
}
)";
}

std::string filesystem_mirror_block(const std::filesystem::path& mirror) {
  return "  filesystem_mirror {\n    path    = \"" + mirror.string() + "\"\n    include = [\"" +
         kProviderAddress + "\"]\n  }\n";
}

std::string cli_config_installing_from(const std::string& installation) {
  return "provider_installation {\n" + installation + "  direct {\n    exclude = [\"" + kProviderAddress +
         "\"]\n  }\n}\n";
}

TerraformWorkspace::TerraformWorkspace(Environment extra_env)
    : dir_(make_temp_dir()), env_(clean_environment()) {
  // The provider is installed the way users install it, by `terraform init` from a filesystem mirror (no
  // dev_overrides). The mirror is unpacked and its binary a link to the build's, so nothing is copied.
  const auto package =
      dir_ / kMirrorFolder / kProviderAddress / RDS_E2E_PROVIDER_VERSION / RDS_E2E_PROVIDER_PLATFORM;
  std::filesystem::create_directories(package);
  std::filesystem::create_symlink(provider_bin_dir() / "terraform-provider-rds",
                                  package / "terraform-provider-rds");
  write_text_file(dir_ / "cli.tfrc",
                  cli_config_installing_from(filesystem_mirror_block(dir_ / kMirrorFolder)));
  env_["TF_CLI_CONFIG_FILE"] = (dir_ / "cli.tfrc").string();
  env_["CHECKPOINT_DISABLE"] = "1";
  env_["TF_IN_AUTOMATION"] = "1";
  env_["TF_INPUT"] = "0";
  // Lets a developer see the provider's own logs of a failing test: RDS_E2E_TF_LOG=debug ctest ...
  if (const char* log = std::getenv("RDS_E2E_TF_LOG")) env_["TF_LOG_PROVIDER"] = log;
  for (auto& [name, value] : extra_env) env_[name] = value;
}

TerraformWorkspace::~TerraformWorkspace() {
  if (std::getenv("RDS_E2E_KEEP_WORKSPACES") != nullptr) return;
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

void TerraformWorkspace::write_file(const std::string& name, const std::string& content) const {
  write_text_file(dir_ / name, content);
}

std::string TerraformWorkspace::read_file(const std::string& name) const {
  return read_text_file(dir_ / name);
}

bool TerraformWorkspace::has_file(const std::string& name) const {
  return std::filesystem::exists(dir_ / name);
}

void TerraformWorkspace::remove_file(const std::string& name) const { std::filesystem::remove(dir_ / name); }

void TerraformWorkspace::write_config(const std::string& body) const {
  write_file("main.tf", required_providers_block() + "\n" + body);
}

std::filesystem::path TerraformWorkspace::next_capture_prefix(const std::string& label) {
  return dir_ / (".cmd" + std::to_string(++command_count_) + "-" + label);
}

namespace {

// Commands that work without (or are) `terraform init`.
bool runs_without_init(const std::vector<std::string>& args) {
  if (args.empty()) return true;
  const std::string& command = args[0];
  if (command == "init" || command == "version" || command == "-version" || command == "fmt") return true;
  return command == "providers" && args.size() > 1 && (args[1] == "lock" || args[1] == "mirror");
}

}  // namespace

std::optional<CommandResult> TerraformWorkspace::init_once(const std::vector<std::string>& args) {
  if (!args.empty() && args[0] == "init") initialized_ = true;  // the test runs its own
  if (initialized_ || runs_without_init(args)) return std::nullopt;
  auto init = launch({"init", "-input=false", "-no-color"})->wait(kDefaultTimeout);
  if (!init.succeeded()) return init;  // e.g. a configuration error, which init reports as validate would
  initialized_ = true;
  return std::nullopt;
}

std::unique_ptr<ChildProcess> TerraformWorkspace::start_terraform(const std::vector<std::string>& args) {
  if (auto failed_init = init_once(args)) {
    throw std::runtime_error("terraform init failed before terraform " + (args.empty() ? "" : args[0]) +
                             "\n" + failed_init->describe());
  }
  return launch(args);
}

std::unique_ptr<ChildProcess> TerraformWorkspace::launch(const std::vector<std::string>& args) {
  std::vector<std::string> argv{"terraform"};
  argv.insert(argv.end(), args.begin(), args.end());
  // Terraform gets a group of its own (Ctrl-C reaches it and the providers it starts, an overrun kills
  // them all) and writes to files, so its chatty output can never block it.
  return std::make_unique<ChildProcess>(
      ProcessOptions{.argv = argv,
                     .env = env_,
                     .cwd = dir_,
                     .own_process_group = true,
                     .stdout_to = Output::kFile,
                     .stderr_to = Output::kFile,
                     .capture_prefix = next_capture_prefix(args.empty() ? "tf" : args[0]),
                     .default_sigint = true});
}

CommandResult TerraformWorkspace::terraform(const std::vector<std::string>& args,
                                            std::chrono::milliseconds timeout) {
  if (auto failed_init = init_once(args)) return *failed_init;
  return launch(args)->wait(timeout);
}

nlohmann::json TerraformWorkspace::provider_schema() {
  auto result = terraform({"providers", "schema", "-json"});
  if (!result.succeeded())
    throw std::runtime_error("terraform providers schema -json failed\n" + result.describe());
  auto all = nlohmann::json::parse(result.out);
  if (!all["provider_schemas"].contains(kProviderAddress)) {
    throw std::runtime_error(std::string(kProviderAddress) + " is missing from the schemas\n" + result.out);
  }
  return all["provider_schemas"][kProviderAddress];
}

nlohmann::json TerraformWorkspace::state_json() {
  auto show = terraform({"show", "-json"});
  if (!show.succeeded()) throw std::runtime_error("terraform show -json failed\n" + show.describe());
  return nlohmann::json::parse(show.out);
}

nlohmann::json TerraformWorkspace::plan_json(const std::vector<std::string>& extra_args) {
  std::vector<std::string> args{"plan", "-input=false", "-out=e2e.tfplan"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  auto plan = terraform(args);
  if (!plan.succeeded()) throw std::runtime_error("terraform plan failed\n" + plan.describe());
  auto show = terraform({"show", "-json", "e2e.tfplan"});
  if (!show.succeeded()) throw std::runtime_error("terraform show -json <plan> failed\n" + show.describe());
  return nlohmann::json::parse(show.out);
}

nlohmann::json TerraformWorkspace::state_resource(const std::string& address) {
  return find_resource(state_json(), address);
}

std::vector<std::string> terraform_warnings(const CommandResult& result) {
  static const std::regex warning_line("Warning: ([^\n]*)");
  std::vector<std::string> summaries;
  const std::string text = result.plain_output();
  for (std::sregex_iterator it(text.begin(), text.end(), warning_line), end; it != end; ++it) {
    summaries.push_back((*it)[1].str());
  }
  return summaries;
}

std::string running_text(const CommandResult& result) {
  static const std::regex layout("(\\s|│|╷|╵)+");
  return std::regex_replace(result.plain_output(), layout, " ");
}

int occurrences(const std::string& output, const std::string& text) {
  int count = 0;
  for (auto at = output.find(text); at != std::string::npos; at = output.find(text, at + text.size()))
    ++count;
  return count;
}

nlohmann::json find_resource(const nlohmann::json& document, const std::string& address) {
  // `terraform show -json` nests resources under values.root_module.resources.
  const nlohmann::json* values = &document;
  if (document.contains("values")) values = &document["values"];
  if (!values->is_object() || !values->contains("root_module")) return nullptr;
  const auto& module = (*values)["root_module"];
  if (!module.contains("resources")) return nullptr;
  for (const auto& resource : module["resources"]) {
    if (resource.value("address", "") == address) return resource;
  }
  return nullptr;
}

std::vector<std::string> planned_actions(const nlohmann::json& plan, const std::string& address) {
  if (!plan.contains("resource_changes")) return {};
  for (const auto& change : plan["resource_changes"]) {
    if (change.value("address", "") == address)
      return change["change"]["actions"].get<std::vector<std::string>>();
  }
  return {};
}

}  // namespace rds::testing
