// The sim over https with its generated CA.
#include <gtest/gtest.h>

#include "tests/sim/sim_http.h"

namespace rds::sim::testing {
namespace {

using rds::testing::SimProcess;

TEST(Tls, ApiCallsWorkWhenTheCaIsTrusted) {
  SimProcess sim({"--quiet", "--tls", "--instance", "db1"});
  auto http = client_for(sim);  // trusts sim.ca_file()
  auto res = http->Get("/v3/sim-project/instances?id=db1", token_headers());
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(json_of(res)["instances"][0]["id"], "db1");
}

TEST(Tls, SignedRequestsWorkOverHttps) {
  SimProcess sim({"--quiet", "--tls"});
  auto http = client_for(sim);
  const std::string path = "/v3/sim-project/instances";
  auto res = http->Get(path, signed_headers(sim, "GET", path, {}, ""));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
}

TEST(Tls, DropFaultClosesTheTlsConnectionWithoutAnAnswer) {
  SimProcess sim({"--quiet", "--tls"});
  sim.inject_fault({{"kind", "drop"}});
  auto http = client_for(sim);
  EXPECT_FALSE(http->Get("/v3/sim-project/instances", token_headers()));
  EXPECT_EQ(http->Get("/v3/sim-project/instances", token_headers())->status, 200);
}

TEST(Tls, ClientThatDoesNotTrustTheCaFailsVerification) {
  SimProcess sim({"--quiet", "--tls"});
  httplib::Client untrusting(sim.base_url());  // trusts only the system's CAs
  untrusting.enable_server_certificate_verification(true);
  auto res = untrusting.Get("/v3/sim-project/instances");
  ASSERT_FALSE(res);
  EXPECT_EQ(res.error(), httplib::Error::SSLServerVerification);
}

TEST(Tls, EachRunGetsItsOwnCa) {
  SimProcess a({"--quiet", "--tls"});
  SimProcess b({"--quiet", "--tls"});
  EXPECT_NE(a.ca_file(), b.ca_file());
  httplib::Client crossed(a.base_url());
  crossed.set_ca_cert_path(b.ca_file());
  auto res = crossed.Get("/v3/sim-project/instances");
  ASSERT_FALSE(res);
  EXPECT_EQ(res.error(), httplib::Error::SSLServerVerification);
}

}  // namespace
}  // namespace rds::sim::testing
