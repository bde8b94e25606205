// The release as users get it: build/release/ (cmake --build build --target release), laid out by
// scripts/mirror.sh, installed by the real `terraform init` from a packed filesystem mirror and from a
// network mirror over HTTPS, pinned by the lock file. No dev_overrides anywhere.
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <regex>
#include <set>

#include "tests/e2e/support/e2e_test.h"

namespace rds::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

const std::string kVersion = RDS_E2E_PROVIDER_VERSION;
const std::string kPlatform = RDS_E2E_PROVIDER_PLATFORM;
const fs::path kReleaseDir = RDS_E2E_RELEASE_DIR;
const fs::path kSourceDir = RDS_E2E_SOURCE_DIR;
const std::string kZipName = "terraform-provider-rds_" + kVersion + "_" + kPlatform + ".zip";
const std::string kExecutableName = "terraform-provider-rds_v" + kVersion;
// Where a mirror keeps the provider: HOSTNAME/NAMESPACE/TYPE.
const fs::path kMirrorPath = kProviderAddress;

std::string read_binary(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_binary(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

CommandResult run(std::vector<std::string> argv, const fs::path& cwd = {}) {
  return run_to_completion({.argv = std::move(argv), .cwd = cwd}, 60s);
}

// The files an archive holds, extracted into `into` (by cmake, which reads zips, so no unzip is needed).
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

// The "h1:..." hashes a lock file records for local/rds.
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

class Release : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    ASSERT_TRUE(fs::exists(kReleaseDir / kZipName))
        << kReleaseDir / kZipName << " is missing: cmake --build build --target release";
    scratch_ = workspace_dir_for_files();
  }
  void TearDown() override {
    if (std::getenv("RDS_E2E_KEEP_WORKSPACES") == nullptr) fs::remove_all(scratch_);
  }

  // Runs scripts/mirror.sh `form` ("--packed" or "--network") into a new folder and returns it.
  fs::path make_mirror(const std::string& form) {
    const fs::path dir = scratch_ / (form.substr(2) + "-mirror");
    auto made = run({"bash", (kSourceDir / "scripts/mirror.sh").string(), "--release", kReleaseDir.string(),
                     form, dir.string()});
    EXPECT_TRUE(made.succeeded()) << made.describe();
    return dir;
  }

  // The h1 hash scripts/mirror.sh put into `network_mirror`'s VERSION.json.
  static std::string mirror_h1_hash(const fs::path& network_mirror) {
    auto json = nlohmann::json::parse(read_text_file(network_mirror / kMirrorPath / (kVersion + ".json")));
    return json["archives"][kPlatform]["hashes"][0].get<std::string>();
  }

  // A workspace for the quickstart configuration whose CLI config installs local/rds only through
  // `installation` (a filesystem_mirror or network_mirror block).
  std::unique_ptr<TerraformWorkspace> workspace_installing_from(const std::string& installation,
                                                                Environment extra_env = {}) {
    for (auto& [name, value] : sim().provider_env()) extra_env[name] = value;
    auto ws = std::make_unique<TerraformWorkspace>(extra_env);
    ws->write_file("cli.tfrc",
                   "provider_installation {\n" + installation +
                       "  direct {\n    exclude = [\"registry.terraform.io/local/rds\"]\n  }\n}\n");
    ws->write_config("provider \"rds\" {}\n" +
                     ssl_resource("db", "mysql-release", true, "  timeouts {\n    create = \"1m\"\n  }\n"));
    return ws;
  }

  // The provider executable `terraform init` installed into `ws`.
  static fs::path installed_executable(TerraformWorkspace& ws) {
    return ws.dir() / ".terraform/providers" / kMirrorPath / kVersion / kPlatform / kExecutableName;
  }

  // The executable inside the release zip, extracted once per test.
  fs::path released_executable() {
    const fs::path dir = scratch_ / "unzipped";
    if (!fs::exists(dir / kExecutableName)) extract(kReleaseDir / kZipName, dir);
    return dir / kExecutableName;
  }

  fs::path scratch_;

 private:
  static fs::path workspace_dir_for_files() {
    auto pattern = (fs::temp_directory_path() / "rds-release-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    return pattern;
  }
};

TEST_F(Release, TheZipHoldsOnlyTheVersionedExecutableAndTheChecksumsPass) {
  auto check = run({"sha256sum", "-c", "terraform-provider-rds_" + kVersion + "_SHA256SUMS"}, kReleaseDir);
  EXPECT_TRUE(check.succeeded()) << check.describe();
  EXPECT_NE(check.out.find(kZipName + ": OK"), std::string::npos) << check.out;
  EXPECT_NE(check.out.find("_manifest.json: OK"), std::string::npos) << check.out;

  EXPECT_EQ(extract(kReleaseDir / kZipName, scratch_ / "unzipped"), std::set<std::string>{kExecutableName});
  auto permissions = fs::status(released_executable()).permissions();
  EXPECT_NE(permissions & fs::perms::owner_exec, fs::perms::none) << "the executable bit is lost";

  auto manifest = nlohmann::json::parse(
      read_text_file(kReleaseDir / ("terraform-provider-rds_" + kVersion + "_manifest.json")));
  EXPECT_EQ(manifest,
            nlohmann::json::parse(R"({"version":1,"metadata":{"protocol_versions":["5.0","6.0"]}})"));

  // The debug info is shipped beside the zip, and the executable links to it instead of holding it.
  const fs::path debug = kReleaseDir / ("terraform-provider-rds_" + kVersion + "_" + kPlatform + ".debug");
  ASSERT_TRUE(fs::exists(debug));
  auto sections = run({"readelf", "-S", "-W", released_executable().string()});
  EXPECT_EQ(sections.out.find(".debug_info"), std::string::npos) << "the shipped executable has debug info";
  EXPECT_NE(sections.out.find(".gnu_debuglink"), std::string::npos) << sections.out;
  EXPECT_NE(run({"readelf", "-S", "-W", debug.string()}).out.find(".debug_info"), std::string::npos);
}

TEST_F(Release, PackingTheSameBinaryAgainGivesByteIdenticalFiles) {
  const fs::path again = scratch_ / "again";
  auto pack = run({"cmake", "-DBINARY=" + std::string(RDS_E2E_RELEASE_BINARY), "-DOUT=" + again.string(),
                   "-DVERSION=" + kVersion, "-DPLATFORM=" + kPlatform, "-DOBJCOPY=" RDS_E2E_OBJCOPY,
                   "-DZIP=" RDS_E2E_ZIP, "-P", (kSourceDir / "cmake/PackRelease.cmake").string()});
  ASSERT_TRUE(pack.succeeded()) << pack.describe();
  for (const std::string& name : {kZipName, "terraform-provider-rds_" + kVersion + "_manifest.json",
                                  "terraform-provider-rds_" + kVersion + "_SHA256SUMS"}) {
    EXPECT_TRUE(read_binary(kReleaseDir / name) == read_binary(again / name))
        << name << " differs between two packs";
  }
}

TEST_F(Release, TheExecutableNeedsOnlyGlibcOpenSslAndZlib) {
  auto dynamic = run({"readelf", "-d", "-W", released_executable().string()});
  ASSERT_TRUE(dynamic.succeeded()) << dynamic.describe();
  static const std::regex needed(R"(\(NEEDED\)\s+Shared library: \[([^\]]+)\])");
  static const std::regex bundled("grpc|gpr|protobuf|absl|stdc\\+\\+|libgcc_s|upb|re2|cares|address_sorting");
  std::vector<std::string> libraries;
  for (std::sregex_iterator it(dynamic.out.begin(), dynamic.out.end(), needed), end; it != end; ++it) {
    libraries.push_back((*it)[1].str());
    EXPECT_FALSE(std::regex_search(libraries.back(), bundled))
        << libraries.back() << " must be linked statically into the release\n"
        << dynamic.out;
  }
  // Only glibc, OpenSSL and zlib stay NEEDED. libcurl4 (README.md) is loaded at the first API call.
  static const std::set<std::string> allowed{
      "libc.so.6",      "libm.so.6", "ld-linux-x86-64.so.2", "libssl.so.3",
      "libcrypto.so.3", "libz.so.1", "ld-linux-aarch64.so.1"};
  for (const auto& library : libraries) EXPECT_TRUE(allowed.count(library)) << library << "\n" << dynamic.out;
  EXPECT_NE(std::find(libraries.begin(), libraries.end(), "libc.so.6"), libraries.end()) << dynamic.out;
}

TEST_F(Release, VersionPrintsTheVersionTheProtocolsAndTheCommit) {
  auto version = run({released_executable().string(), "--version"});
  ASSERT_TRUE(version.succeeded()) << version.describe();
  EXPECT_NE(version.out.find("terraform-provider-rds " + kVersion + "\n"), std::string::npos) << version.out;
  EXPECT_NE(version.out.find("protocol versions: 5.0, 6.0\n"), std::string::npos) << version.out;
  EXPECT_TRUE(std::regex_search(version.out, std::regex("commit: ([0-9a-f]{40}|unknown)\n"))) << version.out;
  EXPECT_TRUE(version.err.empty()) << version.err;
}

TEST_F(Release, InitFromThePackedMirrorThenApplyGivesAnEmptyPlanAndTheLockFileReinstalls) {
  start();
  sim().add_instance("mysql-release", false);
  const fs::path mirror = make_mirror("--packed");
  ASSERT_TRUE(fs::exists(mirror / kMirrorPath / kZipName));

  auto ws = workspace_installing_from(filesystem_mirror_block(mirror));
  auto init = ws->terraform({"init", "-input=false", "-no-color"});
  ASSERT_TRUE(init.succeeded()) << init.describe();
  EXPECT_NE(init.out.find("Installed local/rds v" + kVersion), std::string::npos) << init.out;
  // Terraform runs the released executable itself, not a build-folder binary.
  EXPECT_TRUE(read_binary(installed_executable(*ws)) == read_binary(released_executable()));
  EXPECT_EQ(locked_hashes(ws->read_file(".terraform.lock.hcl")),
            std::vector<std::string>{mirror_h1_hash(make_mirror("--network"))});

  auto apply = ws->terraform({"apply", "-auto-approve", "-input=false"});
  ASSERT_TRUE(apply.succeeded()) << apply.describe();
  EXPECT_TRUE(sim().ssl_enabled("mysql-release"));
  auto plan = ws->terraform({"plan", "-input=false", "-detailed-exitcode"});
  EXPECT_EQ(plan.exit_code, 0) << "the plan after the apply is not empty\n" << plan.describe();

  // A teammate's fresh checkout: the committed lock file, no .terraform. init verifies against the lock.
  auto second = workspace_installing_from(filesystem_mirror_block(mirror));
  second->write_file(".terraform.lock.hcl", ws->read_file(".terraform.lock.hcl"));
  auto reinit = second->terraform({"init", "-input=false", "-no-color"});
  ASSERT_TRUE(reinit.succeeded()) << reinit.describe();
  EXPECT_NE(reinit.out.find("Reusing previous version of local/rds from the dependency lock file"),
            std::string::npos)
      << reinit.out;
  EXPECT_TRUE(terraform_warnings(reinit).empty()) << reinit.describe();
  EXPECT_EQ(second->read_file(".terraform.lock.hcl"), ws->read_file(".terraform.lock.hcl"));
}

TEST_F(Release, ProvidersLockFromTheMirrorThenInitPrintsNoWarning) {
  start();
  const fs::path mirror = make_mirror("--packed");
  auto ws = workspace_installing_from(filesystem_mirror_block(mirror));
  auto lock = ws->terraform(
      {"providers", "lock", "-fs-mirror=" + mirror.string(), "-platform=" + kPlatform, "-no-color"});
  ASSERT_TRUE(lock.succeeded()) << lock.describe();
  EXPECT_EQ(locked_hashes(ws->read_file(".terraform.lock.hcl")),
            std::vector<std::string>{mirror_h1_hash(make_mirror("--network"))});

  // The way scripts/quickstart.sh installs: with the hashes already locked, init has nothing to warn about.
  auto init = ws->terraform({"init", "-input=false", "-no-color"});
  ASSERT_TRUE(init.succeeded()) << init.describe();
  EXPECT_TRUE(terraform_warnings(init).empty()) << init.describe();
  auto validate = ws->terraform({"validate", "-no-color"});
  EXPECT_TRUE(validate.succeeded()) << validate.describe();
}

class ReleaseTampered : public Release {
 protected:
  // Installs from a packed mirror with a lock file made from the genuine zip, after `tamper` changed one
  // byte of the mirror's zip. Returns init's result.
  CommandResult init_with_tampered_zip(const std::function<void(std::string&)>& tamper) {
    start();
    const fs::path mirror = make_mirror("--packed");
    auto ws = workspace_installing_from(filesystem_mirror_block(mirror));
    auto lock =
        ws->terraform({"providers", "lock", "-fs-mirror=" + mirror.string(), "-platform=" + kPlatform});
    EXPECT_TRUE(lock.succeeded()) << lock.describe();

    const fs::path zip = mirror / kMirrorPath / kZipName;
    std::string bytes = read_binary(zip);
    const std::string genuine = bytes;
    tamper(bytes);
    EXPECT_EQ(bytes.size(), genuine.size());
    size_t changed = 0;
    for (size_t i = 0; i < bytes.size(); ++i) changed += bytes[i] != genuine[i];
    EXPECT_EQ(changed, 1u);
    write_binary(zip, bytes);

    auto init = ws->terraform({"init", "-input=false", "-no-color"});
    EXPECT_FALSE(fs::exists(installed_executable(*ws))) << "a tampered provider was installed";
    return init;
  }
};

TEST_F(ReleaseTampered, AZipWhoseFileNameChangedByOneByteFailsTheLockFileChecksum) {
  // One byte of the name in the central directory: still a valid zip, but not the locked contents.
  auto init = init_with_tampered_zip([](std::string& zip) {
    auto at = zip.rfind(kExecutableName);  // the central directory comes last
    ASSERT_NE(at, std::string::npos);
    zip[at + kExecutableName.size() - 1] ^= 0x01;
  });
  EXPECT_FALSE(init.succeeded());
  // Terraform's own words (wrapped over lines): "... doesn't match any of the checksums previously recorded
  // in the dependency lock file".
  EXPECT_NE(init.plain_output().find("doesn't match any of the checksums"), std::string::npos)
      << init.describe();
  EXPECT_NE(init.plain_output().find("dependency lock file"), std::string::npos) << init.describe();
}

TEST_F(ReleaseTampered, AZipWithOneCorruptedByteOfContentIsRefused) {
  auto init = init_with_tampered_zip([](std::string& zip) { zip[zip.size() / 2] ^= 0x5a; });
  EXPECT_FALSE(init.succeeded());
  EXPECT_NE(init.plain_output().find("failed to calculate checksum"), std::string::npos) << init.describe();
}

TEST_F(Release, InitFromTheNetworkMirrorOverHttpsTrustingTheTestCa) {
  const fs::path mirror = make_mirror("--network");
  const std::string h1 = mirror_h1_hash(mirror);
  // rds-sim serves the mirror's files under /files/ over https, with a CA of its own made at start-up.
  start({.extra_args = {"--tls", "--files", mirror.string()}});
  const std::string url = sim().base_url() + "/files/";
  ASSERT_EQ(url.rfind("https://", 0), 0u) << url;

  auto ws =
      workspace_installing_from(network_mirror_block(url), {{"SSL_CERT_FILE", sim().process().ca_file()}});
  auto init = ws->terraform({"init", "-input=false", "-no-color"});
  ASSERT_TRUE(init.succeeded()) << init.describe();
  EXPECT_NE(init.out.find("Installed local/rds v" + kVersion), std::string::npos) << init.out;
  EXPECT_EQ(locked_hashes(ws->read_file(".terraform.lock.hcl")), std::vector<std::string>{h1});
  EXPECT_TRUE(read_binary(installed_executable(*ws)) == read_binary(released_executable()));

  // Without the CA, the same mirror is refused: the test server's certificate really is checked.
  auto untrusting = workspace_installing_from(network_mirror_block(url));
  auto refused = untrusting->terraform({"init", "-input=false", "-no-color"});
  EXPECT_FALSE(refused.succeeded()) << refused.describe();
  EXPECT_NE(refused.plain_output().find("certificate"), std::string::npos) << refused.describe();
}

}  // namespace
}  // namespace rds::testing
