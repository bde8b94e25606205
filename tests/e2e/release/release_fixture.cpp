#include "tests/e2e/release/release_fixture.h"

#include <stdlib.h>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>

namespace rds::testing {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::vector<std::string> release_platforms() {
  std::vector<std::string> platforms;
  std::stringstream list(RDS_E2E_RELEASE_PLATFORMS);
  for (std::string platform; std::getline(list, platform, ',');) platforms.push_back(platform);
  return platforms;
}

std::string zip_name(const std::string& platform) {
  return "terraform-provider-rds_" + kVersion + "_" + platform + ".zip";
}

std::string read_binary(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_binary(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

CommandResult run(std::vector<std::string> argv, const fs::path& cwd, const Environment& env) {
  return run_to_completion({.argv = std::move(argv), .env = inherited_environment({.set = env}), .cwd = cwd},
                           60s);
}

std::set<std::string> extract(const fs::path& zip, const fs::path& into) {
  fs::create_directories(into);
  auto result = run({"cmake", "-E", "tar", "xf", zip.string()}, into);
  if (!result.succeeded())
    throw std::runtime_error("cannot extract " + zip.string() + "\n" + result.describe());
  std::set<std::string> names;
  for (const auto& entry : fs::recursive_directory_iterator(into)) {
    if (!entry.is_directory()) names.insert(fs::relative(entry.path(), into).string());
  }
  return names;
}

std::vector<std::string> locked_hashes(const std::string& lock_file) {
  static const std::regex hash("\"(h1:[A-Za-z0-9+/=]+)\"");
  std::vector<std::string> hashes;
  for (std::sregex_iterator it(lock_file.begin(), lock_file.end(), hash), end; it != end; ++it) {
    hashes.push_back((*it)[1].str());
  }
  return hashes;
}

std::string network_mirror_block(const std::string& url) {
  return "  network_mirror {\n    url     = \"" + url + "\"\n    include = [\"" + kProviderAddress +
         "\"]\n  }\n";
}

std::string unwrapped(const CommandResult& result) {
  std::string text = std::regex_replace(result.plain_output(), std::regex("\u2502"), " ");
  return std::regex_replace(text, std::regex("\\s+"), " ");
}

std::vector<std::string> pack_release_command(const fs::path& out) {
  const auto platforms = release_platforms();
  std::string joined;
  for (const auto& platform : platforms) joined += (joined.empty() ? "" : ",") + platform;
  std::vector<std::string> command{"cmake",
                                   "-DOUT=" + out.string(),
                                   "-DVERSION=" + kVersion,
                                   "-DPLATFORMS=" + joined,
                                   "-DZIP=" RDS_E2E_ZIP,
                                   "-DGPG=" RDS_E2E_GPG};
  const std::map<std::string, std::pair<std::string, std::string>> binaries{
      {kPlatform, {RDS_E2E_RELEASE_BINARY, RDS_E2E_OBJCOPY}},
      {"linux_arm64", {RDS_E2E_RELEASE_ARM64_BINARY, RDS_E2E_AARCH64_OBJCOPY}}};
  for (const auto& platform : platforms) {
    command.push_back("-DBINARY_" + platform + "=" + binaries.at(platform).first);
    command.push_back("-DOBJCOPY_" + platform + "=" + binaries.at(platform).second);
  }
  command.insert(command.end(), {"-P", (kSourceDir / "cmake/PackRelease.cmake").string()});
  return command;
}

bool running_in_ci() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string(ci) == "true";
}

void Release::SetUp() {
  E2eTest::SetUp();
  for (const auto& platform : release_platforms()) {
    ASSERT_TRUE(fs::exists(kReleaseDir / zip_name(platform)))
        << kReleaseDir / zip_name(platform) << " is missing: cmake --build build --target release";
  }
  auto pattern = (fs::temp_directory_path() / "rds-release-XXXXXX").string();
  ASSERT_NE(mkdtemp(pattern.data()), nullptr);
  scratch_ = pattern;
}

void Release::TearDown() {
  if (std::getenv("RDS_E2E_KEEP_WORKSPACES") == nullptr && !scratch_.empty()) fs::remove_all(scratch_);
}

fs::path Release::make_mirror(const std::string& form, const fs::path& release) {
  const fs::path dir = scratch_ / (form.substr(2) + "-mirror");
  auto made = run({"bash", (kSourceDir / "scripts/mirror.sh").string(), "--release", release.string(), form,
                   dir.string()});
  EXPECT_TRUE(made.succeeded()) << made.describe();
  return dir;
}

std::string Release::mirror_h1_hash(const fs::path& network_mirror, const std::string& platform) {
  auto json = nlohmann::json::parse(read_text_file(network_mirror / kMirrorPath / (kVersion + ".json")));
  return json["archives"][platform]["hashes"][0].get<std::string>();
}

std::unique_ptr<TerraformWorkspace> Release::workspace_installing_from(const std::string& installation,
                                                                       Environment extra_env) {
  for (auto& [name, value] : sim().provider_env()) extra_env[name] = value;
  auto ws = std::make_unique<TerraformWorkspace>(extra_env);
  ws->write_file("cli.tfrc", "provider_installation {\n" + installation +
                                 "  direct {\n    exclude = [\"registry.terraform.io/local/rds\"]\n  }\n}\n");
  ws->write_config("provider \"rds\" {}\n" +
                   ssl_resource("db", "mysql-release", true, "  timeouts {\n    create = \"1m\"\n  }\n"));
  return ws;
}

fs::path Release::installed_executable(TerraformWorkspace& ws) {
  return ws.dir() / ".terraform/providers" / kMirrorPath / kVersion / kPlatform / kExecutableName;
}

fs::path Release::released_executable(const std::string& platform) {
  const fs::path dir = scratch_ / ("unzipped-" + platform);
  if (!fs::exists(dir / kExecutableName)) extract(kReleaseDir / zip_name(platform), dir);
  return dir / kExecutableName;
}

}  // namespace rds::testing
