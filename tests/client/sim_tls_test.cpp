// HTTPS against rds-sim --tls: verified with the sim's CA, refused with a clear message when the CA
// is not trusted, and accepted without verification only when insecure is set.
#include <gtest/gtest.h>

#include "sim_client.h"

namespace rds::client {
namespace {

using rds::testing::SimProcess;
using testing::Auth;
using testing::sim_client;
using testing::sim_config;

TEST(ClientSimTlsTest, HttpsWithTheSimCaWorksInEveryAuthMode) {
  SimProcess sim({"--tls", "--instance", "db1:MySQL:on", "--quiet"});
  ASSERT_FALSE(sim.ca_file().empty());
  ASSERT_TRUE(sim.base_url().starts_with("https://"));
  for (auto auth : {Auth::aksk, Auth::token, Auth::password}) {
    auto instance = sim_client(sim_config(sim, auth))->get_instance("db1");
    ASSERT_TRUE(instance);
    EXPECT_EQ(instance->enable_ssl, true);
  }
}

TEST(ClientSimTlsTest, UntrustedCaFailsAtOnceWithAClearMessage) {
  SimProcess sim({"--tls", "--instance", "db1:MySQL:on", "--quiet"});
  auto config = sim_config(sim);
  config.cacert_file.clear();  // system store only: the sim's CA is unknown there
  try {
    sim_client(config)->get_instance("db1");
    FAIL() << "no exception";
  } catch (const TransportError& error) {
    std::string what = error.what();
    EXPECT_FALSE(error.retryable());
    EXPECT_NE(what.find("TLS certificate verification failed"), std::string::npos) << what;
    EXPECT_NE(what.find("cacert_file"), std::string::npos) << what;
  }
  EXPECT_TRUE(sim.requests().empty());
}

TEST(ClientSimTlsTest, InsecureSkipsVerification) {
  SimProcess sim({"--tls", "--instance", "db1:MySQL:on", "--quiet"});
  auto config = sim_config(sim);
  config.cacert_file.clear();
  config.insecure = true;
  EXPECT_TRUE(sim_client(config)->get_instance("db1"));
}

TEST(ClientSimTlsTest, HttpsCallsReuseOneConnection) {
  SimProcess sim({"--tls", "--instance", "db1:MySQL:on", "--quiet"});
  auto client = sim_client(sim_config(sim, Auth::aksk));
  sim.reset();
  for (int i = 0; i < 6; ++i) client->get_instance("db1");
  EXPECT_EQ(sim.connections(), 1);
}

}  // namespace
}  // namespace rds::client
