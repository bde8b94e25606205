// SDK-HMAC-SHA256 signing, pinned byte for byte to the vectors published with the Huawei Cloud SDK
// (reproduced in docs/API-NOTES.md).
#include "client/signer.h"

#include <gtest/gtest.h>

#include "client/http.h"
#include "fakes.h"
#include "independent_signature.h"

namespace rds::client::signer {
namespace {

// In the published vectors only x-sdk-date is signed; TEST_UNDERSCORE (underscore) and Content-Type
// are present but excluded by the algorithm.
HeaderList vector_headers(bool with_content_type) {
  HeaderList headers{{"X-Sdk-Date", "20060102T150405Z"}, {"TEST_UNDERSCORE", "TEST_VALUE"}};
  if (with_content_type) headers.emplace_back("Content-Type", "application/json");
  return headers;
}

std::string signature_of(const std::string& authorization_value) {
  auto at = authorization_value.find("Signature=");
  return authorization_value.substr(at + 10);
}

TEST(ClientSignerTest, PublishedGetVectorMatchesByteForByte) {
  auto value =
      authorization("AccessKey", "SecretKey", "GET", "/path", {{"limit", "1"}}, vector_headers(false), "");
  EXPECT_EQ(value,
            "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, "
            "Signature=5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624");
}

TEST(ClientSignerTest, PublishedPostVectorWithTrailingNewlineMatches) {
  auto value = authorization("AccessKey", "SecretKey", "POST", "/path", {{"key", "value"}},
                             vector_headers(true), "{\"Name\":\"test\",\"Id\":1}\n");
  EXPECT_EQ(signature_of(value), "cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59");
}

TEST(ClientSignerTest, PublishedPostVectorWithoutTrailingNewlineMatches) {
  auto value = authorization("AccessKey", "SecretKey", "POST", "/path", {{"key", "value"}},
                             vector_headers(true), "{\"Name\":\"test\",\"Id\":1}");
  EXPECT_EQ(signature_of(value), "83599e5230b5b31fb58837c5760b4c2d407542df1f9493834ead538696e17a35");
}

TEST(ClientSignerTest, CanonicalQueryMatchesPublishedExample) {
  QueryParams params{{"limit", "1"},       {"enable", "true"}, {"test", "\xE4\xB8\x80 (&=?!#%.*)"},
                     {"path", "/tmp/123"}, {"multi", "3"},     {"multi", "1"},
                     {"multi", "2"}};
  EXPECT_EQ(
      canonical_query(params),
      "enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123&test=%E4%B8%80%20%28%26%3D%3F%21%23%25."
      "%2A%29");
}

TEST(ClientSignerTest, CanonicalUriEscapesSegmentsAndAddsTrailingSlash) {
  EXPECT_EQ(canonical_uri("/v3/p1/instances"), "/v3/p1/instances/");
  EXPECT_EQ(canonical_uri("/v3/p1/instances/a b/ssl"), "/v3/p1/instances/a%20b/ssl/");
  EXPECT_EQ(canonical_uri("/already/"), "/already/");
  EXPECT_EQ(canonical_uri(""), "/");
  EXPECT_EQ(canonical_uri("/x~y_z.-"), "/x~y_z.-/");
}

TEST(ClientSignerTest, CanonicalHeadersAreLowerCasedTrimmedSortedAndSkipContentTypeAndUnderscores) {
  HeaderList headers{{"X-Sdk-Date", " 20060102T150405Z "},
                     {"Host", "rds.example.com:8443"},
                     {"Content-Type", "application/json"},
                     {"X-Project-Id", "p1"},
                     {"SOME_THING", "x"}};
  auto names = signed_header_names(headers);
  EXPECT_EQ(names, (std::vector<std::string>{"host", "x-project-id", "x-sdk-date"}));
  EXPECT_EQ(canonical_headers(headers, names),
            "host:rds.example.com:8443\nx-project-id:p1\nx-sdk-date:20060102T150405Z\n");
}

TEST(ClientSignerTest, CanonicalRequestHasEmptyLineBeforeSignedHeaders) {
  auto request = canonical_request("GET", "/path", {{"limit", "1"}}, vector_headers(false), "");
  EXPECT_EQ(request,
            "GET\n/path/\nlimit=1\nx-sdk-date:20060102T150405Z\n\nx-sdk-date\n"
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(ClientSignerTest, SdkDateIsUtcCompactIso8601) {
  auto when = std::chrono::sys_days(std::chrono::year(2006) / 1 / 2) + std::chrono::hours(15) +
              std::chrono::minutes(4) + std::chrono::seconds(5);
  EXPECT_EQ(sdk_date(std::chrono::system_clock::time_point(when)), "20060102T150405Z");
}

TEST(ClientSignerTest, SignRequestSignsHostDateProjectAndSecurityToken) {
  HttpRequest request;
  request.method = "GET";
  request.base_url = "http://127.0.0.1:8080";
  request.path = "/v3/p1/instances";
  request.query = {{"id", "i1"}};
  Credentials credentials{"AK", "SK", "temporary-token", "p1"};
  auto now = std::chrono::system_clock::time_point(std::chrono::sys_days(std::chrono::year(2026) / 11 / 28));
  sign_request(request, credentials, now);
  sign_request(request, credentials, now);  // re-signing a retried request must not sign the old header

  std::string authorization_value;
  int authorization_count = 0;
  for (const auto& [name, value] : request.headers)
    if (name == "Authorization") {
      authorization_value = value;
      ++authorization_count;
    }
  EXPECT_EQ(authorization_count, 1);
  EXPECT_EQ(testing::header_of(request, "Host"), "127.0.0.1:8080");
  EXPECT_EQ(testing::header_of(request, "X-Sdk-Date"), "20261128T000000Z");
  EXPECT_EQ(testing::header_of(request, "X-Project-Id"), "p1");
  EXPECT_EQ(testing::header_of(request, "X-Security-Token"), "temporary-token");
  EXPECT_EQ(authorization_value,
            testing::independent_authorization(
                request, {"host", "x-project-id", "x-sdk-date", "x-security-token"}, "AK", "SK"));
}

// Repeated keys (values sorted), UTF-8 and reserved characters in keys and values, a body: the parts of
// the canonical request that the published vectors cover least, against the independent reference.
TEST(ClientSignerTest, SignRequestMatchesAnIndependentSignerForRepeatedKeysUtf8AndABody) {
  HttpRequest request;
  request.method = "PUT";
  request.base_url = "https://rds.example.test:8443";
  request.path = "/v3/p1/instances/\xC3\xA4 b/ssl";
  request.query = {{"multi", "3"},
                   {"name", "\xE6\x95\xB0\xE6\x8D\xAE (&=?!#%.*+)"},
                   {"multi", "1"},
                   {"k\xC3\xBC", "/tmp/x"},
                   {"multi", "2"}};
  request.body = R"({"ssl_option":true})";
  request.headers = {{"Content-Type", "application/json"}};
  auto now = std::chrono::system_clock::time_point(std::chrono::sys_days(std::chrono::year(2026) / 11 / 28));
  sign_request(request, Credentials{"AK", "SK", "", "p1"}, now);
  EXPECT_EQ(testing::header_of(request, "Authorization"),
            testing::independent_authorization(request, {"host", "x-project-id", "x-sdk-date"}, "AK", "SK"));
}

}  // namespace
}  // namespace rds::client::signer
