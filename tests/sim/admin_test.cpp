// The admin API of the real sim: instances, request log, connection count, seeding, config.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <thread>

#include "tests/sim/sim_http.h"

namespace rds::sim::testing {
namespace {

using rds::testing::SimProcess;

const std::string kInstances = "/v3/sim-project/instances";

TEST(Admin, CreatesListsPatchesAndDeletesInstances) {
  SimProcess sim({"--quiet"});
  auto created =
      sim.add_instance({{"id", "x1"}, {"name", "orders"}, {"engine", "MySQL"}, {"engine_version", "5.7"}});
  EXPECT_EQ(created["id"], "x1");
  EXPECT_EQ(created["datastore"]["version"], "5.7");
  auto generated = sim.add_instance(nlohmann::json::object());
  EXPECT_EQ(generated["id"].get<std::string>().size(), 36u);
  EXPECT_EQ(sim.admin("GET", "/_admin/instances")["instances"].size(), 2u);

  auto patched = sim.admin("PATCH", "/_admin/instances/x1", {{"enable_ssl", true}, {"status", "REBOOTING"}});
  EXPECT_EQ(patched["enable_ssl"], true);
  EXPECT_EQ(patched["status"], "REBOOTING");

  EXPECT_TRUE(sim.admin("DELETE", "/_admin/instances/x1").is_null());
  EXPECT_THROW(sim.instance("x1"), std::runtime_error);
  auto http = client_for(sim);
  EXPECT_EQ(json_of(http->Get(kInstances + "?id=x1", token_headers()))["total_count"], 0);
}

TEST(Admin, DuplicateIdsAndBadFieldsAreRefused) {
  SimProcess sim({"--quiet", "--instance", "a"});
  EXPECT_THROW(sim.add_instance({{"id", "a"}}), std::runtime_error);
  EXPECT_THROW(sim.add_instance({{"enable_ssl", "yes"}}), std::runtime_error);
  EXPECT_THROW(sim.admin("PATCH", "/_admin/instances/a", {{"status_seconds", 3}}), std::runtime_error);
  EXPECT_THROW(sim.admin("POST", "/_admin/config", {{"ssl_switch_seconds", -1}}), std::runtime_error);
}

TEST(Admin, BulkAddsAListOfInstancesAtOnce) {
  SimProcess sim({"--quiet"});
  auto answer = sim.admin("POST", "/_admin/instances/bulk",
                          {{"instances",
                            {{{"id", "a"}, {"name", "zeta"}, {"engine", "PostgreSQL"}},
                             {{"id", "b"}, {"type", "Ha"}, {"enable_ssl", true}}}}});
  EXPECT_EQ(answer["created"], 2);
  EXPECT_EQ(answer["ids"], nlohmann::json({"a", "b"}));
  EXPECT_EQ(sim.instance("a")["datastore"]["type"], "PostgreSQL");
  EXPECT_EQ(sim.instance("b")["type"], "Ha");
}

TEST(Admin, BulkCountMakesNumberedCopiesOfOneInstance) {
  SimProcess sim({"--quiet"});
  auto answer = sim.admin(
      "POST", "/_admin/instances/bulk",
      {{"count", 250}, {"prefix", "shop"}, {"instance", {{"engine", "MySQL"}, {"enable_ssl", true}}}});
  EXPECT_EQ(answer["created"], 250);
  EXPECT_EQ(answer["ids"][0], "shop-0001");
  EXPECT_EQ(answer["ids"][249], "shop-0250");
  EXPECT_EQ(sim.instance("shop-0250")["name"], "shop-0250");
  EXPECT_EQ(sim.instance("shop-0007")["enable_ssl"], true);
  EXPECT_EQ(sim.admin("GET", "/_admin/instances")["instances"].size(), 250u);
}

TEST(Admin, BulkIsAllOrNothing) {
  SimProcess sim({"--quiet", "--instance", "taken"});
  EXPECT_THROW(
      sim.admin("POST", "/_admin/instances/bulk", {{"instances", {{{"id", "new"}}, {{"id", "taken"}}}}}),
      std::runtime_error);
  EXPECT_THROW(
      sim.admin("POST", "/_admin/instances/bulk", {{"instances", {{{"id", "x"}, {"type", "Cluster"}}}}}),
      std::runtime_error);
  EXPECT_THROW(sim.admin("POST", "/_admin/instances/bulk", {{"count", 0}}), std::runtime_error);
  EXPECT_THROW(sim.admin("POST", "/_admin/instances/bulk", {{"count", 2}, {"extra", 1}}), std::runtime_error);
  EXPECT_EQ(sim.admin("GET", "/_admin/instances")["instances"].size(), 1u);
}

TEST(Admin, ConfigChangesTheSwitchTime) {
  SimProcess sim({"--quiet", "--instance", "a"});
  auto config = sim.admin("POST", "/_admin/config", {{"ssl_switch_seconds", 0}});
  EXPECT_EQ(config["ssl_switch_seconds"], 0.0);
  auto http = client_for(sim);
  http->Put(kInstances + "/a/ssl", token_headers(), R"({"ssl_option": true})", "application/json");
  EXPECT_EQ(sim.instance("a")["enable_ssl"], true);
}

TEST(Admin, RequestLogRecordsApiCallsButNotAdminCalls) {
  SimProcess sim({"--quiet", "--instance", "a"});
  auto http = client_for(sim);
  http->Get(kInstances + "?id=a&limit=5", token_headers());
  http->Put(kInstances + "/a/ssl", token_headers(), R"({"ssl_option": true})", "application/json");
  sim.instance("a");
  auto log = sim.requests();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0]["method"], "GET");
  EXPECT_EQ(log[0]["path"], kInstances);
  EXPECT_EQ(log[0]["query"], "id=a&limit=5");
  EXPECT_EQ(log[0]["status"], 200);
  EXPECT_EQ(log[0]["auth"], "token");
  EXPECT_TRUE(log[0]["time"].is_string());
  EXPECT_EQ(log[1]["method"], "PUT");
  EXPECT_EQ(log[1]["path"], kInstances + "/a/ssl");

