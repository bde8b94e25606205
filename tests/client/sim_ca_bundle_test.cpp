// download_ssl_ca_bundle over real HTTP(S) against rds-sim: the sim's CA read back from its link, and the
// hostile answers a link could give (too large, a bomb, no certificate, a host that is not there).
#include <gtest/gtest.h>

#include "sim_client.h"

namespace rds::client {
namespace {

using rds::testing::SimProcess;
using testing::seconds_from_now;
using testing::sim_client;
using testing::sim_config;

std::string link_of(RdsClient& client, const std::string& id) {
  return client.get_ssl_cert_links(id, seconds_from_now(30), CancelToken()).at(0).download_link;
}

template <class Error>
std::string error_of(SimProcess& sim) {
  auto client = sim_client(sim_config(sim));
  try {
    client->download_ssl_ca_bundle(link_of(*client, "db1"), seconds_from_now(30), CancelToken());
  } catch (const Error& error) {
    return error.what();
  }
  return "(no error of the expected type)";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(ClientSimCaBundle, ReadsTheSimsCaOverHttp) {
  SimProcess sim({"--instance", "db1:MySQL:on"});
  auto client = sim_client(sim_config(sim));
  const SslCaBundle bundle =
      client->download_ssl_ca_bundle(link_of(*client, "db1"), seconds_from_now(30), CancelToken());
  ASSERT_EQ(bundle.certificates.size(), 1u);
  EXPECT_EQ(bundle.certificates[0].pem, sim.admin("GET", "/_admin/ca-bundle")["pem"]);
  EXPECT_EQ(bundle.certificates[0].subject, "CN=rds-sim instance CA,O=rds-sim");
  EXPECT_EQ(bundle.certificates[0].source_file, "ca-bundle.pem");
  EXPECT_TRUE(bundle.plain_http);
  EXPECT_TRUE(bundle.loopback);
}

TEST(ClientSimCaBundle, ReadsTheSimsCaOverHttps) {
  SimProcess sim({"--tls", "--instance", "db1:MySQL:on"});
  auto client = sim_client(sim_config(sim));
  const std::string link = link_of(*client, "db1");
  EXPECT_TRUE(link.starts_with("https://")) << link;
  const SslCaBundle bundle = client->download_ssl_ca_bundle(link, seconds_from_now(30), CancelToken());
  ASSERT_EQ(bundle.certificates.size(), 1u);
  EXPECT_EQ(bundle.certificates[0].pem, sim.admin("GET", "/_admin/ca-bundle")["pem"]);
  EXPECT_FALSE(bundle.plain_http);
}

TEST(ClientSimCaBundle, AnHttpsEndpointNeverFollowsAnHttpLink) {
  SimProcess sim({"--tls", "--instance", "db1:MySQL:on"});
  sim.admin("POST", "/_admin/ca-bundle", {{"link_base", "http://127.0.0.1:" + std::to_string(sim.port())}});
  EXPECT_PRED2(contains, error_of<UnsafeLinkError>(sim),
               "is http://, but the RDS endpoint is https://, so only an https:// download is followed.");
}

TEST(ClientSimCaBundle, AnOversizedDownloadFailsAtTheCap) {
  SimProcess sim({"--instance", "db1:MySQL:on"});
  // 2 MB stored, so the zip itself is over the 1 MiB download cap.
  sim.admin(
      "POST", "/_admin/ca-bundle",
      {{"files",
        {{{"name", "ca.pem"}, {"content", "0123456789abcdef"}, {"repeat", 131072}, {"stored", true}}}}});
  EXPECT_PRED2(contains, error_of<TransportError>(sim),
               "the answer is larger than 1048576 bytes, the most accepted for it");
}

TEST(ClientSimCaBundle, AZipBombFailsBeforeItIsInflated) {
  SimProcess sim({"--instance", "db1:MySQL:on"});
  sim.admin("POST", "/_admin/ca-bundle",
            {{"files", {{{"name", "ca.pem"}, {"content", "0"}, {"repeat", 8 << 20}}}}});
  EXPECT_PRED2(
      contains, error_of<ZipError>(sim),
      "cannot be read: the zip would unpack to more than 4.0 MiB (entry \"ca.pem\" alone declares 8388608 "
      "bytes)");
}

TEST(ClientSimCaBundle, AZipWithoutCertificatesNamesItsFiles) {
  SimProcess sim({"--instance", "db1:MySQL:on"});
  sim.admin("POST", "/_admin/ca-bundle",
            {{"files",
              {{{"name", "README.txt"}, {"content", "no CA"}}, {{"name", "notes.doc"}, {"content", "x"}}}}});
  EXPECT_PRED2(contains, error_of<CaBundleError>(sim),
               "cannot be used: the zip holds no PEM certificate in a .pem, .crt or .cer file; it contains: "
               "README.txt, notes.doc.");
}

TEST(ClientSimCaBundle, AnUnreachableLinkHostIsNamed) {
  SimProcess sim({"--instance", "db1:MySQL:on"});
  // .invalid never resolves (RFC 2606).
  sim.admin("POST", "/_admin/ca-bundle", {{"link_base", "http://ca-bundles.invalid"}});
  const std::string message = error_of<TransportError>(sim);
  EXPECT_PRED2(contains, message, "download the SSL CA bundle (GET http://ca-bundles.invalid/ssl-cert/db1/");
  EXPECT_PRED2(contains, message, "ca-bundles.invalid");
}

}  // namespace
}  // namespace rds::client
