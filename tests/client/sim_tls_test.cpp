// HTTPS against rds-sim --tls: verified with the sim's CA, refused with a clear message when the CA
// is not trusted, and accepted without verification only when insecure is set.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <optional>
#include <string>

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

// Sets an environment variable for one test (each test runs in a process of its own under ctest, but not
// necessarily when the binary is run by hand).
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = getenv(name)) old_ = old;
    setenv(name, value, 1);
  }
  ~ScopedEnv() { old_ ? setenv(name_, old_->c_str(), 1) : unsetenv(name_); }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(ClientSimTlsTest, WithoutAnyCaCertificatesTheFirstCallFailsNamingThePlacesSearched) {
  SimProcess sim({"--tls", "--instance", "db1:MySQL:on", "--quiet"});
  auto config = sim_config(sim);
  config.cacert_file.clear();
  // SSL_CERT_FILE and SSL_CERT_DIR replace the system's places, so nothing is found (client/ca_bundle.h).
  ScopedEnv file("SSL_CERT_FILE", "/nonexistent/ca.pem");
  ScopedEnv dir("SSL_CERT_DIR", "/nonexistent/certs");
  try {
    sim_client(config)->get_instance("db1");
    FAIL() << "no exception";
  } catch (const TransportError& error) {
    std::string what = error.what();
    EXPECT_FALSE(error.retryable());
    EXPECT_NE(what.find("no CA certificates"), std::string::npos) << what;
    EXPECT_NE(what.find("SSL_CERT_FILE=/nonexistent/ca.pem"), std::string::npos) << what;
    EXPECT_NE(what.find("SSL_CERT_DIR=/nonexistent/certs"), std::string::npos) << what;
  }
  EXPECT_TRUE(sim.requests().empty()) << "nothing may be sent without a CA to verify the answer";
}

TEST(ClientSimTlsTest, SslCertFileIsTrustedWhenCacertFileIsNotSet) {
  SimProcess sim({"--tls", "--instance", "db1:MySQL:on", "--quiet"});
  auto config = sim_config(sim);
  config.cacert_file.clear();
  ScopedEnv file("SSL_CERT_FILE", sim.ca_file().c_str());
  EXPECT_TRUE(sim_client(config)->get_instance("db1"));
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
