// The linux_arm64 release, run: the real (amd64) Terraform starts the arm64 provider through qemu-user
// (Debian's qemu-user-static, registered with binfmt_misc), then init from a packed mirror, apply, an empty
// plan and destroy against rds-sim.
//
// Terraform installs the package of its own platform only, so the mirror offers the arm64 zip under the
// linux_amd64 name; the kernel then hands the arm64 executable to qemu-aarch64 when Terraform starts it.
#include <gtest/gtest.h>

#include <fstream>

#include "tests/e2e/release/release_fixture.h"

namespace rds::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kBinfmtEntry = "/proc/sys/fs/binfmt_misc/qemu-aarch64";

bool qemu_aarch64_registered() {
  std::ifstream entry(kBinfmtEntry);
  std::string first;
  return std::getline(entry, first) && first == "enabled";
}

class ReleaseArm64 : public Release {
 protected:
  void SetUp() override {
    Release::SetUp();
    if (HasFatalFailure()) return;
    RDS_REQUIRE(
        qemu_aarch64_registered(),
        std::string(kBinfmtEntry) +
            " is not enabled, so this machine cannot run arm64 executables: run scripts/install-deps.sh "
            "as root (it installs qemu-user-static and registers it with binfmt_misc)");
  }
};

TEST_F(ReleaseArm64, TheArm64ExecutableRunsUnderQemuAndPrintsItsVersion) {
  auto version = run({released_executable("linux_arm64").string(), "--version"});
  ASSERT_TRUE(version.succeeded()) << version.describe();
  EXPECT_NE(version.out.find("terraform-provider-rds " + kVersion + "\n"), std::string::npos) << version.out;
}

TEST_F(ReleaseArm64, InitFromThePackedMirrorApplyEmptyPlanAndDestroyWithTheArm64Executable) {
  start();
  sim().add_instance("mysql-release", false);
  const fs::path mirror = scratch_ / "arm64-mirror";
  fs::create_directories(mirror / kMirrorPath);
  fs::copy_file(kReleaseDir / zip_name("linux_arm64"), mirror / kMirrorPath / zip_name(kPlatform));

  auto ws = workspace_installing_from(filesystem_mirror_block(mirror));
  auto init = ws->terraform({"init", "-input=false", "-no-color"});
  ASSERT_TRUE(init.succeeded()) << init.describe();
  ASSERT_TRUE(read_binary(installed_executable(*ws)) == read_binary(released_executable("linux_arm64")))
      << "Terraform did not install the arm64 executable";
  auto kind = run({"file", "-b", installed_executable(*ws).string()});
  EXPECT_NE(kind.out.find("ARM aarch64"), std::string::npos) << kind.out;

  auto apply = ws->terraform({"apply", "-auto-approve", "-input=false"});
  ASSERT_TRUE(apply.succeeded()) << apply.describe();
  EXPECT_TRUE(sim().ssl_enabled("mysql-release"));
  auto plan = ws->terraform({"plan", "-input=false", "-detailed-exitcode"});
  EXPECT_EQ(plan.exit_code, 0) << "the plan after the apply is not empty\n" << plan.describe();
  auto destroy = ws->terraform({"destroy", "-auto-approve", "-input=false", "-no-color"});
  ASSERT_TRUE(destroy.succeeded()) << destroy.describe();
  EXPECT_NE(destroy.out.find("Destroy complete!"), std::string::npos) << destroy.out;
}

}  // namespace
}  // namespace rds::testing
