// set_ssl and get_instance: request shape, answers with and without job_id, engine check, busy
// retries until the deadline, not-found and malformed answers.
#include <gtest/gtest.h>

#include "client_harness.h"

namespace rds::client {
namespace {

using namespace std::chrono_literals;
using testing::ClientHarness;
using testing::instance_json;
using testing::json_response;

HttpResponse mysql(const std::string& status = "ACTIVE", const std::string& ssl = "false") {
  return json_response(200, instance_json("i1", status, "MySQL", ssl));
}
HttpResponse busy() {
  return json_response(409, R"({"error_code":"DBS.200019","error_msg":"Another operation is in progress."})");
}

TEST(ClientGetInstanceTest, QueriesTheInstanceListByIdAndReadsAllFields) {
  ClientHarness h;
  h.transport->then(json_response(200, instance_json("i1", "ACTIVE", "MySQL", "true")));
  auto instance = h.make()->get_instance("i1");
  ASSERT_TRUE(instance);
  EXPECT_EQ(instance->id, "i1");
  EXPECT_EQ(instance->name, "db-i1");
  EXPECT_EQ(instance->status, "ACTIVE");
  EXPECT_EQ(instance->engine, "MySQL");
  EXPECT_EQ(instance->engine_version, "8.0");
  EXPECT_EQ(instance->enable_ssl, true);
  const auto& request = h.transport->requests.at(0);
  EXPECT_EQ(request.method, "GET");
  EXPECT_EQ(request.url(), "https://rds.example.test/v3/p1/instances?id=i1");
  EXPECT_EQ(testing::header_of(request, "X-Auth-Token"), "static-token-secret");
}

TEST(ClientGetInstanceTest, IdsThatWouldChangeTheUrlAreRefusedBeforeAnyRequest) {
  ClientHarness h;
  auto client = h.make();
  for (std::string id : std::vector<std::string>{"", "a/b", "a b", "a?x=1", "a#b", "a%2F", "a\nb"})
    EXPECT_THROW(client->get_instance(id), Error) << id;
  EXPECT_THROW(testing::set_ssl(*client, "../x", true, h.in(1s), CancelToken()), Error);
  EXPECT_THROW(client->get_job("j/1"), Error);
  EXPECT_TRUE(h.transport->requests.empty());
}

TEST(ClientGetInstanceTest, EmptyListMeansTheInstanceIsGone) {
  ClientHarness h;
  h.transport->then(json_response(200, R"({"instances":[],"total_count":0})"));
  EXPECT_FALSE(h.make()->get_instance("i1").has_value());
}

TEST(ClientGetInstanceTest, ListWithOnlyOtherInstancesMeansGone) {
  ClientHarness h;
  h.transport->then(json_response(200, instance_json("other", "ACTIVE", "MySQL", "true")));
  EXPECT_FALSE(h.make()->get_instance("i1").has_value());
}

TEST(ClientGetInstanceTest, MissingEnableSslStaysUnknown) {
  ClientHarness h;
  h.transport->then(json_response(200, instance_json("i1", "ACTIVE", "MySQL", "")));
  auto instance = h.make()->get_instance("i1");
  ASSERT_TRUE(instance);
  EXPECT_FALSE(instance->enable_ssl.has_value());
}

TEST(ClientGetInstanceTest, MalformedAnswersAreErrorsWithContext) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"{\"instances\": [", "not valid JSON"},
      {"[]", "expected a JSON object"},
      {"{\"total_count\":0}", "no \"instances\" list"},
      {R"({"instances":[{"id":"i1","status":"ACTIVE","enable_ssl":"yes"}]})", "enable_ssl is string"},
      {R"({"instances":[{"id":"i1"}]})", "has no \"status\""},
      {R"({"instances":[{"id":7,"status":"ACTIVE"}]})", "instance.id is number"},
      {R"({"instances":[42]})", "not an object"},
  };
  for (const auto& [body, expected] : cases) {
    ClientHarness h;
    h.transport->then(json_response(200, body, {{"x-request-id", "rid-1"}}));
    try {
      h.make()->get_instance("i1");
      ADD_FAILURE() << "no exception for " << body;
    } catch (const ResponseFormatError& error) {
      std::string what = error.what();
      EXPECT_NE(what.find(expected), std::string::npos) << what;
      EXPECT_NE(what.find("get instance i1"), std::string::npos) << what;
      EXPECT_NE(what.find("rid-1"), std::string::npos) << what;
    }
  }
}

