// Auth checks of the real sim: AK/SK signatures (signed by the tests' own signer), tokens, IAM login.
#include <gtest/gtest.h>

#include "tests/sim/sim_http.h"

namespace rds::sim::testing {
namespace {

using rds::testing::SimProcess;

const std::string kInstances = "/v3/sim-project/instances";

class Auth : public ::testing::Test {
 protected:
  Auth() : sim_({"--quiet", "--instance", "db1"}), http_(client_for(sim_)) {}

  int signed_get(const Query& query, const SignOptions& options = {}) {
    auto res =
        http_->Get(target(kInstances, query), signed_headers(sim_, "GET", kInstances, query, "", options));
    return res ? res->status : -1;
  }

  httplib::Result login(const std::string& password,
                        const nlohmann::json& scope = {{"project", {{"id", "sim-project"}}}}) {
    nlohmann::json body = {
        {"auth",
         {{"identity",
           {{"methods", {"password"}},
            {"password",
             {{"user",
               {{"name", "sim-user"}, {"password", password}, {"domain", {{"name", "sim-domain"}}}}}}}}},
          {"scope", scope}}}};
    return http_->Post("/v3/auth/tokens", body.dump(), "application/json");
  }

  SimProcess sim_;
  std::unique_ptr<httplib::Client> http_;
};

TEST_F(Auth, CorrectlySignedRequestPasses) {
  EXPECT_EQ(signed_get({{"id", "db1"}}), 200);
  EXPECT_EQ(sim_.requests().at(0)["auth"], "aksk");
}

TEST_F(Auth, SignedPutWithBodyPasses) {
  const std::string path = kInstances + "/db1/ssl";
  const std::string body = R"({"ssl_option": true})";
  auto res = http_->Put(path, signed_headers(sim_, "PUT", path, {}, body), body, "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
}

TEST_F(Auth, TamperedSignatureFails) {
  auto headers = signed_headers(sim_, "GET", kInstances, {{"id", "db1"}}, "");
  // Sign for db1, ask for db2: the canonical query no longer matches.
  auto res = http_->Get(target(kInstances, {{"id", "db2"}}), headers);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  EXPECT_NE(json_of(res)["error_msg"].get<std::string>().find("signature"), std::string::npos);
}

TEST_F(Auth, TamperedBodyFails) {
  const std::string path = kInstances + "/db1/ssl";
  auto headers = signed_headers(sim_, "PUT", path, {}, R"({"ssl_option": true})");
  EXPECT_EQ(http_->Put(path, headers, R"({"ssl_option": false})", "application/json")->status, 401);
}

TEST_F(Auth, WrongSecretKeyFails) {
  SignOptions options;
  options.secret_key = "not-the-secret";
  EXPECT_EQ(signed_get({}, options), 401);
}

TEST_F(Auth, UnknownAccessKeyFails) {
  SignOptions options;
  options.access_key = "other-ak";
  EXPECT_EQ(signed_get({}, options), 401);
}

TEST_F(Auth, StaleSdkDateFails) {
  SignOptions stale;
  stale.date_offset_seconds = -16 * 60;
  EXPECT_EQ(signed_get({}, stale), 401);
  SignOptions future;
  future.date_offset_seconds = 16 * 60;
  EXPECT_EQ(signed_get({}, future), 401);
  SignOptions slightly_off;
  slightly_off.date_offset_seconds = -5 * 60;
  EXPECT_EQ(signed_get({}, slightly_off), 200);
}

TEST_F(Auth, NoCredentialsFail) {
  auto res = http_->Get(kInstances);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  EXPECT_EQ(sim_.requests().at(0)["auth"], "none");
}

TEST_F(Auth, StaticTokenPassesAndUnknownTokenFails) {
  EXPECT_EQ(http_->Get(kInstances, token_headers("sim-token"))->status, 200);
  EXPECT_EQ(http_->Get(kInstances, token_headers("forged"))->status, 401);
  EXPECT_EQ(sim_.requests().at(1)["auth"], "token");
}

TEST_F(Auth, PasswordLoginIssuesAWorkingToken) {
  auto res = login("sim-password");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 201);
  const std::string token = res->get_header_value("X-Subject-Token");
  ASSERT_FALSE(token.empty());
  auto body = json_of(res);
  EXPECT_EQ(body["token"]["project"]["id"], "sim-project");
  EXPECT_TRUE(body["token"]["expires_at"].is_string());
  EXPECT_EQ(http_->Get(kInstances, token_headers(token))->status, 200);
}

TEST_F(Auth, LoginByProjectNameWorks) {
  EXPECT_EQ(login("sim-password", {{"project", {{"name", "eu-de"}}}})->status, 201);
}

TEST_F(Auth, WrongPasswordIsUnauthorized) {
  auto res = login("wrong");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  EXPECT_TRUE(res->get_header_value("X-Subject-Token").empty());
  EXPECT_EQ(json_of(res)["error"]["code"], 401);
}

TEST_F(Auth, LoginToAnotherProjectIsUnauthorized) {
  EXPECT_EQ(login("sim-password", {{"project", {{"id", "other"}}}})->status, 401);
}

TEST_F(Auth, RevokedTokensAreRefusedUntilTheClientLogsInAgain) {
  const std::string token = login("sim-password")->get_header_value("X-Subject-Token");
  sim_.admin("POST", "/_admin/tokens/revoke");
  EXPECT_EQ(http_->Get(kInstances, token_headers(token))->status, 401);
  const std::string renewed = login("sim-password")->get_header_value("X-Subject-Token");
  EXPECT_NE(renewed, token);
  EXPECT_EQ(http_->Get(kInstances, token_headers(renewed))->status, 200);
}

TEST_F(Auth, ExpiredTokensAreRefused) {
  sim_.admin("POST", "/_admin/config", {{"token_ttl_seconds", 0}});
  const std::string token = login("sim-password")->get_header_value("X-Subject-Token");
  EXPECT_EQ(http_->Get(kInstances, token_headers(token))->status, 401);
}

TEST(AuthSecurityToken, TemporaryCredentialsNeedTheirSecurityToken) {
  SimProcess sim({"--quiet", "--security-token", "st-123"});
  auto http = client_for(sim);
  SignOptions with;
  with.security_token = "st-123";
  EXPECT_EQ(http->Get(kInstances, signed_headers(sim, "GET", kInstances, {}, "", with))->status, 200);
  EXPECT_EQ(http->Get(kInstances, signed_headers(sim, "GET", kInstances, {}, ""))->status, 401);
}

}  // namespace
}  // namespace rds::sim::testing
