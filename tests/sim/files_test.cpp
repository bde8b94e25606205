// --files DIR: the sim as a static file server too, for provider mirrors (/files/) and registries (/).
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "tests/sim/sim_http.h"

namespace rds::sim::testing {
namespace {

namespace fs = std::filesystem;
using rds::testing::SimProcess;

class Files : public ::testing::Test {
 protected:
  void SetUp() override {
    auto pattern = (fs::temp_directory_path() / "rds-sim-files-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    fs::create_directories(dir_ / ".well-known");
    std::ofstream(dir_ / ".well-known/terraform.json") << R"({"providers.v1":"/v1/providers/"})";
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(Files, ARegistrysDiscoveryDocumentIsServedAtTheRootAsJson) {
  SimProcess sim({"--quiet", "--tls", "--files", dir_.string()});
  auto http = client_for(sim);
  auto res = http->Get("/.well-known/terraform.json");
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 200);
  // Terraform refuses a discovery document of another media type.
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
  EXPECT_EQ(json_of(res)["providers.v1"], "/v1/providers/");
}

TEST_F(Files, TheSameFilesAreServedUnderFilesAndTheApiStillAnswers) {
  SimProcess sim({"--quiet", "--files", dir_.string(), "--instance", "db1"});
  auto http = client_for(sim);
  auto file = http->Get("/files/.well-known/terraform.json");
  ASSERT_TRUE(file);
  EXPECT_EQ(file->status, 200);
  auto api = http->Get("/v3/sim-project/instances?id=db1", token_headers());
  ASSERT_TRUE(api);
  EXPECT_EQ(api->status, 200);
  EXPECT_EQ(json_of(api)["instances"][0]["id"], "db1");
  auto missing = http->Get("/no-such-file");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
}

TEST(TlsName, TheCertificateIsValidForEachTlsName) {
  SimProcess sim({"--quiet", "--tls", "--tls-name", "rds.sim.test"});
  // The name resolves to the sim's address here; the certificate must name it.
  httplib::SSLClient by_name("rds.sim.test", sim.port());
  by_name.set_ca_cert_path(sim.ca_file().c_str());
  by_name.enable_server_certificate_verification(true);
  by_name.set_hostname_addr_map({{"rds.sim.test", "127.0.0.1"}});
  auto res = by_name.Get("/v3/sim-project/instances", token_headers());
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 200);

  // A name the certificate does not carry is refused, so the check above really checked the name.
  httplib::SSLClient other("other.sim.test", sim.port());
  other.set_ca_cert_path(sim.ca_file().c_str());
  other.enable_server_certificate_verification(true);
  other.set_hostname_addr_map({{"other.sim.test", "127.0.0.1"}});
  auto refused = other.Get("/v3/sim-project/instances", token_headers());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error(), httplib::Error::SSLServerVerification);
}

}  // namespace
}  // namespace rds::sim::testing
