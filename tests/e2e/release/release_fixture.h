// What the release tests share: where the release is, its file names, mirrors made by scripts/mirror.sh,
// workspaces that install the provider only from them, and RDS_REQUIRE for what a test needs from the
// machine (root, binfmt_misc).
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "tests/e2e/support/e2e_test.h"

namespace rds::testing {

inline const std::string kVersion = RDS_E2E_PROVIDER_VERSION;
inline const std::string kPlatform = RDS_E2E_PROVIDER_PLATFORM;  // the build machine's, linux_amd64
inline const std::filesystem::path kReleaseDir = RDS_E2E_RELEASE_DIR;
inline const std::filesystem::path kSourceDir = RDS_E2E_SOURCE_DIR;
inline const std::string kExecutableName = "terraform-provider-rds_v" + kVersion;
inline const std::string kSumsName = "terraform-provider-rds_" + kVersion + "_SHA256SUMS";
// Where a mirror keeps the provider: HOSTNAME/NAMESPACE/TYPE.
inline const std::filesystem::path kMirrorPath = kProviderAddress;

// Every platform the release packs (from the build: linux_amd64, and linux_arm64 unless turned off).
std::vector<std::string> release_platforms();
std::string zip_name(const std::string& platform = kPlatform);

std::string read_binary(const std::filesystem::path& path);
void write_binary(const std::filesystem::path& path, const std::string& bytes);
// Runs a command to completion (60 s at most) with this process's environment plus `env`.
CommandResult run(std::vector<std::string> argv, const std::filesystem::path& cwd = {},
                  const Environment& env = {});
// The files an archive holds, extracted into `into` (by cmake, which reads zips, so no unzip is needed).
std::set<std::string> extract(const std::filesystem::path& zip, const std::filesystem::path& into);
// The "h1:..." hashes a lock file records.
std::vector<std::string> locked_hashes(const std::string& lock_file);
std::string network_mirror_block(const std::string& url);
// Terraform's output as one line: its diagnostics wrap words over lines inside a "│" box, so a sentence
// can be searched for only once the box and the line breaks are gone.
std::string unwrapped(const CommandResult& result);
// cmake/PackRelease.cmake's arguments for the build's binaries, packing into `out`.
std::vector<std::string> pack_release_command(const std::filesystem::path& out);

// CI=true: the run is CI's, where a test that cannot run must fail rather than skip.
bool running_in_ci();

// What a test needs from the machine: without it the test fails in CI and, elsewhere, is skipped with
// `why` (loudly: ctest lists it as skipped, with the reason).
#define RDS_REQUIRE(condition, why)                                                        \
  do {                                                                                     \
    if (!(condition)) {                                                                    \
      if (::rds::testing::running_in_ci()) FAIL() << (why) << " (CI=true: this must run)"; \
      GTEST_SKIP() << (why) << " (it fails instead when CI=true)";                         \
    }                                                                                      \
  } while (false)

class Release : public E2eTest {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Runs scripts/mirror.sh `form` ("--packed" or "--network") on `release` into a new folder; returns it.
  std::filesystem::path make_mirror(const std::string& form,
                                    const std::filesystem::path& release = kReleaseDir);
  // The h1 hash scripts/mirror.sh put into `network_mirror`'s VERSION.json for `platform`.
  static std::string mirror_h1_hash(const std::filesystem::path& network_mirror,
                                    const std::string& platform = kPlatform);

  // A workspace for the quickstart configuration whose CLI config installs local/rds only through
  // `installation` (a filesystem_mirror or network_mirror block).
  std::unique_ptr<TerraformWorkspace> workspace_installing_from(const std::string& installation,
                                                                Environment extra_env = {});
  // The provider executable `terraform init` installed into `ws`.
  static std::filesystem::path installed_executable(TerraformWorkspace& ws);
  // The executable inside the release zip of `platform`, extracted once per test.
  std::filesystem::path released_executable(const std::string& platform = kPlatform);

  std::filesystem::path scratch_;  // removed after the test, unless RDS_E2E_KEEP_WORKSPACES is set
};

}  // namespace rds::testing
