// Error answers in both RDS body formats (and IAM's) become errors that name the call, the HTTP
// status, the API's code and message and the request id.
#include "client/error_body.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "client/errors.h"
#include "fakes.h"

namespace rds::client {
namespace {

using testing::json_response;

TEST(ClientErrorBodyTest, ReadsV3ErrorCodeAndMessage) {
  auto body =
      parse_error_body(R"({"error_code":"DBS.200019","error_msg":"Another operation is in progress."})");
  EXPECT_EQ(body.code, "DBS.200019");
  EXPECT_EQ(body.message, "Another operation is in progress.");
}

TEST(ClientErrorBodyTest, ReadsOldErrCodeAndExternalMessage) {
  auto body = parse_error_body(R"({"errCode":"DBS.280036","externalMessage":"Instance not ready."})");
  EXPECT_EQ(body.code, "DBS.280036");
  EXPECT_EQ(body.message, "Instance not ready.");
}

TEST(ClientErrorBodyTest, ReadsIamNestedError) {
  auto body = parse_error_body(
      R"({"error":{"code":401,"message":"The request you have made requires authentication.","title":"Unauthorized"}})");
  EXPECT_EQ(body.code, "401");
  EXPECT_EQ(body.message, "The request you have made requires authentication.");
}

TEST(ClientErrorBodyTest, NonJsonBodyBecomesShortenedMessageWithoutThrowing) {
  auto body = parse_error_body("<html>" + std::string(1000, 'x') + "</html>");
  EXPECT_EQ(body.code, "");
  EXPECT_TRUE(body.message.starts_with("<html>"));
  EXPECT_TRUE(body.message.ends_with("... (1013 bytes)")) << body.message;
  EXPECT_LE(body.message.size(), 200u + std::string("... (1013 bytes)").size());
  EXPECT_EQ(parse_error_body("").code, "");
  EXPECT_EQ(parse_error_body("[1,2]").code, "");
  EXPECT_EQ(parse_error_body(R"({"error_code":{"nested":1}})").code, "");
}

// What the API says reaches terminals and CI logs through the diagnostics.
TEST(ClientErrorBodyTest, ControlCharactersFromTheApiNeverReachTheMessage) {
  const std::string hostile = "\x1b]0;pwned\x07\x1b[2J\u009b31m";
  auto body = parse_error_body(
      nlohmann::json{{"error_code", "DBS.1\x1b[2J"}, {"error_msg", "bad" + hostile + "\nx"}}.dump());
  EXPECT_EQ(body.code, "DBS.1 [2J");
  EXPECT_EQ(body.message, "bad ]0;pwned  [2J 31m x");
  for (const std::string& text : {body.code, body.message})
    for (unsigned char c : text) EXPECT_TRUE(c >= 0x20 && c != 0x7f) << int(c);
  EXPECT_EQ(parse_error_body("\x1b[2J<html>").message, " [2J<html>");
}

TEST(ClientErrorBodyTest, HugeErrorFieldsAreCutSayingHowLongTheyWere) {
  const std::string eleven_megabytes(11 * 1024 * 1024, 'x');
  auto body = parse_error_body(
      nlohmann::json{{"error_code", eleven_megabytes}, {"error_msg", eleven_megabytes}}.dump());
  EXPECT_LE(body.code.size(), 64u + 24u);
  EXPECT_LE(body.message.size(), 512u + 24u);
  EXPECT_TRUE(body.message.ends_with("... (11534336 bytes)")) << body.message.substr(500);
}

TEST(ClientErrorBodyTest, ACutNeverSplitsAUtf8Character) {
  auto body = parse_error_body(nlohmann::json{{"error_msg", std::string(511, 'x') + "\u00e9\u00e9"}}.dump());
  EXPECT_EQ(body.message, std::string(511, 'x') + "... (515 bytes)");
}

TEST(ClientErrorBodyTest, TheRequestIdIsPrintableAndBounded) {
  HttpResponse response;
  response.headers["x-request-id"] = "r-1\x1b[2J" + std::string(1000, 'a');
  const std::string id = response.request_id();
  EXPECT_TRUE(id.starts_with("r-1 [2J")) << id;
  EXPECT_LE(id.size(), 128u + 24u);
}

TEST(ClientErrorBodyTest, BusyCodesAreRetryableOnlyWithTheDocumentedStatuses) {
  EXPECT_TRUE(is_busy_error(409, "DBS.200019"));
  EXPECT_TRUE(is_busy_error(400, "DBS.201202"));
  EXPECT_TRUE(is_busy_error(403, "DBS.212006"));
  EXPECT_TRUE(is_busy_error(500, "DBS.280036"));
  EXPECT_FALSE(is_busy_error(500, "DBS.200019"));
  EXPECT_FALSE(is_busy_error(400, "DBS.200001"));
  EXPECT_FALSE(is_busy_error(500, ""));
}

TEST(ClientErrorBodyTest, NotFoundIs404OrADocumentedNotFoundCode) {
  EXPECT_TRUE(is_not_found_error(404, ""));
  EXPECT_TRUE(is_not_found_error(400, "DBS.200045"));
  EXPECT_FALSE(is_not_found_error(400, "DBS.200001"));
}

TEST(ClientErrorBodyTest, TransientStatusesAre429And500And502To504) {
  for (int status : {429, 500, 502, 503, 504}) EXPECT_TRUE(is_transient_status(status)) << status;
  for (int status : {400, 401, 403, 404, 409, 501, 505}) EXPECT_FALSE(is_transient_status(status)) << status;
}

TEST(ClientErrorBodyTest, ApiErrorMessageNamesOperationStatusCodeMessageAndRequestId) {
  auto response = json_response(400, R"({"error_code":"DBS.200001","error_msg":"Invalid parameter."})",
                                {{"x-request-id", "req-123"}});
  try {
    throw_api_error("enable SSL on instance i1 (PUT /v3/p/instances/i1/ssl)", response);
    FAIL() << "no exception";
  } catch (const ApiError& error) {
    EXPECT_EQ(error.http_status(), 400);
    EXPECT_EQ(error.error_code(), "DBS.200001");
    EXPECT_EQ(error.error_msg(), "Invalid parameter.");
    EXPECT_EQ(error.request_id(), "req-123");
    EXPECT_STREQ(error.what(),
                 "enable SSL on instance i1 (PUT /v3/p/instances/i1/ssl) failed with HTTP 400: DBS.200001: "
                 "Invalid parameter. (request id req-123).");
  }
}

TEST(ClientErrorBodyTest, RequestIdFallsBackToOpenstackHeader) {
  auto response = json_response(500, "{}", {{"x-openstack-request-id", "os-req-9"}});
  EXPECT_EQ(response.request_id(), "os-req-9");
  response.headers["x-request-id"] = "req-1";
  EXPECT_EQ(response.request_id(), "req-1");
}

TEST(ClientErrorBodyTest, NotFoundCodesBecomeNotFoundErrorWhenAResourceIsNamed) {
  auto response =
      json_response(404, R"({"errCode":"DBS.200002","externalMessage":"The DB instance does not exist."})");
  EXPECT_THROW(throw_api_error("get job j1", response, "job j1"), NotFoundError);
  try {
    throw_api_error("get job j1", response, "job j1");
  } catch (const NotFoundError& error) {
    EXPECT_EQ(error.resource(), "job j1");
    EXPECT_NE(std::string(error.what()).find("The DB instance does not exist."), std::string::npos);
  }
}

}  // namespace
}  // namespace rds::client
