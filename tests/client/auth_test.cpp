// The three authentication modes as they reach the wire, IAM token caching and renewal, and that no
// secret appears in logs or error messages.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "client_harness.h"
#include "independent_signature.h"

namespace rds::client {
namespace {

using namespace std::chrono_literals;
using testing::ClientHarness;
using testing::header_of;
using testing::instance_json;
using testing::json_response;

ClientConfig aksk_config() {
  ClientConfig config;
  config.endpoint = "http://127.0.0.1:8080";
  config.project_id = "p1";
  config.access_key = "AK-PUBLIC";
  config.secret_key = "SK-VERY-SECRET";
  config.security_token = "SECURITY-TOKEN-SECRET";
  return config;
}

ClientConfig password_config() {
  ClientConfig config;
  config.endpoint = "http://127.0.0.1:8080";
  config.auth_url = "http://127.0.0.1:8080/v3";
  config.project_id = "p1";
  config.user_name = "alice";
  config.password = "PASSWORD-SECRET";
  config.domain_name = "dom";
  return config;
}

HttpResponse ok_instance() { return json_response(200, instance_json("i1", "ACTIVE", "MySQL", "true")); }
HttpResponse issued(const std::string& token, const std::string& expires_at = "2026-11-29T00:00:00.000000Z") {
  return json_response(201, R"({"token":{"expires_at":")" + expires_at + R"("}})",
                       {{"x-subject-token", token}});
}

// What the gateway signs for temporary credentials: Host, X-Sdk-Date, X-Project-Id and X-Security-Token.
const std::vector<std::string> kSignedWithSecurityToken = {"host", "x-project-id", "x-sdk-date",
                                                           "x-security-token"};

TEST(ClientAuthTest, AkSkRequestsAreSignedOverHostDateProjectAndSecurityToken) {
  ClientHarness h;
  h.transport->then(ok_instance());
  h.make(aksk_config())->get_instance("i1");
  const auto& request = h.transport->requests.at(0);
  EXPECT_EQ(header_of(request, "Host"), "127.0.0.1:8080");
  EXPECT_EQ(header_of(request, "X-Sdk-Date"), "20261128T000000Z");
  EXPECT_EQ(header_of(request, "X-Project-Id"), "p1");
  EXPECT_EQ(header_of(request, "X-Security-Token"), "SECURITY-TOKEN-SECRET");
  EXPECT_EQ(
      header_of(request, "Authorization"),
      testing::independent_authorization(request, kSignedWithSecurityToken, "AK-PUBLIC", "SK-VERY-SECRET"));
}

// The fake clock starts 100 ms before a second ticks over and the backoff before the retry is longer
// than that (250 ms), so a retry that reused the first attempt's date or signature would be caught.
TEST(ClientAuthTest, AkSkRetriesCarryAFreshDateAndOneAuthorization) {
  ClientHarness h;
  h.transport->then(json_response(503, ""));
  h.transport->then(ok_instance());
  h.clock->set_utc(
      std::chrono::system_clock::time_point(std::chrono::sys_days(std::chrono::year(2026) / 11 / 28)) +
      std::chrono::milliseconds(900));
  h.make(aksk_config())->get_instance("i1");
  ASSERT_EQ(h.transport->requests.size(), 2u);
  ASSERT_EQ(h.clock->sleeps.size(), 1u);
  const auto& first = h.transport->requests[0];
  const auto& retry = h.transport->requests[1];
  EXPECT_EQ(header_of(first, "X-Sdk-Date"), "20261128T000000Z");
  EXPECT_EQ(header_of(retry, "X-Sdk-Date"), "20261128T000001Z");
  for (const auto* request : {&first, &retry}) {
    int authorizations = 0;
    for (const auto& header : request->headers) authorizations += header.first == "Authorization";
    EXPECT_EQ(authorizations, 1);
    EXPECT_EQ(header_of(*request, "Authorization"),
              testing::independent_authorization(*request, kSignedWithSecurityToken, "AK-PUBLIC",
                                                 "SK-VERY-SECRET"));
  }
  EXPECT_NE(header_of(first, "Authorization"), header_of(retry, "Authorization"));
}

TEST(ClientAuthTest, StaticTokenGoesInXAuthToken) {
  ClientHarness h;
  h.transport->then(ok_instance());
  h.make()->get_instance("i1");
  EXPECT_EQ(header_of(h.transport->requests.at(0), "X-Auth-Token"), "static-token-secret");
  EXPECT_EQ(header_of(h.transport->requests.at(0), "Authorization"), "");
}

TEST(ClientAuthTest, StaticTokenIsNotRenewedOn401) {
  ClientHarness h;
  h.transport->then(json_response(
      401, R"({"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information"})"));
  try {
    h.make()->get_instance("i1");
    FAIL() << "no exception";
  } catch (const ApiError& error) {
    EXPECT_EQ(error.http_status(), 401);
    EXPECT_EQ(std::string(error.what()).find("static-token-secret"), std::string::npos);
  }
  EXPECT_EQ(h.transport->requests.size(), 1u);
}

TEST(ClientAuthTest, PasswordModeLogsInOnceAndReusesTheToken) {
  ClientHarness h;
  h.transport->then(issued("iam-token-1"));
  h.transport->then(ok_instance());
  h.transport->then(ok_instance());
  auto client = h.make(password_config());
  client->get_instance("i1");
  client->get_instance("i1");
  ASSERT_EQ(h.transport->requests.size(), 3u);
  const auto& login = h.transport->requests[0];
  EXPECT_EQ(login.method, "POST");
  EXPECT_EQ(login.url(), "http://127.0.0.1:8080/v3/auth/tokens");
  auto body = nlohmann::json::parse(login.body);
  EXPECT_EQ(body["auth"]["identity"]["methods"][0], "password");
  EXPECT_EQ(body["auth"]["identity"]["password"]["user"]["name"], "alice");
  EXPECT_EQ(body["auth"]["identity"]["password"]["user"]["password"], "PASSWORD-SECRET");
  EXPECT_EQ(body["auth"]["identity"]["password"]["user"]["domain"]["name"], "dom");
  EXPECT_EQ(body["auth"]["scope"]["project"]["id"], "p1");
  EXPECT_EQ(header_of(h.transport->requests[1], "X-Auth-Token"), "iam-token-1");
  EXPECT_EQ(header_of(h.transport->requests[2], "X-Auth-Token"), "iam-token-1");
}

TEST(ClientAuthTest, PasswordModeRenewsOnceAfter401) {
  ClientHarness h;
  h.transport->then(issued("iam-token-1"));
  h.transport->then(json_response(401, ""));
  h.transport->then(issued("iam-token-2"));
  h.transport->then(ok_instance());
  EXPECT_TRUE(h.make(password_config())->get_instance("i1"));
  ASSERT_EQ(h.transport->requests.size(), 4u);
  EXPECT_EQ(h.transport->requests[2].path, "/auth/tokens");
  EXPECT_EQ(header_of(h.transport->requests[3], "X-Auth-Token"), "iam-token-2");
}

TEST(ClientAuthTest, InvalidTokenCodeRenewsTheTokenLikeA401) {
  ClientHarness h;
  h.transport->then(issued("iam-token-1"));
  h.transport->then(json_response(403, R"({"error_code":"DBS.280056","error_msg":"Invalid token."})"));
  h.transport->then(issued("iam-token-2"));
  h.transport->then(ok_instance());
  EXPECT_TRUE(h.make(password_config())->get_instance("i1"));
  EXPECT_EQ(header_of(h.transport->requests.at(3), "X-Auth-Token"), "iam-token-2");
}

TEST(ClientAuthTest, PasswordModeGivesUpAfterASecond401) {
  ClientHarness h;
  h.transport->then(issued("iam-token-1"));
  h.transport->then(json_response(401, ""));
  h.transport->then(issued("iam-token-2"));
  h.transport->then(json_response(401, ""));
  EXPECT_THROW(h.make(password_config())->get_instance("i1"), ApiError);
  EXPECT_EQ(h.transport->requests.size(), 4u);
}

TEST(ClientAuthTest, PasswordModeRenewsShortlyBeforeExpiry) {
  ClientHarness h;
  h.transport->then(issued("iam-token-1", "2026-11-28T00:10:00.000000Z"));
  h.transport->then(ok_instance());
  h.transport->then(issued("iam-token-2", "2026-11-29T00:10:00.000000Z"));
  h.transport->then(ok_instance());
  auto client = h.make(password_config());
  client->get_instance("i1");
  h.clock->advance(6min);  // now within 5 minutes of expires_at
  client->get_instance("i1");
  ASSERT_EQ(h.transport->requests.size(), 4u);
  EXPECT_EQ(header_of(h.transport->requests[3], "X-Auth-Token"), "iam-token-2");
}

// Found by tests/fuzz/iam_token_fuzz: an expiry beyond 2262 overflowed the conversion to system_clock
// (undefined behaviour; in practice an expiry in the past, so every request logged in again). An expiry
// that cannot be a token's counts as absent: the token is kept for the usual 24 hours.
TEST(ClientAuthTest, ExpiryOutsideAnyTokensLifeFallsBackToADay) {
  for (const std::string expires_at : {"3000-01-01T00:00:00.000000Z", "2147483647-01-01T00:00:00Z",
                                       "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z"}) {
    ClientHarness h;
    h.transport->then(issued("iam-token-1", expires_at));
    h.transport->then(ok_instance());
    h.transport->then(ok_instance());
    h.transport->then(issued("iam-token-2"));
    h.transport->then(ok_instance());
    auto client = h.make(password_config());
    client->get_instance("i1");
    client->get_instance("i1");
    EXPECT_EQ(h.transport->requests.size(), 3u) << expires_at << ": logged in again at once";
    h.clock->advance(24h);
    client->get_instance("i1");
    EXPECT_EQ(header_of(h.transport->requests.back(), "X-Auth-Token"), "iam-token-2") << expires_at;
  }
}

TEST(ClientAuthTest, FailedLoginIsAnApiErrorWithoutThePassword) {
  ClientHarness h;
  h.transport->then(json_response(
      401,
      R"({"error":{"code":401,"message":"The username or password is wrong.","title":"Unauthorized"}})"));
  try {
    h.make(password_config())->get_instance("i1");
    FAIL() << "no exception";
  } catch (const ApiError& error) {
    std::string what = error.what();
    EXPECT_NE(what.find("IAM login"), std::string::npos) << what;
    EXPECT_NE(what.find("alice"), std::string::npos) << what;
    EXPECT_NE(what.find("The username or password is wrong."), std::string::npos) << what;
    EXPECT_EQ(what.find("PASSWORD-SECRET"), std::string::npos) << what;
  }
}

// IAM's refusal is remembered: the same wrong password is never sent twice.
TEST(ClientAuthTest, RefusedLoginIsNotTriedAgainWithTheSameCredentials) {
  ClientHarness h;
  h.transport->then(
      json_response(401, R"({"error":{"code":401,"message":"The username or password is wrong."}})"));
  auto client = h.make(password_config());
  EXPECT_THROW(client->sign_in(h.in(60s), CancelToken()), ApiError);
  for (int i = 0; i < 5; ++i) EXPECT_THROW(client->get_instance("i1"), ApiError);
  EXPECT_EQ(h.transport->requests.size(), 1u);
}

TEST(ClientAuthTest, SignInLogsInOnceForEveryLaterCall) {
  ClientHarness h;
  h.transport->then(issued("iam-token-1"));
  h.transport->then(ok_instance());
  h.transport->then(ok_instance());
  auto client = h.make(password_config());
  client->sign_in(h.in(60s), CancelToken());
  client->get_instance("i1");
  client->get_instance("i1");
  EXPECT_EQ(h.transport->methods_and_paths(),
            (std::vector<std::string>{"POST /auth/tokens", "GET /v3/p1/instances", "GET /v3/p1/instances"}));
}

TEST(ClientAuthTest, IamLoginIsLoggedLikeEveryCallWithoutSecrets) {
  ClientHarness h;
  h.transport->then(issued("IAM-TOKEN-SECRET"));
  h.make(password_config())->sign_in(h.in(60s), CancelToken());
  const std::string text = h.all_logged_text();
  EXPECT_NE(
      text.find(
          "IAM login\nmethod=POST\nurl=http://127.0.0.1:8080/v3/auth/tokens\nuser_name=alice\nstatus=201"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("duration_ms="), std::string::npos) << text;
  EXPECT_EQ(text.find("PASSWORD-SECRET"), std::string::npos) << text;
  EXPECT_EQ(text.find("IAM-TOKEN-SECRET"), std::string::npos) << text;
}

TEST(ClientAuthTest, TransientLoginFailureIsRetried) {
  ClientHarness h;
  h.transport->then(json_response(503, ""));
  h.transport->then(issued("iam-token-1"));
  h.transport->then(ok_instance());
  EXPECT_TRUE(h.make(password_config())->get_instance("i1"));
  EXPECT_EQ(h.transport->requests.size(), 3u);
  EXPECT_EQ(h.clock->sleeps.size(), 1u);
}

TEST(ClientAuthTest, LoginAnswerWithoutSubjectTokenIsAFormatError) {
  ClientHarness h;
  h.transport->then(json_response(201, "{}"));
  EXPECT_THROW(h.make(password_config())->get_instance("i1"), ResponseFormatError);
}

TEST(ClientAuthTest, NoSecretReachesTheLogsInAnyMode) {
  for (auto config : {aksk_config(), password_config(), ClientHarness::token_config()}) {
    ClientHarness h;
    h.transport = std::make_shared<testing::FakeTransport>([](const HttpRequest& request) {
      return request.path == "/auth/tokens" ? issued("IAM-TOKEN-SECRET") : ok_instance();
    });
    h.transport->then(json_response(503, ""));
    auto client = h.make(config);
    client->get_instance("i1");
    auto text = h.all_logged_text();
    EXPECT_FALSE(text.empty());
    for (const char* secret : {"SK-VERY-SECRET", "SECURITY-TOKEN-SECRET", "PASSWORD-SECRET",
                               "IAM-TOKEN-SECRET", "static-token-secret", "Signature="})
      EXPECT_EQ(text.find(secret), std::string::npos) << secret << " leaked in:\n" << text;
  }
}

}  // namespace
}  // namespace rds::client
