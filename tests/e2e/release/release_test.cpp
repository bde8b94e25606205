// The release as users get it: build/release/ (cmake --build build --target release), laid out by
// scripts/mirror.sh, installed by the real `terraform init` from a packed filesystem mirror and from a
// network mirror over HTTPS, pinned by the lock file. No dev_overrides anywhere. The other release tests:
// release_empty_root_test.cpp, release_registry_test.cpp, release_arm64_test.cpp.
#include <gtest/gtest.h>

#include <functional>
#include <regex>

#include "tests/e2e/release/release_fixture.h"
#include "tests/e2e/release/test_key.h"

namespace rds::testing {
namespace {

namespace fs = std::filesystem;

TEST_F(Release, EachZipHoldsOnlyTheVersionedExecutableAndTheChecksumsCoverThemAll) {
  auto check = run({"sha256sum", "-c", kSumsName}, kReleaseDir);
  EXPECT_TRUE(check.succeeded()) << check.describe();
  EXPECT_NE(check.out.find("_manifest.json: OK"), std::string::npos) << check.out;
  ASSERT_EQ(release_platforms().size(), 2u) << "the release packs linux_amd64 and linux_arm64";

  for (const auto& platform : release_platforms()) {
    SCOPED_TRACE(platform);
    EXPECT_NE(check.out.find(zip_name(platform) + ": OK"), std::string::npos) << check.out;
    EXPECT_EQ(extract(kReleaseDir / zip_name(platform), scratch_ / ("unzipped-" + platform)),
              std::set<std::string>{kExecutableName});
    auto permissions = fs::status(released_executable(platform)).permissions();
    EXPECT_NE(permissions & fs::perms::owner_exec, fs::perms::none) << "the executable bit is lost";

    // The debug info is shipped beside the zip, and the executable links to it instead of holding it.
    const fs::path debug = kReleaseDir / ("terraform-provider-rds_" + kVersion + "_" + platform + ".debug");
    ASSERT_TRUE(fs::exists(debug));
    auto sections = run({"readelf", "-S", "-W", released_executable(platform).string()});
    EXPECT_EQ(sections.out.find(".debug_info"), std::string::npos) << "the shipped executable has debug info";
    EXPECT_NE(sections.out.find(".gnu_debuglink"), std::string::npos) << sections.out;
    EXPECT_NE(run({"readelf", "-S", "-W", debug.string()}).out.find(".debug_info"), std::string::npos);
  }

  auto manifest = nlohmann::json::parse(
      read_text_file(kReleaseDir / ("terraform-provider-rds_" + kVersion + "_manifest.json")));
  EXPECT_EQ(manifest,
            nlohmann::json::parse(R"({"version":1,"metadata":{"protocol_versions":["5.0","6.0"]}})"));
}

TEST_F(Release, PackingAgainWithoutAKeyGivesByteIdenticalFilesAndSaysTheReleaseIsUnsigned) {
  const fs::path again = scratch_ / "again";
  auto pack =
      run(pack_release_command(again), {}, {{"RDS_RELEASE_GPG_KEY", ""}, {"RDS_RELEASE_GPG_KEY_FILE", ""}});
  ASSERT_TRUE(pack.succeeded()) << pack.describe();
  std::vector<std::string> names{"terraform-provider-rds_" + kVersion + "_manifest.json", kSumsName};
  for (const auto& platform : release_platforms()) names.push_back(zip_name(platform));
  for (const std::string& name : names) {
    EXPECT_TRUE(read_binary(kReleaseDir / name) == read_binary(again / name))
        << name << " differs between two packs";
  }
  EXPECT_NE(pack.plain_output().find("The release is UNSIGNED"), std::string::npos) << pack.describe();
  EXPECT_FALSE(fs::exists(again / (kSumsName + ".sig")));
}

TEST_F(Release, WithAnArmoredKeyFileTheSumsGetADetachedBinarySignatureThatVerifies) {
  const TestKey key = make_test_key(scratch_, "release-signer");
  const fs::path signed_release = scratch_ / "signed";
  auto pack = run(pack_release_command(signed_release), {},
                  {{"RDS_RELEASE_GPG_KEY", ""}, {"RDS_RELEASE_GPG_KEY_FILE", key.secret_file.string()}});
  forget_test_key(key);
  ASSERT_TRUE(pack.succeeded()) << pack.describe();
  EXPECT_NE(pack.plain_output().find("with key " + key.id), std::string::npos) << pack.describe();

  const fs::path signature = signed_release / (kSumsName + ".sig");
  ASSERT_TRUE(fs::exists(signature));
  EXPECT_NE(read_binary(signature).rfind("-----BEGIN", 0), 0u) << "the signature is armored, not binary";
  auto keyring =
      gpg(key, {"--output", (scratch_ / "public.gpg").string(), "--dearmor", key.public_file.string()});
  ASSERT_TRUE(keyring.succeeded()) << keyring.describe();
  auto verified = run({"gpgv", "--keyring", (scratch_ / "public.gpg").string(), signature.string(),
                       (signed_release / kSumsName).string()});
  EXPECT_TRUE(verified.succeeded()) << verified.describe();
}

// The release's portability rests on this: nothing is loaded from the machine it runs on.
TEST_F(Release, EveryExecutableIsFullyStaticWithNoNeededLibraryAndNoInterpreter) {
  for (const auto& platform : release_platforms()) {
    SCOPED_TRACE(platform);
    const std::string executable = released_executable(platform).string();
    auto dynamic = run({"readelf", "-d", "-W", executable});
    ASSERT_TRUE(dynamic.succeeded()) << dynamic.describe();
    EXPECT_EQ(dynamic.out.find("NEEDED"), std::string::npos) << dynamic.out;
    EXPECT_NE(dynamic.out.find("There is no dynamic section"), std::string::npos) << dynamic.out;
    auto headers = run({"readelf", "-l", "-W", executable});
    ASSERT_TRUE(headers.succeeded()) << headers.describe();
    EXPECT_EQ(headers.out.find("INTERP"), std::string::npos) << headers.out;
    auto kind = run({"file", "-b", executable});
    ASSERT_TRUE(kind.succeeded()) << kind.describe();
    EXPECT_NE(kind.out.find("statically linked"), std::string::npos) << kind.out;
    EXPECT_NE(kind.out.find(platform == "linux_arm64" ? "ARM aarch64" : "x86-64"), std::string::npos)
        << kind.out;
  }
}

// Reproducible and private: neither the executables nor their debug info name the folder the release was
// built in (-ffile-prefix-map), so the same commit built elsewhere gives the same bytes, and a release
// never tells where its builder's checkout lives. The build folder lies inside the checkout here.
TEST_F(Release, NoExecutableNorItsDebugInfoHoldsTheCheckoutOrBuildPath) {
  const std::string checkout = kSourceDir.string();
  ASSERT_GT(checkout.size(), 1u);
  for (const auto& platform : release_platforms()) {
    SCOPED_TRACE(platform);
    const auto debug_info = kReleaseDir / ("terraform-provider-rds_" + kVersion + "_" + platform + ".debug");
    for (const auto& file : {released_executable(platform), debug_info}) {
      const std::string bytes = read_binary(file);
      ASSERT_GT(bytes.size(), 100'000u) << file;
      const auto at = bytes.find(checkout);
      EXPECT_EQ(at, std::string::npos) << file << " holds " << checkout << " at byte " << at << ": "
                                       << bytes.substr(at == std::string::npos ? 0 : at, 120);
    }
  }
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
  ASSERT_TRUE(fs::exists(mirror / kMirrorPath / zip_name()));

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

    const fs::path zip = mirror / kMirrorPath / zip_name();
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
