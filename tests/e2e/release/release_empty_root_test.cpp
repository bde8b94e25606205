// Proof that the release runs anywhere: the amd64 release executable inside an empty root file system
// (chroot, as root). The root holds only what any Linux machine has or the user brings:
//   /terraform                             Terraform (a static Go executable)
//   /etc/hosts, /etc/resolv.conf           name resolution
//   /etc/pki/tls/certs/ca-bundle.crt       a CA bundle at RHEL's path (not Debian's)
//   /mirror                                the packed mirror made by scripts/mirror.sh
//   /work                                  the Terraform workspace, /tmp
// No C library, no libcurl, no OpenSSL, no ld.so: an executable that needed any of them, or looked for
// CA certificates only where Debian keeps them, fails here. This is how we show, without those systems,
// that the release runs on RHEL, Ubuntu 22.04 and Alpine.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <regex>

#include "tests/e2e/release/release_fixture.h"

namespace rds::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// The name the provider reaches the sim by, known only to the root's /etc/hosts (not "localhost": curl
// resolves that itself, without /etc/hosts).
constexpr const char* kSimHost = "rds-api.sim.test";

class ReleaseEmptyRoot : public Release {
 protected:
  void SetUp() override {
    Release::SetUp();
    if (HasFatalFailure()) return;
    RDS_REQUIRE(geteuid() == 0, "chroot into an empty root needs root");
    start({.extra_args = {"--tls", "--tls-name", kSimHost}});
    sim().add_instance("mysql-release", false);
    root_ = scratch_ / "root";
  }

  // Lays out the root; with `ca_bundle` false, without any CA certificates.
  void make_root(bool ca_bundle) {
    for (const char* dir : {"etc", "tmp", "work"}) fs::create_directories(root_ / dir);
    fs::permissions(root_ / "tmp", fs::perms::all | fs::perms::sticky_bit);
    fs::copy_file(terraform_path(), root_ / "terraform");
    write("etc/hosts", "127.0.0.1 localhost\n127.0.0.1 " + std::string(kSimHost) + "\n");
    // Nothing answers DNS here: every name the test uses is in /etc/hosts.
    write("etc/resolv.conf", "nameserver 127.0.0.1\n");
    if (ca_bundle) {
      fs::create_directories(root_ / "etc/pki/tls/certs");
      fs::copy_file(sim().process().ca_file(), root_ / "etc/pki/tls/certs/ca-bundle.crt");
    }
    auto mirror = run({"bash", (kSourceDir / "scripts/mirror.sh").string(), "--release", kReleaseDir.string(),
                       "--packed", (root_ / "mirror").string()});
    ASSERT_TRUE(mirror.succeeded()) << mirror.describe();

    write("work/cli.tfrc",
          "provider_installation {\n  filesystem_mirror {\n    path    = \"/mirror\"\n    include = [\"" +
              std::string(kProviderAddress) + "\"]\n  }\n}\n");
    write("work/main.tf",
          required_providers_block() + "\nprovider \"rds\" {}\n" +
              ssl_resource("db", "mysql-release", true, "  timeouts {\n    create = \"1m\"\n  }\n"));
  }

  // `terraform <args>` run by /terraform inside the root, in /work, with only the environment given here.
  CommandResult terraform(std::vector<std::string> args, std::vector<std::string> prefix = {}) {
    std::vector<std::string> argv = std::move(prefix);
    // The root has no PATH to look chroot up in: found out here.
    argv.insert(argv.end(), {find_on_path("chroot"), root_.string(), "/terraform", "-chdir=/work"});
    argv.insert(argv.end(), args.begin(), args.end());
    const std::string url = "https://" + std::string(kSimHost) + ":" + std::to_string(sim().process().port());
    Environment env{{"PATH", "/"},
                    {"HOME", "/work"},
                    {"TMPDIR", "/tmp"},
                    {"TF_CLI_CONFIG_FILE", "/work/cli.tfrc"},
                    {"CHECKPOINT_DISABLE", "1"},
                    {"TF_IN_AUTOMATION", "1"},
                    {"TF_INPUT", "0"}};
    for (const auto& [name, value] : sim().provider_env()) env[name] = value;
    env["RDS_ENDPOINT"] = url;
    env["OS_AUTH_URL"] = url + "/v3";
    return run_to_completion({.argv = argv, .env = env}, 120s);
  }

