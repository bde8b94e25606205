#include "provider/config/clouds_yaml.h"

#include <array>
#include <optional>
#include <utility>

#include "client/bounded_file.h"
#include "provider/config/provider_messages.h"
#include "provider/config/yaml_document.h"

namespace rds::config {
namespace {

using rds::core::AttributePath;
using rds::core::Diagnostics;

// clouds.yaml files are a few KiB; a megabyte is far beyond any real one.
constexpr std::size_t kMaxCloudsYamlBytes = 1024 * 1024;

struct LoadedFile {
  std::string path;
  nlohmann::json document;
};

// The first candidate that exists, parsed; nullopt when none exists. A candidate that exists but cannot
// be read or parsed is an error (it is not skipped: the user meant it).
std::optional<LoadedFile> load_first(const std::vector<std::string>& candidates, Diagnostics& diags) {
  for (const std::string& path : candidates) {
    const rds::client::BoundedFile file =
        rds::client::read_bounded_file(path, kMaxCloudsYamlBytes, "clouds.yaml");
    if (file.missing) continue;
    if (!file.problem.empty()) {
      diags.error("Invalid clouds.yaml", path + " " + file.problem + ".", AttributePath("cloud"));
      return std::nullopt;
    }
    YamlDocument yaml = parse_yaml(file.content);
    if (!yaml.problem.empty()) {
      diags.error("Invalid clouds.yaml",
                  path + " is not a YAML file the provider can read: " + yaml.problem + ".",
                  AttributePath("cloud"));
      return std::nullopt;
    }
    return LoadedFile{path, std::move(yaml.value)};
  }
  return std::nullopt;
}

const nlohmann::json* cloud_entry(const std::optional<LoadedFile>& file, const std::string& cloud) {
  if (!file || !file->document.is_object()) return nullptr;
  const auto clouds = file->document.find("clouds");
  if (clouds == file->document.end() || !clouds->is_object()) return nullptr;
  const auto entry = clouds->find(cloud);
  return entry == clouds->end() || !entry->is_object() ? nullptr : &*entry;
}

// A string at entry[section][key] (section "" = the entry itself).
std::optional<std::string> text_at(const nlohmann::json* entry, const std::string& section,
                                   const std::string& key) {
  if (entry == nullptr) return std::nullopt;
  const nlohmann::json* at = entry;
  if (!section.empty()) {
    const auto found = at->find(section);
    if (found == at->end() || !found->is_object()) return std::nullopt;
    at = &*found;
  }
  const auto value = at->find(key);
  if (value == at->end() || !value->is_string() || value->get_ref<const std::string&>().empty())
    return std::nullopt;
  return value->get<std::string>();
}

struct CloudKey {
  Setting<std::string> ProviderSettings::*member;
  const char* section;
  std::array<const char*, 3> keys;  // the first one present wins; nullptr ends the list
};

// The keys of openstacksdk's clouds.yaml, plus the AK/SK keys Open Telekom Cloud documents (ak, sk).
constexpr std::array<CloudKey, 12> kCloudKeys{{
    {&ProviderSettings::region, "", {"region_name", nullptr, nullptr}},
    {&ProviderSettings::auth_url, "auth", {"auth_url", nullptr, nullptr}},
    {&ProviderSettings::user_name, "auth", {"username", "user_name", nullptr}},
    {&ProviderSettings::password, "auth", {"password", nullptr, nullptr}},
    {&ProviderSettings::project_id, "auth", {"project_id", "tenant_id", nullptr}},
    {&ProviderSettings::project_name, "auth", {"project_name", "tenant_name", nullptr}},
    {&ProviderSettings::domain_name, "auth", {"user_domain_name", "domain_name", "project_domain_name"}},
    {&ProviderSettings::access_key, "auth", {"ak", "access_key", nullptr}},
    {&ProviderSettings::secret_key, "auth", {"sk", "secret_key", nullptr}},
    {&ProviderSettings::security_token, "auth", {"security_token", nullptr, nullptr}},
    {&ProviderSettings::token, "auth", {"token", nullptr, nullptr}},
    {&ProviderSettings::cacert_file, "", {"cacert", nullptr, nullptr}},
}};

std::string cloud_names(const std::optional<LoadedFile>& file) {
  std::string names;
  const auto clouds = file->document.is_object() ? file->document.find("clouds") : file->document.end();
  if (clouds != file->document.end() && clouds->is_object())
    for (const auto& [name, entry] : clouds->items()) names += (names.empty() ? "" : ", ") + name;
  return names.empty() ? "none" : names;
}

}  // namespace

std::vector<std::string> clouds_yaml_candidates(const Environment& env, const std::string& file_name) {
  if (file_name == "clouds.yaml")
    if (auto given = env("OS_CLIENT_CONFIG_FILE"); given && !given->empty()) return {*given};
  std::vector<std::string> candidates{file_name};  // the working directory: Terraform's, where it runs
  if (auto home = env("HOME"); home && !home->empty())
    candidates.push_back(*home + "/.config/openstack/" + file_name);
  candidates.push_back("/etc/openstack/" + file_name);
  return candidates;
}

void apply_clouds_yaml(ProviderSettings& settings, const Environment& env, Diagnostics& diags) {
  if (!settings.cloud.known_set()) return;
  const std::string& cloud = *settings.cloud.value;
  const auto candidates = clouds_yaml_candidates(env, "clouds.yaml");
  Diagnostics problems;
  const auto clouds = load_first(candidates, problems);
  if (problems.has_errors()) {
    diags.append(problems);
    return;
  }
  if (!clouds) {
    std::string searched;
    for (const auto& path : candidates) searched += (searched.empty() ? "" : ", ") + path;
    diags.error("No clouds.yaml",
                described("cloud", settings.cloud) + " is \"" + cloud +
                    "\", but no clouds.yaml was found (looked for " + searched +
                    "; OS_CLIENT_CONFIG_FILE names another file).",
                AttributePath("cloud"));
    return;
  }
  const nlohmann::json* entry = cloud_entry(clouds, cloud);
  if (entry == nullptr) {
    diags.error(
        "Unknown cloud",
        clouds->path + " has no cloud \"" + cloud + "\" under clouds: (it has " + cloud_names(clouds) + ").",
        AttributePath("cloud"));
    return;
  }
  // secure.yaml keeps the secrets of the same clouds apart; its values win over clouds.yaml's.
  const auto secure = load_first(clouds_yaml_candidates(env, "secure.yaml"), diags);
  const nlohmann::json* secret_entry = cloud_entry(secure, cloud);

  for (const CloudKey& key : kCloudKeys) {
    Setting<std::string>& setting = settings.*key.member;
    if (setting.maybe_set() || setting.empty_in_block) continue;  // the block and the environment win
    for (const char* name : key.keys) {
      if (name == nullptr) break;
      const auto from_secure = text_at(secret_entry, key.section, name);
      const auto value = from_secure ? from_secure : text_at(entry, key.section, name);
      if (!value) continue;
      setting.value = *value;
      setting.origin = "cloud \"" + cloud + "\" of " + (from_secure ? secure->path : clouds->path);
      break;
    }
  }
  if (!settings.insecure.maybe_set())
    if (auto verify = text_at(entry, "", "verify"); verify && (*verify == "false" || *verify == "False")) {
      settings.insecure.value = true;
      settings.insecure.origin = "cloud \"" + cloud + "\" of " + clouds->path + " (verify: false)";
    }
}

}  // namespace rds::config
