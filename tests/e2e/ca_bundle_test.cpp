// The data source rds_ssl_ca_bundle through real Terraform against rds-sim: the CA the sim serves read
// back with the fingerprint and expiry OpenSSL's own command line prints for it, and the hostile bundles
// a link could serve (no certificate, too large, a host that is not there) as errors that say so.
#include <gtest/gtest.h>

#include <ctime>

#include "tests/e2e/support/e2e_test.h"
#include "tests/support/child_process.h"

namespace rds::testing {
namespace {

// Terraform frames and wraps its diagnostics ("│ " at each line start, lines cut at ~78 columns): one
// line of text with single spaces, so that a sentence is found wherever it was cut.
std::string flattened(const std::string& output) {
  std::string text = output, out;
  const std::string bar = "│";
  for (size_t at = 0; (at = text.find(bar, at)) != std::string::npos;) text.replace(at, bar.size(), " ");
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  return out;
}

// What `openssl x509 -noout <flag>` prints for `pem`, after the "name=" it starts with.
std::string openssl_prints(const TerraformWorkspace& workspace, const std::string& pem,
                           const std::string& flag) {
  workspace.write_file("ca-from-sim.pem", pem);
  ProcessOptions options;
  options.argv = {"openssl", "x509", "-noout", "-in", (workspace.dir() / "ca-from-sim.pem").string(), flag};
  if (flag == "-fingerprint") options.argv.push_back("-sha256");
  const CommandResult result = run_to_completion(options);
  EXPECT_TRUE(result.succeeded()) << result.describe();
  std::string line = result.out.substr(0, result.out.find('\n'));
  return line.substr(line.find('=') + 1);
}

// "AB:CD:..." -> "abcd..."
std::string lower_hex(const std::string& fingerprint) {
  std::string out;
  for (char c : fingerprint)
    if (c != ':') out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "Dec  6 05:42:50 2027 GMT" -> "2027-12-06T05:42:50Z"
std::string rfc3339_of_openssl_date(const std::string& date) {
  std::tm utc{};
  if (strptime(date.c_str(), "%b %d %H:%M:%S %Y GMT", &utc) == nullptr) return "unparsable: " + date;
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

const char* kBundleConfig = R"(
data "rds_ssl_ca_bundle" "db" { instance_id = "mysql-1" }
output "pem" { value = data.rds_ssl_ca_bundle.db.pem }
output "not_after" { value = data.rds_ssl_ca_bundle.db.not_after }
output "category" { value = data.rds_ssl_ca_bundle.db.category }
output "download_link" { value = data.rds_ssl_ca_bundle.db.download_link }
output "certificates" { value = data.rds_ssl_ca_bundle.db.certificates }
)";

class CaBundle : public E2eTest {
 protected:
  void start_with_instance() {
    start();
    sim().add_instance("mysql-1", true);
  }
  nlohmann::json sim_bundle() { return sim().process().admin("GET", "/_admin/ca-bundle"); }
  void serve(const nlohmann::json& change) { sim().process().admin("POST", "/_admin/ca-bundle", change); }

  // `terraform plan` of the bundle config, which must fail; its output, flattened.
  std::string plan_error(const std::string& provider_block = "provider \"rds\" {}\n") {
    workspace().write_config(provider_block + kBundleConfig);
    auto plan = workspace().terraform({"plan", "-input=false", "-no-color"});
    EXPECT_EQ(plan.exit_code, 1) << plan.describe();
    return flattened(plan.plain_output());
  }
};

TEST_F(CaBundle, ApplyReadsTheSimsCaWithTheFingerprintAndExpiryOpensslPrints) {
  start_with_instance();
  workspace().write_config(std::string("provider \"rds\" {}\n") + kBundleConfig);
  apply_ok();
  auto output = workspace().terraform({"output", "-json"});
  ASSERT_TRUE(output.succeeded()) << output.describe();
  const auto outputs = nlohmann::json::parse(output.out);

  const std::string pem = sim_bundle()["pem"];
  EXPECT_EQ(outputs["pem"]["value"], pem);
  EXPECT_EQ(outputs["category"]["value"], "international");
  EXPECT_EQ(outputs["download_link"]["value"],
            sim().base_url() + "/ssl-cert/mysql-1/international/Certificate_Download.zip");
  const auto& certificates = outputs["certificates"]["value"];
  ASSERT_EQ(certificates.size(), 1u) << certificates.dump();
  EXPECT_EQ(certificates[0]["sha256_fingerprint"],
            lower_hex(openssl_prints(workspace(), pem, "-fingerprint")));
  const std::string not_after = rfc3339_of_openssl_date(openssl_prints(workspace(), pem, "-enddate"));
  EXPECT_EQ(certificates[0]["not_after"], not_after);
  EXPECT_EQ(outputs["not_after"]["value"], not_after);
  EXPECT_EQ(certificates[0]["not_before"],
            rfc3339_of_openssl_date(openssl_prints(workspace(), pem, "-startdate")));
  EXPECT_EQ(certificates[0]["subject"], "CN=rds-sim instance CA,O=rds-sim");
  EXPECT_EQ(certificates[0]["issuer"], "CN=rds-sim instance CA,O=rds-sim");
  expect_empty_plan("after reading an unchanged CA bundle");
}

TEST_F(CaBundle, AZipWithoutCertificatesIsAnErrorNamingItsFiles) {
  start_with_instance();
  serve({{"files",
          {{{"name", "README.txt"}, {"content", "see the console"}},
           {{"name", "ca.pem"}, {"content", "empty"}}}}});
  const std::string error = plan_error();
  EXPECT_NE(error.find("Error: Cannot read the SSL CA bundle of RDS instance mysql-1"), std::string::npos)
      << error;
  EXPECT_NE(
      error.find("The CA bundle downloaded from " + sim().base_url() +
                 "/ssl-cert/mysql-1/international/Certificate_Download.zip cannot be used: the zip holds no "
                 "PEM certificate in a .pem, .crt or .cer file; it contains: README.txt, ca.pem."),
      std::string::npos)
      << error;
}

TEST_F(CaBundle, AnOversizedZipIsAnErrorSayingTheCap) {
  start_with_instance();
  serve({{"files",
          {{{"name", "ca.pem"}, {"content", "0123456789abcdef"}, {"repeat", 131072}, {"stored", true}}}}});
  const std::string error = plan_error();
  EXPECT_NE(error.find("Cannot read the SSL CA bundle of RDS instance mysql-1"), std::string::npos) << error;
  EXPECT_NE(error.find("the answer is larger than 1048576 bytes, the most accepted for it"),
            std::string::npos)
      << error;
}

TEST_F(CaBundle, AZipBombIsAnErrorBeforeItIsUnpacked) {
  start_with_instance();
  serve({{"files", {{{"name", "ca.pem"}, {"content", "0"}, {"repeat", 8 << 20}}}}});
  const std::string error = plan_error();
  EXPECT_NE(error.find("cannot be read: the zip would unpack to more than 4.0 MiB (entry \"ca.pem\" alone "
                       "declares 8388608 bytes); a CA bundle is a few KiB, so it is refused unread."),
            std::string::npos)
      << error;
}

TEST_F(CaBundle, AnUnreachableLinkHostIsAnErrorNamingTheHost) {
  start_with_instance();
  serve({{"link_base", "http://ca-bundles.invalid"}});  // .invalid never resolves (RFC 2606)
  const std::string error = plan_error("provider \"rds\" {\n  max_retries = 1\n}\n");
  EXPECT_NE(error.find("Cannot read the SSL CA bundle of RDS instance mysql-1"), std::string::npos) << error;
  EXPECT_NE(error.find("download the SSL CA bundle (GET http://ca-bundles.invalid/ssl-cert/mysql-1/"),
            std::string::npos)
      << error;
  EXPECT_NE(error.find("Could not resolve host: ca-bundles.invalid"), std::string::npos) << error;
}

TEST_F(CaBundle, ACategoryTheApiDoesNotListIsAnErrorNamingThoseItLists) {
  start_with_instance();
  workspace().write_config(
      "provider \"rds\" {}\ndata \"rds_ssl_ca_bundle\" \"db\" {\n  instance_id = \"mysql-1\"\n  category = "
      "\"sm9\"\n}\n");
  auto plan = workspace().terraform({"plan", "-input=false", "-no-color"});
  EXPECT_EQ(plan.exit_code, 1) << plan.describe();
  EXPECT_NE(flattened(plan.plain_output())
                .find("The RDS API lists no CA bundle of category \"sm9\" for instance mysql-1; it lists: "
                      "international, national."),
            std::string::npos)
      << plan.describe();
}

}  // namespace
}  // namespace rds::testing
