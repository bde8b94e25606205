// The sim's SDK-HMAC-SHA256 verification parts, and the tests' own signer, against the published vectors.
#include "sim/aksk_verifier.h"

#include <gtest/gtest.h>

#include "tests/sim/test_signer.h"

namespace rds::sim {
namespace {

constexpr const char* kDate = "20060102T150405Z";

aksk::CanonicalInput vector_request(std::string method, httplib::Params params, std::string body) {
  aksk::CanonicalInput in;
  in.method = std::move(method);
  in.path = "/path";
  in.params = std::move(params);
  in.headers = {
      {"X-Sdk-Date", kDate}, {"TEST_UNDERSCORE", "TEST_VALUE"}, {"Host", "example.huaweicloud.com"}};
  if (in.method == "POST") in.headers.emplace("Content-Type", "application/json");
  in.body = std::move(body);
  return in;
}

std::string sim_signature(const aksk::CanonicalInput& in) {
  auto canonical = aksk::canonical_request(in, {"x-sdk-date"});
  EXPECT_TRUE(canonical.has_value());
  return aksk::signature(canonical.value_or(""), kDate, "SecretKey");
}

TEST(AkskVerifier, ReproducesThePublishedGetVector) {
  EXPECT_EQ(sim_signature(vector_request("GET", {{"limit", "1"}}, "")),
            "5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624");
}

TEST(AkskVerifier, ReproducesThePublishedPostVectorWithTrailingNewline) {
  EXPECT_EQ(sim_signature(vector_request("POST", {{"key", "value"}}, "{\"Name\":\"test\",\"Id\":1}\n")),
            "cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59");
}

TEST(AkskVerifier, ReproducesThePublishedPostVectorWithoutTrailingNewline) {
  EXPECT_EQ(sim_signature(vector_request("POST", {{"key", "value"}}, "{\"Name\":\"test\",\"Id\":1}")),
            "83599e5230b5b31fb58837c5760b4c2d407542df1f9493834ead538696e17a35");
}

TEST(AkskVerifier, CanonicalQueryMatchesThePublishedExample) {
  httplib::Params params = {{"limit", "1"},       {"enable", "true"}, {"test", "\xE4\xB8\x80 (&=?!#%.*)"},
                            {"path", "/tmp/123"}, {"multi", "3"},     {"multi", "1"},
                            {"multi", "2"}};
  EXPECT_EQ(aksk::canonical_query(params),
            "enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123&test=%E4%B8%80%20%28%26%3D%3F%21%"
            "23%25.%2A%29");
}

TEST(AkskVerifier, CanonicalUriEncodesSegmentsAndAddsTrailingSlash) {
  EXPECT_EQ(aksk::canonical_uri("/v3/p/instances"), "/v3/p/instances/");
  EXPECT_EQ(aksk::canonical_uri("/v3/a b/x:y/"), "/v3/a%20b/x%3Ay/");
  EXPECT_EQ(aksk::canonical_uri(""), "/");
}

TEST(AkskVerifier, CanonicalHeadersTrimValuesAndFailOnAMissingSignedHeader) {
  httplib::Headers headers = {{"Host", " example.com "}, {"X-Sdk-Date", kDate}};
  EXPECT_EQ(aksk::canonical_headers(headers, {"host", "x-sdk-date"}),
            std::string("host:example.com\nx-sdk-date:") + kDate + "\n");
  EXPECT_FALSE(aksk::canonical_headers(headers, {"host", "x-project-id"}).has_value());
}

TEST(AkskVerifier, UnsignedPayloadHeaderReplacesTheBodyHash) {
  auto in = vector_request("POST", {}, "{}");
  auto hashed = aksk::canonical_request(in, {"x-sdk-date"});
  in.headers.emplace("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD");
  auto unsigned_payload = aksk::canonical_request(in, {"x-sdk-date"});
  ASSERT_TRUE(hashed && unsigned_payload);
  EXPECT_EQ(hashed->substr(hashed->rfind('\n') + 1), aksk::sha256_hex("{}"));
  EXPECT_EQ(unsigned_payload->substr(unsigned_payload->rfind('\n') + 1), "UNSIGNED-PAYLOAD");
}

TEST(AkskVerifier, ParsesTheAuthorizationHeader) {
  auto auth =
      aksk::parse_authorization("SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=ABCD");
  ASSERT_TRUE(auth.has_value());
  EXPECT_EQ(auth->access_key, "AK");
  EXPECT_EQ(auth->signed_headers, (std::vector<std::string>{"host", "x-sdk-date"}));
  EXPECT_EQ(auth->signature, "abcd");
}

TEST(AkskVerifier, RejectsMalformedAuthorizationHeaders) {
  EXPECT_FALSE(aksk::parse_authorization("Bearer x").has_value());
  EXPECT_FALSE(aksk::parse_authorization("SDK-HMAC-SHA256 Access=AK, Signature=ab").has_value());
  EXPECT_FALSE(
      aksk::parse_authorization("SDK-HMAC-SHA256 Access=AK SignedHeaders=host Signature=ab").has_value());
  EXPECT_FALSE(aksk::parse_authorization("SDK-HMAC-SHA256").has_value());
}

TEST(AkskVerifier, ParsesSdkDatesAndRejectsOtherFormats) {
  EXPECT_EQ(aksk::parse_sdk_date(kDate), 1136214245);
  EXPECT_FALSE(aksk::parse_sdk_date("2006-01-02T15:04:05Z").has_value());
  EXPECT_FALSE(aksk::parse_sdk_date("20061302T150405Z").has_value());
  EXPECT_FALSE(aksk::parse_sdk_date("").has_value());
}

// The tests' own signer must agree with the published vectors before it is trusted to test the sim.
TEST(TestSigner, ReproducesThePublishedVectors) {
  testing::SigningRequest get{
      "GET",          "/path", {{"limit", "1"}}, {{"X-Sdk-Date", kDate}, {"TEST_UNDERSCORE", "TEST_VALUE"}},
      {"x-sdk-date"}, ""};
  EXPECT_EQ(testing::sign(get, kDate, "SecretKey"),
            "5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624");
  testing::SigningRequest post{"POST",
                               "/path",
                               {{"key", "value"}},
                               {{"X-Sdk-Date", kDate}, {"Content-Type", "application/json"}},
                               {"x-sdk-date"},
                               "{\"Name\":\"test\",\"Id\":1}\n"};
  EXPECT_EQ(testing::sign(post, kDate, "SecretKey"),
            "cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59");
}

}  // namespace
}  // namespace rds::sim
