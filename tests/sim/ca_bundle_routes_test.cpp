// The CA bundles rds-sim serves behind its certificate links, and the admin API that changes them, over
// HTTP against the real sim.
#include <gtest/gtest.h>

#include "sim/ca_bundle_store.h"
#include "sim/zip_writer.h"
#include "tests/sim/sim_http.h"

namespace rds::sim::testing {
namespace {

using rds::testing::SimProcess;

std::string cert_links_path(const std::string& id) {
  return "/v3/sim-project/instances/" + id + "/ssl-cert/download-link";
}

class CaBundleRoutes : public ::testing::Test {
 protected:
  CaBundleRoutes()
      : sim_({"--quiet", "--instance", "db1:MySQL:off", "--instance", "pg1:PostgreSQL"}),
        http_(client_for(sim_)) {}

  SimProcess sim_;
  std::unique_ptr<httplib::Client> http_;
};

TEST_F(CaBundleRoutes, ACertificateLinkServesTheSimsCaInAZipWithoutCredentials) {
  const std::string link =
      json_of(http_->Get(cert_links_path("db1"), token_headers()))["cert_info_list"][0]["download_link"];
  auto res = http_->Get(link.substr(sim_.base_url().size()));  // no token: links are presigned
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/zip");
  EXPECT_EQ(res->body, rds::sim::bundle_zip(sim_.admin("GET", "/_admin/ca-bundle")["pem"]));
  const std::string pem = sim_.admin("GET", "/_admin/ca-bundle")["pem"];
  EXPECT_TRUE(pem.starts_with("-----BEGIN CERTIFICATE-----\n")) << pem;
}

TEST_F(CaBundleRoutes, CertificateLinksOfOtherInstancesOrWithoutTheApiServeNothing) {
  for (const std::string path : {"/ssl-cert/pg1/international/Certificate_Download.zip",
                                 "/ssl-cert/nope/international/Certificate_Download.zip",
                                 "/ssl-cert/db1/other/Certificate_Download.zip"}) {
    auto res = http_->Get(path);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 404) << path;
  }
  sim_.admin("POST", "/_admin/config", {{"cert_links", false}});
  auto res = http_->Get("/ssl-cert/db1/international/Certificate_Download.zip");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
}

TEST_F(CaBundleRoutes, TheAdminApiReplacesTheCaOrTheZipOrWhereLinksPoint) {
  const std::string first = sim_.admin("GET", "/_admin/ca-bundle")["pem"];
  const auto fresh = sim_.admin("POST", "/_admin/ca-bundle", {{"valid_days", 10}});
  EXPECT_NE(fresh["pem"], first);
  EXPECT_EQ(fresh["valid_days"], 10);
  const auto custom =
      sim_.admin("POST", "/_admin/ca-bundle",
                 {{"files", {{{"name", "README.txt"}, {"content", "ab"}, {"repeat", 3}, {"stored", true}}}},
                  {"link_base", "http://unreachable.invalid:9"}});
  EXPECT_EQ(custom["custom_zip"], true);
  auto res = http_->Get("/ssl-cert/db1/international/Certificate_Download.zip");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body, rds::sim::write_zip({rds::sim::stored_file("README.txt", "ababab")}));
  EXPECT_EQ(
      json_of(http_->Get(cert_links_path("db1"), token_headers()))["cert_info_list"][0]["download_link"],
      "http://unreachable.invalid:9/ssl-cert/db1/international/Certificate_Download.zip");
}

TEST(CaBundleRoutesFlag, NoCertLinksServesNoBundleEither) {
  SimProcess sim({"--quiet", "--no-cert-links", "--instance", "db1:MySQL:off"});
  auto res = client_for(sim)->Get("/ssl-cert/db1/international/Certificate_Download.zip");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(json_of(res)["error_code"], "APIGW.0101");
}

}  // namespace
}  // namespace rds::sim::testing
