// download_ssl_ca_bundle with a scripted transport: which links are followed, that no credentials leave,
// the redirects it follows and refuses, the retries it shares with API calls, and the size cap it gives
// the transport.
#include <gtest/gtest.h>

#include "client_harness.h"
#include "sim/zip_writer.h"
#include "tests/support/test_certificate.h"

namespace rds::client {
namespace {

using namespace std::chrono_literals;
using testing::ClientHarness;
using testing::json_response;

const std::string kLink = "https://obs.example.test/bundles/ca.zip?AccessKeyId=AK&Signature=s%2Fig";

HttpResponse bundle_answer() {
  return json_response(
      200,
      rds::sim::write_zip({rds::sim::deflated_file("ca-bundle.pem", rds::testing::kTestCaCertificatePem)}));
}

template <class Error>
std::string error_of(ClientHarness& h, const std::string& link,
                     ClientConfig config = ClientHarness::token_config()) {
  try {
    h.make(std::move(config))->download_ssl_ca_bundle(link, h.in(1min), CancelToken());
  } catch (const Error& error) {
    return error.what();
  }
  return "(no error of the expected type)";
}

TEST(ClientCaBundleDownload, DownloadsTheLinkAsIsWithoutCredentialsAndWithASizeCap) {
  ClientHarness h;
  h.transport->then(bundle_answer());
  const SslCaBundle bundle = h.make()->download_ssl_ca_bundle(kLink, h.in(1min), CancelToken());
  ASSERT_EQ(bundle.certificates.size(), 1u);
  EXPECT_EQ(bundle.certificates[0].pem, rds::testing::kTestCaCertificatePem);
  EXPECT_FALSE(bundle.plain_http);
  ASSERT_EQ(h.transport->requests.size(), 1u);
  const HttpRequest& sent = h.transport->requests[0];
  EXPECT_EQ(sent.url(), kLink);  // the presigned query is not re-encoded
  EXPECT_EQ(sent.max_body_bytes, kMaxCaBundleDownloadBytes);
  for (const auto& [name, value] : sent.headers) {
    EXPECT_NE(name, "X-Auth-Token");
    EXPECT_EQ(value.find("static-token-secret"), std::string::npos) << name;
  }
}

TEST(ClientCaBundleDownload, RetriesTransientAnswersLikeAnApiCall) {
  ClientHarness h;
  h.transport->then(json_response(503, "busy"));
  h.transport->then(bundle_answer());
  EXPECT_EQ(h.make()->download_ssl_ca_bundle(kLink, h.in(1min), CancelToken()).certificates.size(), 1u);
  EXPECT_EQ(h.transport->requests.size(), 2u);
  EXPECT_EQ(h.clock->sleeps.size(), 1u);
}

TEST(ClientCaBundleDownload, RefusesHttpLinksWhenTheEndpointIsHttps) {
  ClientHarness h;
  EXPECT_EQ(error_of<UnsafeLinkError>(h, "http://obs.example.test/ca.zip?Signature=x"),
            "The certificate link http://obs.example.test/ca.zip is http://, but the RDS endpoint is "
            "https://, so only an https:// download is followed.");
  EXPECT_TRUE(h.transport->requests.empty());
}

TEST(ClientCaBundleDownload, FollowsHttpLinksWhenTheEndpointIsHttp) {
  ClientHarness h;
  h.transport->then(bundle_answer());
  ClientConfig config = ClientHarness::token_config();
  config.endpoint = "http://rds.example.test";
  const auto bundle =
      h.make(config)->download_ssl_ca_bundle("http://10.0.0.9/ca.zip", h.in(1min), CancelToken());
  EXPECT_TRUE(bundle.plain_http);
  EXPECT_FALSE(bundle.loopback);
}

TEST(ClientCaBundleDownload, FollowsARedirectOnTheSameScheme) {
  ClientHarness h;
  h.transport->then(json_response(302, "", {{"location", "/moved/ca.zip"}}));
  h.transport->then(bundle_answer());
  EXPECT_EQ(h.make()->download_ssl_ca_bundle(kLink, h.in(1min), CancelToken()).certificates.size(), 1u);
  ASSERT_EQ(h.transport->requests.size(), 2u);
  EXPECT_EQ(h.transport->requests[1].url(), "https://obs.example.test/moved/ca.zip");
}

TEST(ClientCaBundleDownload, RefusesARedirectToAnotherScheme) {
  ClientHarness h;
  h.transport->then(json_response(301, "", {{"location", "http://evil.example.test/ca.zip"}}));
  EXPECT_EQ(
      error_of<UnsafeLinkError>(h, kLink),
      "The redirect from https://obs.example.test/bundles/ca.zip to http://evil.example.test/ca.zip is "
      "http://, but the download started over https://, and a redirect to another scheme is not followed.");
  h.transport->then(json_response(301, "", {{"location", "file:///etc/passwd"}}));
  EXPECT_EQ(error_of<UnsafeLinkError>(h, kLink),
            "The redirect from https://obs.example.test/bundles/ca.zip to \"file:///etc/passwd\" is not an "
            "http:// or https:// URL.");
}

TEST(ClientCaBundleDownload, StopsAfterThreeRedirects) {
  ClientHarness h;
  for (int i = 0; i < 4; ++i) h.transport->then(json_response(302, "", {{"location", "/again"}}));
  EXPECT_EQ(error_of<UnsafeLinkError>(h, kLink),
            "download the SSL CA bundle (GET https://obs.example.test/again) redirected more than 3 times; "
            "the provider stops there.");
  EXPECT_EQ(h.transport->requests.size(), 4u);
}

TEST(ClientCaBundleDownload, AnErrorStatusIsAnApiErrorNamingTheLinkWithoutItsQuery) {
  ClientHarness h;
  h.transport->then(json_response(403, "<Error><Code>AccessDenied</Code></Error>"));
  const std::string message = error_of<ApiError>(h, kLink);
  EXPECT_NE(message.find("GET https://obs.example.test/bundles/ca.zip"), std::string::npos) << message;
  EXPECT_NE(message.find("403"), std::string::npos) << message;
  EXPECT_EQ(message.find("Signature"), std::string::npos) << message;
}

TEST(ClientCaBundleDownload, AZipWithoutCertificatesNamesTheLinkAndItsFiles) {
  ClientHarness h;
  h.transport->then(json_response(200, rds::sim::write_zip({rds::sim::stored_file("README.txt", "hi")})));
  EXPECT_EQ(error_of<CaBundleError>(h, kLink),
            "The CA bundle downloaded from https://obs.example.test/bundles/ca.zip cannot be used: the zip "
            "holds no PEM certificate in a .pem, .crt or .cer file; it contains: README.txt.");
}

}  // namespace
}  // namespace rds::client