TEST(ClientSetSslTest, SendsSslOptionAndReturnsNoJobForAnEmptyObject) {
  ClientHarness h;
  h.transport->then(mysql());
  h.transport->then(json_response(200, "{}"));
  auto change = testing::set_ssl(*h.make(), "i1", true, h.in(60s), CancelToken());
  EXPECT_TRUE(change.accepted);
  EXPECT_FALSE(change.job_id.has_value());
  const auto& put = h.transport->requests.at(1);
  EXPECT_EQ(put.method, "PUT");
  EXPECT_EQ(put.path, "/v3/p1/instances/i1/ssl");
  EXPECT_EQ(put.body, R"({"ssl_option":true})");
  EXPECT_EQ(testing::header_of(put, "Content-Type"), "application/json");
}

TEST(ClientSetSslTest, ReturnsTheJobIdWhenTheCloudAnswersOne) {
  ClientHarness h;
  h.transport->then(mysql("ACTIVE", "true"));
  h.transport->then(json_response(200, R"({"job_id":"job-42"})"));
  EXPECT_EQ(testing::set_ssl(*h.make(), "i1", false, h.in(60s), CancelToken()).job_id,
            std::optional<std::string>("job-42"));
  EXPECT_EQ(h.transport->requests.at(1).body, R"({"ssl_option":false})");
}

TEST(ClientSetSslTest, EmptyBodyMeansNoJob) {
  ClientHarness h;
  h.transport->then(mysql());
  h.transport->then(json_response(200, ""));
  EXPECT_FALSE(testing::set_ssl(*h.make(), "i1", true, h.in(60s), CancelToken()).job_id.has_value());
}

TEST(ClientSetSslTest, MalformedAnswerIsAnErrorNotACrash) {
  ClientHarness h;
  h.transport->then(mysql());
  h.transport->then(json_response(200, "{job_id:"));
  EXPECT_THROW(testing::set_ssl(*h.make(), "i1", true, h.in(60s), CancelToken()), ResponseFormatError);
}

TEST(ClientSetSslTest, NonMySqlEngineIsRefusedNamingTheEngineWithoutCallingPut) {
  ClientHarness h;
  h.transport->then(json_response(200, instance_json("i1", "ACTIVE", "PostgreSQL", "false")));
  try {
    testing::set_ssl(*h.make(), "i1", true, h.in(60s), CancelToken());
    FAIL() << "no exception";
  } catch (const UnsupportedEngineError& error) {
    EXPECT_EQ(error.engine(), "PostgreSQL");
    EXPECT_STREQ(error.what(), "SSL can only be configured on MySQL instances; instance i1 runs PostgreSQL.");
  }
  EXPECT_EQ(h.transport->requests.size(), 1u);
}

TEST(ClientSetSslTest, MissingInstanceIsNotFound) {
  ClientHarness h;
  h.transport->then(json_response(200, R"({"instances":[],"total_count":0})"));
  EXPECT_THROW(testing::set_ssl(*h.make(), "i1", true, h.in(60s), CancelToken()), NotFoundError);
}

TEST(ClientSetSslTest, NotFoundCodeOnPutIsNotFound) {
  ClientHarness h;
  h.transport->then(mysql());
  h.transport->then(
      json_response(404, R"({"error_code":"DBS.200002","error_msg":"The DB instance does not exist."})"));
  EXPECT_THROW(testing::set_ssl(*h.make(), "i1", true, h.in(60s), CancelToken()), NotFoundError);
}