  sim.admin("DELETE", "/_admin/requests");
  EXPECT_EQ(sim.requests().size(), 0u);
}

TEST(Admin, ConnectionCountStaysAtOneForAKeepAliveClient) {
  SimProcess sim({"--quiet", "--instance", "a"});
  auto http = client_for(sim);
  for (int i = 0; i < 8; ++i) ASSERT_EQ(http->Get(kInstances, token_headers())->status, 200);
  EXPECT_EQ(sim.connections(), 1);
}

TEST(Admin, ConnectionCountSeesEveryNewConnection) {
  SimProcess sim({"--quiet"});
  for (int i = 0; i < 3; ++i) {
    httplib::Client fresh(sim.base_url());  // a client without keep-alive: one connection per call
    ASSERT_EQ(fresh.Get(kInstances, token_headers())->status, 200);
  }
  EXPECT_EQ(sim.connections(), 3);
  sim.reset();
  EXPECT_EQ(sim.connections(), 0);
  EXPECT_EQ(sim.requests().size(), 0u);
}

TEST(Admin, SeedFileAndFlagsProvideTheStartingInstances) {
  const std::string path = ::testing::TempDir() + "rds_sim_seed_test.json";
  std::ofstream(path) << R"({"instances": [
    {"id": "s1", "name": "shop", "engine": "MySQL", "engine_version": "5.7", "enable_ssl": true},
    {"id": "s2", "datastore": {"type": "PostgreSQL", "version": "13"}, "status": "BACKING UP", "type": "Ha"}]})";
  SimProcess sim({"--quiet", "--seed", path, "--instance", "f1:MySQL:on"});
  auto s1 = sim.instance("s1");
  EXPECT_EQ(s1["name"], "shop");
  EXPECT_EQ(s1["datastore"]["version"], "5.7");
  EXPECT_EQ(s1["enable_ssl"], true);
  auto s2 = sim.instance("s2");
  EXPECT_EQ(s2["datastore"]["type"], "PostgreSQL");
  EXPECT_EQ(s2["status"], "BACKING UP");
  EXPECT_EQ(s2["type"], "Ha");
  EXPECT_EQ(sim.instance("f1")["enable_ssl"], true);
  std::remove(path.c_str());
}

