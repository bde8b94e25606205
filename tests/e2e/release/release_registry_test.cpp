// A signed release served as a private provider registry (scripts/registry.sh over rds-sim --tls --files),
// installed by the real Terraform, which trusts the sim's CA through SSL_CERT_FILE: the valid signature
// installs and is reported by key id; a signature by another key and a changed zip are refused; and
// `terraform providers mirror` copies the provider out for air-gapped sites.
//
// The signing keys are made for the suite, each in a GNUPGHOME of its own, and removed afterwards.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <regex>

#include "tests/e2e/release/release_fixture.h"
#include "tests/e2e/release/test_key.h"

namespace rds::testing {
namespace {

namespace fs = std::filesystem;

class ReleaseRegistry : public Release {
 protected:
  // One key signs the release, once for the suite; the other is the stranger whose signature must be
  // refused. The SUMS are signed as cmake/PackRelease.cmake signs them (gpg --detach-sign, binary); that
  // the release target does so is tested by release_test.cpp.
  static void SetUpTestSuite() {
    auto pattern = (fs::temp_directory_path() / "rds-registry-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    suite_dir_ = pattern;
    signer_ = make_test_key(suite_dir_, "signer");
    stranger_ = make_test_key(suite_dir_, "stranger");
    fs::copy(kReleaseDir, suite_dir_ / "release");
    const fs::path sums = suite_dir_ / "release" / kSumsName;
    sign_ = gpg(signer_, {"--local-user", signer_.id, "--detach-sign", "--output", sums.string() + ".sig",
                          sums.string()});
  }
  static void TearDownTestSuite() {
    forget_test_key(signer_);
    forget_test_key(stranger_);
    if (std::getenv("RDS_E2E_KEEP_WORKSPACES") == nullptr) fs::remove_all(suite_dir_);
  }

  void SetUp() override {
    Release::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(sign_.succeeded()) << "signing the release failed\n" << sign_.describe();
    registry_ = scratch_ / "registry";
    auto laid_out = run({"bash", (kSourceDir / "scripts/registry.sh").string(), "--release",
                         (suite_dir_ / "release").string(), "--namespace", "acme", "--public-key",
                         signer_.public_file.string(), registry_.string()});
    ASSERT_TRUE(laid_out.succeeded()) << laid_out.describe();
    // The sim serves the registry at its root, next to the API the provider then calls.
    start({.extra_args = {"--tls", "--files", registry_.string()}});
    sim().add_instance("mysql-release", false);
    source_ = "localhost:" + std::to_string(sim().process().port()) + "/acme/rds";
  }

  // A workspace using `source_`, installed from the registry (the CLI config installs everything else
  // directly), trusting the sim's CA; the provider trusts it through SSL_CERT_FILE too (client/ca_bundle.h).
  std::unique_ptr<TerraformWorkspace> registry_workspace(const std::string& cli_config = "") {
    Environment env = sim().provider_env();
    env["SSL_CERT_FILE"] = sim().process().ca_file();
    auto ws = std::make_unique<TerraformWorkspace>(env);
    if (!cli_config.empty()) ws->write_file("cli.tfrc", cli_config);
    ws->write_file("main.tf",
                   "terraform {\n  required_providers {\n    rds = { source = \"" + source_ +
                       "\" }\n  }\n}\n\nprovider \"rds\" {}\n" +
                       ssl_resource("db", "mysql-release", true, "  timeouts {\n    create = \"1m\"\n  }\n"));
    return ws;
  }

  fs::path version_folder() const { return registry_ / "v1/providers/acme/rds" / kVersion; }

  static inline fs::path suite_dir_;
  static inline TestKey signer_, stranger_;
  static inline CommandResult sign_;
  fs::path registry_;
  std::string source_;
};

TEST_F(ReleaseRegistry, InitInstallsFromTheRegistryReportingTheSigningKeyThenApplyGivesAnEmptyPlan) {
  auto ws = registry_workspace();
  auto init = ws->terraform({"init", "-input=false", "-no-color"});
  ASSERT_TRUE(init.succeeded()) << init.describe();
  EXPECT_NE(init.out.find("Installed " + source_ + " v" + kVersion), std::string::npos) << init.out;
  EXPECT_NE(init.out.find("key ID " + signer_.id), std::string::npos) << init.out;
  // The lock file takes every zip's checksum from the signed SUMS: it holds for arm64 runners too.
  const std::string lock = ws->read_file(".terraform.lock.hcl");
  for (const auto& platform : release_platforms()) {
    auto sum = run({"sha256sum", zip_name(platform)}, kReleaseDir);
    EXPECT_NE(lock.find("\"zh:" + sum.out.substr(0, 64) + "\""), std::string::npos) << platform << "\n"
                                                                                    << lock;
  }
  EXPECT_TRUE(read_binary(ws->dir() / ".terraform/providers" / source_ / kVersion / kPlatform /
                          kExecutableName) == read_binary(released_executable()));

  auto apply = ws->terraform({"apply", "-auto-approve", "-input=false"});
  ASSERT_TRUE(apply.succeeded()) << apply.describe();
  EXPECT_TRUE(sim().ssl_enabled("mysql-release"));
  auto plan = ws->terraform({"plan", "-input=false", "-detailed-exitcode"});
  EXPECT_EQ(plan.exit_code, 0) << "the plan after the apply is not empty\n" << plan.describe();
}

TEST_F(ReleaseRegistry, SumsSignedByAnotherKeyFailInitWithTerraformsSignatureError) {
  const fs::path sums = version_folder() / kSumsName;
  auto resigned = gpg(stranger_, {"--yes", "--local-user", stranger_.id, "--detach-sign", "--output",
                                  sums.string() + ".sig", sums.string()});
  ASSERT_TRUE(resigned.succeeded()) << resigned.describe();

  auto ws = registry_workspace();
  auto init = ws->terraform({"init", "-input=false", "-no-color"});
  EXPECT_FALSE(init.succeeded()) << init.describe();
  // Terraform's words: "Error while installing ...: authentication signature from unknown issuer".
  const std::string output = unwrapped(init);
  EXPECT_NE(output.find("authentication signature from unknown issuer"), std::string::npos)
      << init.describe();
  EXPECT_FALSE(fs::exists(ws->dir() / ".terraform/providers" / source_))
      << "an unverified provider was installed";
}

TEST_F(ReleaseRegistry, AZipChangedByOneByteFailsInitWithTheChecksumError) {
  const fs::path zip = version_folder() / zip_name();
  std::string bytes = read_binary(zip);
  bytes[bytes.size() / 2] ^= 0x01;
  write_binary(zip, bytes);

  auto ws = registry_workspace();
  auto init = ws->terraform({"init", "-input=false", "-no-color"});
  EXPECT_FALSE(init.succeeded()) << init.describe();
  // Terraform's words: "archive has incorrect checksum zh:<the changed zip's> (expected zh:<the SUMS'>)".
  const std::string output = unwrapped(init);
  auto sums = run({"sha256sum", zip_name()}, suite_dir_ / "release");
  const std::string expected = sums.out.substr(0, 64);
  EXPECT_NE(output.find("archive has incorrect checksum zh:"), std::string::npos) << init.describe();
  EXPECT_NE(output.find("(expected zh:" + expected + ")"), std::string::npos) << init.describe();
  EXPECT_FALSE(fs::exists(ws->dir() / ".terraform/providers" / source_))
      << "a changed provider was installed";
}

TEST_F(ReleaseRegistry, ProvidersMirrorFromTheRegistryWritesAMirrorASecondWorkspaceInstallsFrom) {
  auto first = registry_workspace();
  const fs::path mirror = scratch_ / "air-gapped-mirror";
  auto mirrored = first->terraform({"providers", "mirror", "-platform=" + kPlatform, mirror.string()});
  ASSERT_TRUE(mirrored.succeeded()) << mirrored.describe();

  // The second site never reaches the registry: the provider comes from the mirror only.
  auto second = registry_workspace("provider_installation {\n  filesystem_mirror {\n    path    = \"" +
                                   mirror.string() + "\"\n    include = [\"" + source_ +
                                   "\"]\n  }\n  direct {\n    exclude = [\"" + source_ + "\"]\n  }\n}\n");
  auto init = second->terraform({"init", "-input=false", "-no-color"});
  ASSERT_TRUE(init.succeeded()) << init.describe();
  EXPECT_NE(init.out.find("Installed " + source_ + " v" + kVersion), std::string::npos) << init.out;
  auto apply = second->terraform({"apply", "-auto-approve", "-input=false"});
  ASSERT_TRUE(apply.succeeded()) << apply.describe();
  EXPECT_TRUE(sim().ssl_enabled("mysql-release"));
}

}  // namespace
}  // namespace rds::testing
