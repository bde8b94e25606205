// Without a project_id the client finds the project by name through IAM, once: GET /projects?name= for
// AK/SK and token, the login scoped by name for a password. IAM's answer is doubted like any other.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "client/project_lookup.h"
#include "client_harness.h"

namespace rds::client::testing {
namespace {

using namespace std::chrono_literals;

std::string projects(const std::vector<nlohmann::json>& list) {
  nlohmann::json answer = nlohmann::json::object();
  answer["projects"] = list;
  return answer.dump();
}
nlohmann::json project(const std::string& id, const std::string& name, bool enabled = true) {
  return {{"id", id}, {"name", name}, {"enabled", enabled}, {"domain_id", "d1"}};
}

std::string id_from(const std::string& body, const std::string& name = "eu-de") {
  return project_id_from_list("GET /v3/projects?name=" + name, json_response(200, body), name);
}

TEST(ProjectFromList, TheOneEnabledProjectOfThatNameIsTheAnswer) {
  EXPECT_EQ(id_from(projects({project("p-eu-de", "eu-de")})), "p-eu-de");
  EXPECT_EQ(id_from(projects({project("p-off", "eu-de", false), project("p-on", "eu-de"),
                              project("p-other", "eu-de_orders")})),
            "p-on");
}

TEST(ProjectFromList, NoneOrSeveralIsAnErrorThatSaysWhatWasAsked) {
  try {
    id_from(projects({}), "eu-xx");
    FAIL() << "no project must be an error";
  } catch (const ProjectNotFoundError& error) {
    EXPECT_NE(std::string(error.what()).find("No IAM project named \"eu-xx\""), std::string::npos)
        << error.what();
    EXPECT_NE(std::string(error.what()).find("project_id"), std::string::npos) << error.what();
  }
  try {
    id_from(projects({project("p1", "eu-de"), project("p2", "eu-de")}));
    FAIL() << "two projects must be an error";
  } catch (const ProjectNotFoundError& error) {
    EXPECT_NE(std::string(error.what()).find("2 projects named \"eu-de\" (p1, p2"), std::string::npos)
        << error.what();
  }
}

TEST(ProjectFromList, AnAnswerThatIsNotAProjectListOrAnIdThatCouldBendAUrlIsRefused) {
  EXPECT_THROW(id_from("{}"), ResponseFormatError);
  EXPECT_THROW(id_from("[]"), ResponseFormatError);
  EXPECT_THROW(id_from("not json"), ResponseFormatError);
  EXPECT_THROW(id_from(projects({project("../other", "eu-de")})), ResponseFormatError);
  EXPECT_THROW(id_from(projects({project("", "eu-de")})), ResponseFormatError);
}

const std::string kInstanceAnswer = instance_json("i1", "ACTIVE", "MySQL", "true");

TEST(ProjectLookup, AkSkAsksIamOnceByTheRegionsNameAndAddressesEveryCallToTheProjectFound) {
  ClientHarness h;
  h.transport = std::make_shared<FakeTransport>([](const HttpRequest& request) {
    if (request.path == "/projects") return json_response(200, projects({project("found-id", "eu-de")}));
    return json_response(200, kInstanceAnswer);
  });
  ClientConfig config;
  config.region = "eu-de";
  config.endpoint = "https://rds.example.test";
  config.access_key = "AK";
  config.secret_key = "SK";
  auto client = h.make(config);
  client->sign_in(h.in(60s), {});
  ASSERT_TRUE(client->get_instance("i1", h.in(60s), {}));
  ASSERT_TRUE(client->get_instance("i1", h.in(60s), {}));

  ASSERT_EQ(h.transport->requests.size(), 3u);
  const auto& lookup = h.transport->requests[0];
  EXPECT_EQ(lookup.base_url, "https://iam.eu-de.otc.t-systems.com/v3");
  EXPECT_EQ(lookup.query, (QueryParams{{"name", "eu-de"}}));
  EXPECT_FALSE(header_of(lookup, "Authorization").empty()) << "the lookup is signed like any call";
  EXPECT_EQ(h.transport->requests[1].path, "/v3/found-id/instances");
  EXPECT_EQ(h.transport->requests[2].path, "/v3/found-id/instances");
}

TEST(ProjectLookup, AProjectNameWinsOverTheRegionAndAGivenProjectIdAsksNothing) {
  ClientHarness h;
  h.transport = std::make_shared<FakeTransport>([](const HttpRequest& request) {
    if (request.path == "/projects") return json_response(200, projects({project("sub-id", "eu-de_orders")}));
    return json_response(200, kInstanceAnswer);
  });
  ClientConfig config = ClientHarness::token_config();
  config.project_id.clear();
  config.project_name = "eu-de_orders";
  config.auth_url = "https://iam.example.test/v3";
  h.make(config)->get_instance("i1", h.in(60s), {});
  ASSERT_EQ(h.transport->requests.size(), 2u);
  EXPECT_EQ(h.transport->requests[0].query, (QueryParams{{"name", "eu-de_orders"}}));
  EXPECT_EQ(header_of(h.transport->requests[0], "X-Auth-Token"), "static-token-secret");
  EXPECT_EQ(h.transport->requests[1].path, "/v3/sub-id/instances");

  ClientHarness given;
  given.transport =
      std::make_shared<FakeTransport>([](const HttpRequest&) { return json_response(200, kInstanceAnswer); });
  config.project_id = "p1";
  given.make(config)->get_instance("i1", given.in(60s), {});
  ASSERT_EQ(given.transport->requests.size(), 1u);
  EXPECT_EQ(given.transport->requests[0].path, "/v3/p1/instances");
}

TEST(ProjectLookup, APasswordLoginIsScopedByNameAndItsAnswerNamesTheProject) {
  ClientHarness h;
  h.transport = std::make_shared<FakeTransport>([](const HttpRequest& request) {
    if (request.path == "/auth/tokens") {
      return json_response(201, R"({"token":{"project":{"id":"scoped-id","name":"eu-de"}}})",
                           {{"x-subject-token", "tok"}});
    }
    return json_response(200, kInstanceAnswer);
  });
  ClientConfig config;
  config.region = "eu-de";
  config.endpoint = "https://rds.example.test";
  config.user_name = "u";
  config.password = "pw";
  config.domain_name = "d";
  auto client = h.make(config);
  client->sign_in(h.in(60s), {});
  client->get_instance("i1", h.in(60s), {});

  ASSERT_EQ(h.transport->requests.size(), 2u);
  const auto login = nlohmann::json::parse(h.transport->requests[0].body);
  EXPECT_EQ(login["auth"]["scope"]["project"], nlohmann::json({{"name", "eu-de"}}));
  EXPECT_EQ(h.transport->requests[1].path, "/v3/scoped-id/instances");
}

TEST(ProjectLookup, WithoutProjectIdProjectNameOrRegionTheConfigIsRefused) {
  ClientConfig config = ClientHarness::token_config();
  config.project_id.clear();
  ClientHarness h;
  EXPECT_THROW(h.make(config), ConfigError);
  config.project_name = "eu de";
  EXPECT_THROW(h.make(config), ConfigError);
}

}  // namespace
}  // namespace rds::client::testing