  void write(const std::string& path, const std::string& content) { std::ofstream(root_ / path) << content; }

  fs::path root_;
};

TEST_F(ReleaseEmptyRoot, InitApplyEmptyPlanAndDestroyWithNothingButTerraformHostsAndARhelCaBundle) {
  make_root(true);
  auto init = terraform({"init", "-input=false", "-no-color"});
  ASSERT_TRUE(init.succeeded()) << init.describe();
  EXPECT_NE(init.out.find("Installed local/rds v" + kVersion), std::string::npos) << init.out;
  EXPECT_TRUE(read_binary(root_ / "work/.terraform/providers" / kMirrorPath / kVersion / kPlatform /
                          kExecutableName) == read_binary(released_executable()))
      << "the root's provider is not the released executable";

  // strace (outside the root) records every file the provider and Terraform open: no shared library
  // may even be looked for, or the executable would depend on the machine after all.
  const fs::path trace = scratch_ / "apply.strace";
  auto apply = terraform({"apply", "-auto-approve", "-input=false", "-no-color"},
                         {"strace", "-f", "-qq", "-e", "trace=open,openat,chroot", "-o", trace.string()});
  ASSERT_TRUE(apply.succeeded()) << apply.describe();
  EXPECT_TRUE(sim().ssl_enabled("mysql-release"));
  // What happened inside the root: after the chroot() of the (dynamically linked) chroot command.
  const std::string traced = read_text_file(trace);
  const auto entered = traced.find("chroot(\"");
  ASSERT_NE(entered, std::string::npos) << "strace recorded no chroot():\n" << traced;
  const std::string opened = traced.substr(entered);
  ASSERT_NE(opened.find("/etc/hosts"), std::string::npos) << "strace recorded nothing useful:\n" << opened;
  std::smatch library;
  EXPECT_FALSE(std::regex_search(opened, library, std::regex(R"("[^"]*\.so(\.[0-9]+)*")")))
      << "a shared library was looked for: " << library.str();
  EXPECT_NE(opened.find("/etc/pki/tls/certs/ca-bundle.crt"), std::string::npos)
      << "the CA bundle was not read";

  auto plan = terraform({"plan", "-input=false", "-detailed-exitcode", "-no-color"});
  EXPECT_EQ(plan.exit_code, 0) << "the plan after the apply is not empty\n" << plan.describe();
  auto destroy = terraform({"destroy", "-auto-approve", "-input=false", "-no-color"});
  ASSERT_TRUE(destroy.succeeded()) << destroy.describe();
  EXPECT_NE(destroy.out.find("Destroy complete!"), std::string::npos) << destroy.out;
}

TEST_F(ReleaseEmptyRoot, WithoutAnyCaBundleTheFirstApiCallFailsNamingEveryPlaceSearched) {
  make_root(false);
  auto init = terraform({"init", "-input=false", "-no-color"});
  ASSERT_TRUE(init.succeeded()) << init.describe();
  auto apply = terraform({"apply", "-auto-approve", "-input=false", "-no-color"});
  EXPECT_FALSE(apply.succeeded()) << apply.describe();
  const std::string output = unwrapped(apply);
  EXPECT_NE(output.find("no CA certificates"), std::string::npos) << apply.describe();
  for (const char* place : {"/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt",
                            "/etc/ssl/cert.pem", "cacert_file"}) {
    EXPECT_NE(output.find(place), std::string::npos) << place << "\n" << apply.describe();
  }
  EXPECT_FALSE(sim().ssl_enabled("mysql-release"));
}

}  // namespace
}  // namespace rds::testing
