// get_ssl_cert_links: GET .../instances/{id}/ssl-cert/download-link, and the difference between "this
// cloud or engine does not offer it" (NotOfferedError) and "the instance is gone" (NotFoundError).
#include <gtest/gtest.h>

#include "client_harness.h"

namespace rds::client {
namespace {

using namespace std::chrono_literals;
using testing::ClientHarness;
using testing::json_response;

TEST(ClientSslCertLinks, ReturnsTheLinksInTheApisOrder) {
  ClientHarness h;
  h.transport->then(json_response(200, R"({"cert_info_list":[
      {"category":"international","download_link":"https://a/Certificate_Download.zip"},
      {"category":"national","download_link":"https://b/Certificate_Download.zip"}]})"));
  const auto links = h.make()->get_ssl_cert_links("i1", h.in(1min), CancelToken());
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(links[0].category, "international");
  EXPECT_EQ(links[0].download_link, "https://a/Certificate_Download.zip");
  EXPECT_EQ(links[1].category, "national");
  ASSERT_EQ(h.transport->requests.size(), 1u);
  EXPECT_EQ(h.transport->requests[0].method, "GET");
  EXPECT_EQ(h.transport->requests[0].path, "/v3/p1/instances/i1/ssl-cert/download-link");
}

TEST(ClientSslCertLinks, AGateway404MeansTheCloudDoesNotOfferIt) {
  ClientHarness h;
  h.transport->then(json_response(
      404, R"({"error_code":"APIGW.0101","error_msg":"The API does not exist or has not been published"})",
      {{"x-request-id", "req-7"}}));
  try {
    h.make()->get_ssl_cert_links("i1", h.in(1min), CancelToken());
    FAIL() << "expected NotOfferedError";
  } catch (const NotOfferedError& error) {
    EXPECT_EQ(error.http_status(), 404);
    EXPECT_EQ(error.error_code(), "APIGW.0101");
    EXPECT_EQ(error.request_id(), "req-7");
    EXPECT_NE(std::string(error.what()).find("does not offer SSL certificate download links"),
              std::string::npos)
        << error.what();
  }
}

TEST(ClientSslCertLinks, ADbsRefusalMeansTheEngineDoesNotOfferIt) {
  ClientHarness h;
  h.transport->then(json_response(400, R"({"error_code":"DBS.200022","error_msg":"only MySQL"})"));
  EXPECT_THROW(h.make()->get_ssl_cert_links("pg1", h.in(1min), CancelToken()), NotOfferedError);
}

TEST(ClientSslCertLinks, AnInstanceNotFoundCodeMeansTheInstanceIsGone) {
  ClientHarness h;
  h.transport->then(json_response(404, R"({"error_code":"DBS.200002","error_msg":"no such instance"})"));
  try {
    h.make()->get_ssl_cert_links("gone", h.in(1min), CancelToken());
    FAIL() << "expected NotFoundError";
  } catch (const NotOfferedError& error) {
    FAIL() << "a missing instance is not a missing feature: " << error.what();
  } catch (const NotFoundError& error) {
    EXPECT_EQ(error.resource(), "instance gone");
  }
}

TEST(ClientSslCertLinks, OtherRefusalsStayPlainApiErrors) {
  ClientHarness h;
  h.transport->then(json_response(403, R"({"error_code":"DBS.200900","error_msg":"no permission"})"));
  try {
    h.make()->get_ssl_cert_links("i1", h.in(1min), CancelToken());
    FAIL() << "expected ApiError";
  } catch (const NotOfferedError&) {
    FAIL() << "a permission error must not read as a missing feature";
  } catch (const ApiError& error) {
    EXPECT_EQ(error.http_status(), 403);
  }
}

TEST(ClientSslCertLinks, TransientFailuresAreRetriedLikeEveryRead) {
  ClientHarness h;
  h.transport->then(json_response(503, ""));
  h.transport->then(json_response(200, R"({"cert_info_list":[]})"));
  EXPECT_TRUE(h.make()->get_ssl_cert_links("i1", h.in(1min), CancelToken()).empty());
  EXPECT_EQ(h.transport->requests.size(), 2u);
}

TEST(ClientSslCertLinks, IdsThatWouldChangeTheUrlAreRefusedBeforeAnyCall) {
  ClientHarness h;
  EXPECT_THROW(h.make()->get_ssl_cert_links("a/b", h.in(1min), CancelToken()), Error);
  EXPECT_TRUE(h.transport->requests.empty());
}

}  // namespace
}  // namespace rds::client