namespace rds::client::testing {
namespace {

using namespace std::chrono_literals;

// An agency of another account: the agency token is asked with the caller's AK/SK signature, scoped by
// the region's name in the delegating account; every RDS call then carries that token, not a signature.
TEST(AgencyLogin, TheAgencyTokenIsAskedWithTheCallersSignatureAndCarriesEveryCall) {
  ClientHarness h;
  h.transport = std::make_shared<FakeTransport>([](const HttpRequest& request) {
    if (request.path == "/auth/tokens")
      return json_response(201, R"({"token":{"project":{"id":"their-project","name":"eu-de"}}})",
                           {{"x-subject-token", "agency-token"}});
    return json_response(200, instance_json("i1", "ACTIVE", "MySQL", "true"));
  });
  ClientConfig config;
  config.region = "eu-de";
  config.endpoint = "https://rds.example.test";
  config.access_key = "AK";
  config.secret_key = "SK";
  config.agency_name = "central-ci";
  config.agency_domain_name = "their-account";
  config.agency_duration_seconds = 3600;
  auto client = h.make(config);
  client->sign_in(h.in(60s), {});
  client->get_instance("i1", h.in(60s), {});

  ASSERT_EQ(h.transport->requests.size(), 2u);
  const auto& login = h.transport->requests[0];
  EXPECT_EQ(login.base_url, "https://iam.eu-de.otc.t-systems.com/v3");
  EXPECT_FALSE(header_of(login, "Authorization").empty()) << "asked with the caller's signature";
  const auto body = nlohmann::json::parse(login.body);
  EXPECT_EQ(body["auth"]["identity"]["methods"], nlohmann::json({"assume_role"}));
  EXPECT_EQ(body["auth"]["identity"]["assume_role"], nlohmann::json({{"agency_name", "central-ci"},
                                                                     {"domain_name", "their-account"},
                                                                     {"duration_seconds", 3600}}));
  EXPECT_EQ(body["auth"]["scope"], nlohmann::json({{"project", {{"name", "eu-de"}}}}));
  const auto& call = h.transport->requests[1];
  EXPECT_EQ(call.path, "/v3/their-project/instances");
  EXPECT_EQ(header_of(call, "X-Auth-Token"), "agency-token");
  EXPECT_TRUE(header_of(call, "Authorization").empty()) << "the RDS call carries the agency's token only";
}

// With a password, the caller's own login is scoped to its domain, and then asks for the agency's token.
TEST(AgencyLogin, APasswordCallerLogsInToItsDomainFirst) {
  ClientHarness h;
  h.transport = std::make_shared<FakeTransport>([](const HttpRequest& request) {
    const auto body = nlohmann::json::parse(request.body, nullptr, false);
    if (request.path == "/auth/tokens" && body["auth"]["identity"]["methods"][0] == "password")
      return json_response(201, R"({"token":{}})", {{"x-subject-token", "user-token"}});
    if (request.path == "/auth/tokens")
      return json_response(201, R"({"token":{"project":{"id":"p9"}}})",
                           {{"x-subject-token", "agency-token"}});
    return json_response(200, instance_json("i1", "ACTIVE", "MySQL", "true"));
  });
  ClientConfig config;
  config.endpoint = "https://rds.example.test";
  config.auth_url = "https://iam.example.test/v3";
  config.project_id = "p9";
  config.user_name = "u";
  config.password = "pw";
  config.domain_name = "my-account";
  config.agency_name = "a";
  config.agency_domain_name = "their-account";
  h.make(config)->get_instance("i1", h.in(60s), {});
  ASSERT_EQ(h.transport->requests.size(), 3u);
  EXPECT_EQ(nlohmann::json::parse(h.transport->requests[0].body)["auth"]["scope"],
            nlohmann::json({{"domain", {{"name", "my-account"}}}}));
  EXPECT_EQ(header_of(h.transport->requests[1], "X-Auth-Token"), "user-token");
  EXPECT_EQ(nlohmann::json::parse(h.transport->requests[1].body)["auth"]["scope"],
            nlohmann::json({{"project", {{"id", "p9"}}}}));
  EXPECT_EQ(header_of(h.transport->requests[2], "X-Auth-Token"), "agency-token");
}

}  // namespace
}  // namespace rds::client::testing
