// Each authentication mode against rds-sim, which verifies AK/SK signatures and tokens like the
// cloud; wrong credentials are refused; an IAM token is renewed once after a 401.
#include <gtest/gtest.h>

#include "sim_client.h"

namespace rds::client {
namespace {

using rds::testing::SimProcess;
using testing::Auth;
using testing::request_summary;
using testing::sim_client;
using testing::sim_config;

int count_requests(const SimProcess& sim, const std::string& method, const std::string& path) {
  int count = 0;
  for (const auto& request : sim.requests())
    if (request.at("method") == method && request.at("path") == path) ++count;
  return count;
}

TEST(ClientSimAuthTest, AkSkSignatureIsAccepted) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--quiet"});
  EXPECT_TRUE(sim_client(sim_config(sim, Auth::aksk))->get_instance("db1"));
  EXPECT_EQ(sim.requests().at(0).at("auth"), "aksk");
}

TEST(ClientSimAuthTest, AkSkSignsBodiesOfPutRequests) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--ssl-switch-seconds", "0.1", "--quiet"});
  auto client = sim_client(sim_config(sim, Auth::aksk));
  testing::set_ssl(*client, "db1", true, testing::seconds_from_now(10), CancelToken());
  EXPECT_EQ(client->wait_until_ssl("db1", true, testing::seconds_from_now(10), CancelToken()).enable_ssl,
            true);
}

TEST(ClientSimAuthTest, AkSkWithSecurityTokenIsAccepted) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--security-token", "temp-token", "--quiet"});
  auto config = sim_config(sim, Auth::aksk);
  config.security_token = "temp-token";
  EXPECT_TRUE(sim_client(config)->get_instance("db1"));
}

TEST(ClientSimAuthTest, WrongSecretKeyIsRefusedWith401) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--quiet"});
  auto config = sim_config(sim, Auth::aksk);
  config.secret_key = "not-the-secret";
  try {
    sim_client(config)->get_instance("db1");
    FAIL() << "no exception";
  } catch (const ApiError& error) {
    EXPECT_EQ(error.http_status(), 401);
    EXPECT_FALSE(error.request_id().empty());
    EXPECT_EQ(std::string(error.what()).find("not-the-secret"), std::string::npos);
  }
}

TEST(ClientSimAuthTest, StaticTokenIsAccepted) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--quiet"});
  EXPECT_TRUE(sim_client(sim_config(sim, Auth::token))->get_instance("db1"));
  EXPECT_EQ(sim.requests().at(0).at("auth"), "token");
}

TEST(ClientSimAuthTest, WrongStaticTokenIsRefusedWith401) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--quiet"});
  auto config = sim_config(sim, Auth::token);
  config.token = "wrong";
  try {
    sim_client(config)->get_instance("db1");
    FAIL() << "no exception";
  } catch (const ApiError& error) {
    EXPECT_EQ(error.http_status(), 401);
  }
}

TEST(ClientSimAuthTest, PasswordLoginFetchesATokenOnceForManyCalls) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--quiet"});
  auto client = sim_client(sim_config(sim, Auth::password));
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(client->get_instance("db1"));
  EXPECT_EQ(count_requests(sim, "POST", "/v3/auth/tokens"), 1)
      << ::testing::PrintToString(request_summary(sim));
  EXPECT_EQ(count_requests(sim, "GET", "/v3/" + sim.project_id() + "/instances"), 3);
}

TEST(ClientSimAuthTest, WrongPasswordIsAnIamErrorNamingTheUser) {
  SimProcess sim({"--quiet"});
  auto config = sim_config(sim, Auth::password);
  config.password = "wrong-password";
  try {
    sim_client(config)->get_instance("db1");
    FAIL() << "no exception";
  } catch (const ApiError& error) {
    EXPECT_EQ(error.http_status(), 401);
    std::string what = error.what();
    EXPECT_NE(what.find("IAM login"), std::string::npos) << what;
    EXPECT_NE(what.find("sim-user"), std::string::npos) << what;
    EXPECT_EQ(what.find("wrong-password"), std::string::npos) << what;
  }
}

TEST(ClientSimAuthTest, TokenIsRenewedOnceAfterA401) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--quiet"});
  auto client = sim_client(sim_config(sim, Auth::password));
  EXPECT_TRUE(client->get_instance("db1"));
  sim.inject_fault({{"kind", "status"},
                    {"status", 401},
                    {"error_code", "APIGW.0301"},
                    {"count", 1},
                    {"path_contains", "/instances"}});
  EXPECT_TRUE(client->get_instance("db1"));
  EXPECT_EQ(count_requests(sim, "POST", "/v3/auth/tokens"), 2)
      << ::testing::PrintToString(request_summary(sim));
}

TEST(ClientSimAuthTest, MissingCredentialsAreRefusedBeforeAnyRequest) {
  SimProcess sim({"--quiet"});
  auto config = sim_config(sim, Auth::token);
  config.token.clear();
  EXPECT_THROW(sim_client(config), ConfigError);
  EXPECT_TRUE(sim.requests().empty());
}

}  // namespace
}  // namespace rds::client