TEST(Admin, BadSeedFileStopsStartUpWithAClearError) {
  const std::string path = ::testing::TempDir() + "rds_sim_bad_seed_test.json";
  std::ofstream(path) << R"({"instances": {}})";
  EXPECT_THROW(SimProcess({"--quiet", "--seed", path}), std::runtime_error);
  std::remove(path.c_str());
}

}  // namespace
}  // namespace rds::sim::testing

namespace rds::sim::testing {
namespace {

// Garbage and wrong fields sent to the admin and API routes get a 4xx answer naming the problem, and
// the sim keeps serving.
TEST(Admin, BadInputGetsClientErrorsAndNeverTakesTheSimDown) {
  rds::testing::SimProcess sim({"--quiet", "--instance", "a"});
  auto http = client_for(sim);
  const std::vector<std::string> garbage = {"[]", "\"x\"", "{", "5", "{\"a\": }"};
  const std::map<std::pair<std::string, std::string>, std::vector<std::string>> routes = {
      {{"POST", "/_admin/instances"},
       {R"({"id": 5})", R"({"port": "x"})", R"({"enable_ssl": 1})", R"({"id": "a"})"}},
      {{"PATCH", "/_admin/instances/a"},
       {R"({"status": 5})", R"({"status_seconds": 1})", R"({"enable_ssl": "on"})", R"({"stauts": "X"})"}},
      {{"POST", "/_admin/config"},
       {R"({"job_mode": "yes"})", R"({"ssl_switch_seconds": "fast"})", R"({"ssl_switch_second": 1})"}},
      {{"POST", "/_admin/faults"},
       {R"({"kind": 5})", R"({"kind": "drop", "count": 1e99})", R"({"kind": "status", "status": 700})",
        R"({"kind": "drop", "cuont": 2})"}},
      {{"PUT", kInstances + "/a/ssl"}, {R"({"ssl_option": null})"}},
      {{"POST", "/v3/auth/tokens"},
       {R"({"auth": 5})", R"({"auth": {"identity": {"methods": "password"}}})"}}};
  for (const auto& [route, bad_bodies] : routes) {
    const auto& [method, path] = route;
    std::vector<std::string> bodies = garbage;
    bodies.insert(bodies.end(), bad_bodies.begin(), bad_bodies.end());
    for (const auto& body : bodies) {
      httplib::Result res = method == "POST"    ? http->Post(path, token_headers(), body, "application/json")
                            : method == "PATCH" ? http->Patch(path, token_headers(), body, "application/json")
                                                : http->Put(path, token_headers(), body, "application/json");
      ASSERT_TRUE(res) << method << " " << path << " " << body;
      EXPECT_GE(res->status, 400) << method << " " << path << " " << body;
      EXPECT_LT(res->status, 500) << method << " " << path << " " << body << ": " << res->body;
    }
  }
  EXPECT_EQ(http->Get(kInstances, token_headers())->status, 200);
}

TEST(Admin, UnknownFieldIsNamedInTheError) {
  rds::testing::SimProcess sim({"--quiet"});
  try {
    sim.admin("POST", "/_admin/config", {{"ssl_switch_second", 1}});
    FAIL() << "expected a 400";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("unknown field 'ssl_switch_second'"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace rds::sim::testing
