// The sim's Authenticator and TokenStore with an injected wall clock: exact 15-minute boundary,
// token expiry, and which credential kinds are accepted, without HTTP or real time.
#include "sim/authenticator.h"

#include <gtest/gtest.h>

#include "sim/aksk_verifier.h"
#include "tests/sim/test_signer.h"

namespace rds::sim {
namespace {

constexpr const char* kDate = "20261128T000000Z";

class AuthenticatorTest : public ::testing::Test {
 protected:
  AuthenticatorTest()
      : signed_at_(std::chrono::system_clock::from_time_t(*aksk::parse_sdk_date(kDate))),
        now_(signed_at_),
        auth_(Credentials{}, tokens_, Clocks{[] { return MonoClock::now(); }, [this] { return now_; }}) {}

  // A GET signed at kDate with the default credentials.
  httplib::Request signed_request(const std::string& secret_key = "sim-sk") {
    testing::SigningRequest sreq{"GET",
                                 "/v3/sim-project/instances",
                                 {{"id", "db1"}},
                                 {{"Host", "127.0.0.1:1234"}, {"X-Sdk-Date", kDate}},
                                 {"host", "x-sdk-date"},
                                 ""};
    httplib::Request req;
    req.method = "GET";
    req.path = sreq.path;
    req.params = {{"id", "db1"}};
    req.headers = {{"Host", "127.0.0.1:1234"}, {"X-Sdk-Date", kDate}};
    req.headers.emplace("Authorization", testing::authorization(sreq, kDate, "sim-ak", secret_key));
    return req;
  }

  httplib::Request with_token(const std::string& token) {
    httplib::Request req;
    req.method = "GET";
    req.path = "/v3/sim-project/instances";
    req.headers = {{"X-Auth-Token", token}};
    return req;
  }

  WallTime signed_at_;
  WallTime now_;
  TokenStore tokens_;
  Authenticator auth_;
};

TEST_F(AuthenticatorTest, SignatureIsAcceptedUpToFifteenMinutesEitherWay) {
  auto req = signed_request();
  now_ = signed_at_ + std::chrono::minutes(15);
  EXPECT_FALSE(auth_.check(req).has_value());
  now_ = signed_at_ - std::chrono::minutes(15);
  EXPECT_FALSE(auth_.check(req).has_value());
}

TEST_F(AuthenticatorTest, SignatureOlderThanFifteenMinutesIsRefused) {
  auto req = signed_request();
  now_ = signed_at_ + std::chrono::minutes(15) + std::chrono::seconds(1);
  auto failure = auth_.check(req);
  ASSERT_TRUE(failure.has_value());
  EXPECT_EQ(failure->status, 401);
  EXPECT_NE(failure->error_msg.find("X-Sdk-Date"), std::string::npos);
}

TEST_F(AuthenticatorTest, WrongSecretIsRefused) {
  auto failure = auth_.check(signed_request("other-sk"));
  ASSERT_TRUE(failure.has_value());
  EXPECT_NE(failure->error_msg.find("signature"), std::string::npos);
}

TEST_F(AuthenticatorTest, ChangedQueryAfterSigningIsRefused) {
  auto req = signed_request();
  req.params = {{"id", "db2"}};
  EXPECT_TRUE(auth_.check(req).has_value());
}

TEST_F(AuthenticatorTest, MissingSignedHeaderIsRefused) {
  auto req = signed_request();
  req.headers.erase("Host");
  auto failure = auth_.check(req);
  ASSERT_TRUE(failure.has_value());
  EXPECT_NE(failure->error_msg.find("SignedHeaders"), std::string::npos);
}

TEST_F(AuthenticatorTest, IssuedTokenIsValidUntilItExpires) {
  const std::string token = tokens_.issue(now_ + std::chrono::hours(24));
  EXPECT_FALSE(auth_.check(with_token(token)).has_value());
  now_ += std::chrono::hours(24);
  EXPECT_TRUE(auth_.check(with_token(token)).has_value());
}

TEST_F(AuthenticatorTest, StaticTokenIsAlwaysValidAndEmptyTokenNever) {
  now_ += std::chrono::hours(24 * 365);
  EXPECT_FALSE(auth_.check(with_token("sim-token")).has_value());
  EXPECT_TRUE(auth_.check(with_token("")).has_value());
}

TEST_F(AuthenticatorTest, RequestWithoutCredentialsIsRefused) {
  httplib::Request req;
  req.method = "GET";
  req.path = "/v3/sim-project/instances";
  auto failure = auth_.check(req);
  ASSERT_TRUE(failure.has_value());
  EXPECT_EQ(failure->status, 401);
  EXPECT_EQ(presented_auth(req), AuthMethod::none);
}

TEST(TokenStore, RevokeAllInvalidatesEveryIssuedToken) {
  TokenStore store;
  const auto now = std::chrono::system_clock::now();
  auto a = store.issue(now + std::chrono::hours(1));
  auto b = store.issue(now + std::chrono::hours(1));
  EXPECT_NE(a, b);
  EXPECT_TRUE(store.valid(a, now));
  store.revoke_all();
  EXPECT_FALSE(store.valid(a, now));
  EXPECT_FALSE(store.valid(b, now));
}

}  // namespace
}  // namespace rds::sim