TEST(ClientSetSslTest, BusyAnswerIsRetriedAfterTheInstanceIsReady) {
  ClientHarness h;
  h.transport->then(mysql());
  h.transport->then(busy());
  h.transport->then(mysql("BACKING UP"));
  h.transport->then(mysql("ACTIVE"));
  h.transport->then(
      json_response(500, R"({"errCode":"DBS.280036","externalMessage":"Instance not ready."})"));
  h.transport->then(mysql("ACTIVE"));
  h.transport->then(json_response(200, "{}"));
  EXPECT_FALSE(testing::set_ssl(*h.make(), "i1", true, h.in(60s), CancelToken()).job_id.has_value());
  EXPECT_EQ(
      h.transport->methods_and_paths(),
      (std::vector<std::string>{"GET /v3/p1/instances", "PUT /v3/p1/instances/i1/ssl", "GET /v3/p1/instances",
                                "GET /v3/p1/instances", "PUT /v3/p1/instances/i1/ssl", "GET /v3/p1/instances",
                                "PUT /v3/p1/instances/i1/ssl"}));
}

TEST(ClientSetSslTest, BusyUntilTheDeadlineIsATimeoutNamingTheLastError) {
  ClientHarness h;
  h.transport = std::make_shared<testing::FakeTransport>(
      [](const HttpRequest& request) { return request.method == "PUT" ? busy() : mysql(); });
  try {
    testing::set_ssl(*h.make(), "i1", true, h.in(20s), CancelToken());
    FAIL() << "no exception";
  } catch (const TimeoutError& error) {
    EXPECT_NE(error.last_seen().find("DBS.200019"), std::string::npos) << error.last_seen();
    EXPECT_NE(std::string(error.what()).find("enable SSL on instance i1"), std::string::npos) << error.what();
  }
  EXPECT_LE(h.clock->elapsed(), 20s);
  EXPECT_GE(h.clock->elapsed(), 20s);
}

TEST(ClientSetSslTest, OtherErrorsFailAtOnce) {
  ClientHarness h;
  h.transport->then(mysql());
  h.transport->then(json_response(400, R"({"error_code":"DBS.200001","error_msg":"Invalid parameter."})",
                                  {{"x-request-id", "rq-77"}}));
  try {
    testing::set_ssl(*h.make(), "i1", true, h.in(60s), CancelToken());
    FAIL() << "no exception";
  } catch (const ApiError& error) {
    EXPECT_EQ(error.error_code(), "DBS.200001");
    EXPECT_EQ(error.request_id(), "rq-77");
  }
  EXPECT_EQ(h.transport->requests.size(), 2u);
}

TEST(ClientSetSslTest, CancelWhileBusyStopsPromptly) {
  ClientHarness h;
  h.transport = std::make_shared<testing::FakeTransport>(
      [](const HttpRequest& request) { return request.method == "PUT" ? busy() : mysql(); });
  CancelSource cancel;
  h.clock->on_sleep = [&] { cancel.cancel(); };
  EXPECT_THROW(testing::set_ssl(*h.make(), "i1", true, h.in(600s), cancel.token()), CancelledError);
  EXPECT_EQ(h.transport->requests.size(), 2u);
}

// A switch to true runs already (console); its busy answers end when it is done, and
// then SSL has the wanted value: no second PUT.
TEST(ClientSetSslTest, NoPutWhenARunningSwitchHasReachedTheWantedValueMeanwhile) {
  ClientHarness h;
  h.transport->then(mysql("ACTIVE", "false"));
  h.transport->then(busy());
  h.transport->then(mysql("ACTIVE", "false"));
  h.transport->then(busy());
  h.transport->then(mysql("ACTIVE", "true"));
  auto change = testing::set_ssl(*h.make(), "i1", true, h.in(60s));
  EXPECT_FALSE(change.accepted);
  EXPECT_FALSE(change.put_sent);
  EXPECT_EQ(
      h.transport->methods_and_paths(),
      (std::vector<std::string>{"GET /v3/p1/instances", "PUT /v3/p1/instances/i1/ssl", "GET /v3/p1/instances",
                                "PUT /v3/p1/instances/i1/ssl", "GET /v3/p1/instances"}));
}

// The wanted value is checked before waiting for ACTIVE.
TEST(ClientSetSslTest, NoWaitAndNoPutWhenSslAlreadyHasTheWantedValueOfABusyInstance) {
  ClientHarness h;
  h.transport->then(mysql("REBOOTING", "true"));
  auto change = testing::set_ssl(*h.make(), "i1", true, h.in(60s));
  EXPECT_FALSE(change.accepted);
  EXPECT_EQ(h.transport->requests.size(), 1u);
  EXPECT_TRUE(h.clock->sleeps.empty());
}

TEST(ClientSetSslTest, AStatusThatNeverTurnsActiveFailsAtOnce) {
  ClientHarness h;
  h.transport->then(mysql("FROZEN", "false"));
  try {
    testing::set_ssl(*h.make(), "i1", true, h.in(60s));
    FAIL() << "no exception";
  } catch (const InstanceFailedError& error) {
    EXPECT_NE(std::string(error.what()).find("FROZEN"), std::string::npos) << error.what();
  }
  EXPECT_EQ(h.transport->requests.size(), 1u);
  EXPECT_TRUE(h.clock->sleeps.empty());
}

// A PUT whose answer was a 500 or never came may have started the switch: read before sending again.
TEST(ClientSetSslTest, ATransientPutFailureIsFollowedByAReadNotABlindRetry) {
  ClientHarness h;
  h.transport->then(mysql("ACTIVE", "false"));
  h.transport->then(json_response(500, R"({"error_code":"DBS.200000","error_msg":"Internal error."})"));
  h.transport->then(mysql("ACTIVE", "true"));
  auto change = testing::set_ssl(*h.make(), "i1", true, h.in(60s));
  EXPECT_FALSE(change.accepted);
  EXPECT_EQ(h.transport->methods_and_paths(),
            (std::vector<std::string>{"GET /v3/p1/instances", "PUT /v3/p1/instances/i1/ssl",
                                      "GET /v3/p1/instances"}));

  ClientHarness dropped;
  dropped.transport->then(mysql("ACTIVE", "false"));
  dropped.transport->then(
      [](const HttpRequest&) -> HttpResponse { throw TransportError("PUT", "reset", true); });
  dropped.transport->then(mysql("ACTIVE", "false"));
  dropped.transport->then(json_response(200, "{}"));
  EXPECT_TRUE(testing::set_ssl(*dropped.make(), "i1", true, dropped.in(60s)).accepted);
  EXPECT_EQ(dropped.transport->methods_and_paths(),
            (std::vector<std::string>{"GET /v3/p1/instances", "PUT /v3/p1/instances/i1/ssl",
                                      "GET /v3/p1/instances", "PUT /v3/p1/instances/i1/ssl"}));
}

TEST(ClientSetSslTest, AnUnansweredPutIsReportedAsPossiblySent) {
  ClientHarness h;
  h.transport = std::make_shared<testing::FakeTransport>([](const HttpRequest& request) -> HttpResponse {
    if (request.method == "PUT") throw TransportError("PUT", "Operation timed out", true);
    return mysql("ACTIVE", "false");
  });
  auto config = ClientHarness::token_config();
  config.max_retries = 1;
  SslChange change;
  EXPECT_THROW(h.make(config)->set_ssl("i1", true, h.in(60s), CancelToken(), change), TransportError);
  EXPECT_TRUE(change.put_sent);
  EXPECT_FALSE(change.accepted);
}

}  // namespace
}  // namespace rds::client
