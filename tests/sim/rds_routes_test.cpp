// The RDS routes of the real sim over HTTP: listing with filters, configuring SSL, jobs.
#include <gtest/gtest.h>

#include <set>

#include "tests/sim/sim_http.h"

namespace rds::sim::testing {
namespace {

using rds::testing::SimProcess;

const std::string kInstances = "/v3/sim-project/instances";

std::string ssl_path(const std::string& id) { return kInstances + "/" + id + "/ssl"; }

class RdsRoutes : public ::testing::Test {
 protected:
  RdsRoutes()
      // Switches take 30 s unless a test shortens them, so "during the switch" checks cannot race.
      : sim_({"--quiet", "--ssl-switch-seconds", "30", "--instance", "db1:MySQL:off", "--instance",
              "db2:MySQL:on", "--instance", "pg1:PostgreSQL", "--instance", "ms1:SQLServer"}),
        http_(client_for(sim_)) {}

  httplib::Result put_ssl(const std::string& id, const std::string& body) {
    return http_->Put(ssl_path(id), token_headers(), body, "application/json");
  }
  nlohmann::json list(const Query& query) {
    return json_of(http_->Get(target(kInstances, query), token_headers()));
  }
  nlohmann::json db1() { return list({{"id", "db1"}})["instances"][0]; }
  void set_switch_seconds(double seconds) {
    sim_.admin("POST", "/_admin/config", {{"ssl_switch_seconds", seconds}});
  }

  SimProcess sim_;
  std::unique_ptr<httplib::Client> http_;
};

TEST_F(RdsRoutes, ListsAllInstancesWithRealisticFields) {
  auto body = list({});
  EXPECT_EQ(body["total_count"], 4);
  ASSERT_EQ(body["instances"].size(), 4u);
  const auto& db1 = body["instances"][0];
  EXPECT_EQ(db1["id"], "db1");
  EXPECT_EQ(db1["status"], "ACTIVE");
  EXPECT_EQ(db1["type"], "Single");
  EXPECT_EQ(db1["datastore"]["type"], "MySQL");
  EXPECT_EQ(db1["datastore"]["version"], "8.0");
  EXPECT_EQ(db1["enable_ssl"], false);
  EXPECT_EQ(db1["port"], 3306);
  EXPECT_EQ(db1["region"], "eu-de");
  EXPECT_TRUE(db1["private_ips"].is_array());
  EXPECT_TRUE(db1["created"].is_string());
  EXPECT_TRUE(db1["updated"].is_string());
}

TEST_F(RdsRoutes, FiltersById) {
  auto body = list({{"id", "db2"}});
  EXPECT_EQ(body["total_count"], 1);
  EXPECT_EQ(body["instances"][0]["enable_ssl"], true);
  EXPECT_EQ(list({{"id", "nope"}})["instances"].size(), 0u);
}

TEST_F(RdsRoutes, FiltersByNameExactlyOrFuzzyWithLeadingStar) {
  EXPECT_EQ(list({{"name", "rds-db1"}})["total_count"], 1);
  EXPECT_EQ(list({{"name", "rds-db"}})["total_count"], 0);
  EXPECT_EQ(list({{"name", "*db"}})["total_count"], 2);
}

TEST_F(RdsRoutes, FiltersByIdExactlyOrFuzzyWithLeadingStar) {
  EXPECT_EQ(list({{"id", "db"}})["total_count"], 0);
  EXPECT_EQ(list({{"id", "*db"}})["total_count"], 2);
  EXPECT_EQ(list({{"id", "*1"}})["total_count"], 3);  // db1, pg1, ms1
}

TEST_F(RdsRoutes, FiltersByType) {
  sim_.add_instance({{"id", "ha1"}, {"type", "Ha"}});
  auto body = list({{"type", "Ha"}});
  ASSERT_EQ(body["total_count"], 1);
  EXPECT_EQ(body["instances"][0]["id"], "ha1");
  EXPECT_EQ(list({{"type", "Single"}})["total_count"], 4);
  EXPECT_EQ(list({{"type", "Replica"}})["total_count"], 0);
}

TEST_F(RdsRoutes, ShowsSeededPortsAddressesTypesAndEngineVersions) {
  sim_.add_instance({{"id", "full"},
                     {"type", "Replica"},
                     {"engine", "MySQL"},
                     {"engine_version", "5.7"},
                     {"port", 3307},
                     {"private_ips", {"10.0.0.7"}},
                     {"public_ips", {"80.1.2.3"}}});
  auto inst = list({{"id", "full"}})["instances"][0];
  EXPECT_EQ(inst["type"], "Replica");
  EXPECT_EQ(inst["datastore"]["version"], "5.7");
  EXPECT_EQ(inst["port"], 3307);
  EXPECT_EQ(inst["private_ips"], nlohmann::json({"10.0.0.7"}));
  EXPECT_EQ(inst["public_ips"], nlohmann::json({"80.1.2.3"}));
  EXPECT_EQ(list({{"id", "db1"}})["instances"][0]["public_ips"], nlohmann::json::array());
}

TEST_F(RdsRoutes, PagesThroughHundredsOfBulkSeededInstances) {
  sim_.admin("POST", "/_admin/instances/bulk", {{"count", 246}, {"prefix", "bulk"}});
  std::set<std::string> ids;
  for (int offset = 0; offset < 250; offset += 100) {
    auto body = list({{"offset", std::to_string(offset)}, {"limit", "100"}});
    EXPECT_EQ(body["total_count"], 250);
    for (const auto& inst : body["instances"]) ids.insert(inst["id"].get<std::string>());
  }
  EXPECT_EQ(ids.size(), 250u);
  EXPECT_EQ(list({{"offset", "200"}, {"limit", "100"}})["instances"].size(), 50u);
  EXPECT_EQ(list({{"offset", "250"}})["instances"].size(), 0u);
}

TEST_F(RdsRoutes, FiltersByDatastoreType) {
  auto body = list({{"datastore_type", "PostgreSQL"}});
  ASSERT_EQ(body["total_count"], 1);
  EXPECT_EQ(body["instances"][0]["id"], "pg1");
}

TEST_F(RdsRoutes, PagesWithOffsetAndLimitWhileTotalCountsAllMatches) {
  auto body = list({{"offset", "1"}, {"limit", "2"}});
  EXPECT_EQ(body["total_count"], 4);
  ASSERT_EQ(body["instances"].size(), 2u);
  EXPECT_EQ(body["instances"][0]["id"], "db2");
  EXPECT_EQ(body["instances"][1]["id"], "pg1");
}

TEST_F(RdsRoutes, BadLimitIsAParameterError) {
  auto res = http_->Get(target(kInstances, {{"limit", "abc"}}), token_headers());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(json_of(res)["error_code"], "DBS.200001");
  EXPECT_EQ(http_->Get(target(kInstances, {{"limit", "101"}}), token_headers())->status, 400);
}

TEST_F(RdsRoutes, SslSwitchAnswersEmptyObjectAndKeepsOldValueAndStatusWhileSwitching) {
  auto res = put_ssl("db1", R"({"ssl_option": true})");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(json_of(res), nlohmann::json::object());
  EXPECT_EQ(db1()["enable_ssl"], false);  // the old value while switching
  EXPECT_EQ(db1()["status"], "ACTIVE");   // the switch does not change status
  EXPECT_TRUE(sim_.instance("db1")["ssl_switch_in_progress"].get<bool>());
}

TEST_F(RdsRoutes, SslSwitchFlipsEnableSslWhenItsTimeIsUp) {
  set_switch_seconds(0.2);
  const auto start = std::chrono::steady_clock::now();
  ASSERT_EQ(put_ssl("db1", R"({"ssl_option": true})")->status, 200);
  EXPECT_TRUE(eventually([&] { return db1()["enable_ssl"] == true; }));
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(200));
  EXPECT_FALSE(sim_.instance("db1")["ssl_switch_in_progress"].get<bool>());
}

TEST_F(RdsRoutes, FurtherChangesAreRefusedBusyDuringASwitch) {
  ASSERT_EQ(put_ssl("db1", R"({"ssl_option": true})")->status, 200);
  auto res = put_ssl("db1", R"({"ssl_option": false})");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 409);
  EXPECT_EQ(json_of(res)["error_code"], "DBS.200019");
}

TEST_F(RdsRoutes, FinishingASwitchEndsItNowAndIsRefusedWithoutOne) {
  ASSERT_EQ(put_ssl("db1", R"({"ssl_option": true})")->status, 200);
  ASSERT_EQ(db1()["enable_ssl"], false);  // 30 s to go

  sim_.admin("PATCH", "/_admin/instances/db1", {{"finish_ssl_switch", true}});

  EXPECT_EQ(db1()["enable_ssl"], true);
  EXPECT_FALSE(sim_.instance("db1")["ssl_switch_in_progress"].get<bool>());
  EXPECT_THROW(sim_.admin("PATCH", "/_admin/instances/db1", {{"finish_ssl_switch", true}}), std::exception);
  EXPECT_EQ(put_ssl("db1", R"({"ssl_option": false})")->status, 200) << "the instance takes switches again";
}

TEST_F(RdsRoutes, NonActiveInstanceIsRefusedBusy) {
  sim_.admin("PATCH", "/_admin/instances/db1", {{"status", "BACKING UP"}, {"status_seconds", 30}});
  EXPECT_EQ(db1()["status"], "BACKING UP");
  auto res = put_ssl("db1", R"({"ssl_option": true})");
  EXPECT_EQ(res->status, 409);
  EXPECT_EQ(json_of(res)["error_code"], "DBS.200019");
}

TEST_F(RdsRoutes, TemporaryStatusRevertsToActiveAndTheSwitchIsAcceptedAgain) {
  sim_.admin("PATCH", "/_admin/instances/db1", {{"status", "BACKING UP"}, {"status_seconds", 0.2}});
  EXPECT_TRUE(eventually([&] { return db1()["status"] == "ACTIVE"; }));
  EXPECT_EQ(put_ssl("db1", R"({"ssl_option": true})")->status, 200);
}

TEST_F(RdsRoutes, OnlyMySqlSupportsSsl) {
  for (const std::string id : {"pg1", "ms1"}) {
    auto res = put_ssl(id, R"({"ssl_option": true})");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << id;
    auto body = json_of(res);
    EXPECT_EQ(body["error_code"], "DBS.200022");
    EXPECT_NE(body["error_msg"].get<std::string>().find("only be configured for MySQL"), std::string::npos);
  }
}

TEST_F(RdsRoutes, MissingInstanceIsNotFound) {
  auto res = put_ssl("ghost", R"({"ssl_option": true})");
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(json_of(res)["error_code"], "DBS.200002");
}

TEST_F(RdsRoutes, BadBodiesAreParameterErrors) {
  for (const std::string body :
       {"", "not json", "[]", "{}", R"({"ssl_option": "true"})", R"({"ssl_option": 1})"}) {
    auto res = put_ssl("db1", body);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << body;
    EXPECT_EQ(json_of(res)["error_code"], "DBS.200001") << body;
  }
}

TEST_F(RdsRoutes, EveryAnswerCarriesARequestId) {
  auto ok = http_->Get(kInstances, token_headers());
  auto refused = http_->Get(kInstances);
  auto unknown = http_->Get("/v3/sim-project/nothing-here", token_headers());
  auto admin = http_->Get("/_admin/connections");
  for (const auto* res : {&ok, &refused, &unknown, &admin}) {
    ASSERT_TRUE(*res);
    EXPECT_FALSE((*res)->get_header_value("X-Request-Id").empty()) << (*res)->status;
  }
  EXPECT_EQ(unknown->status, 404);
  EXPECT_NE(ok->get_header_value("X-Request-Id"), refused->get_header_value("X-Request-Id"));
}

TEST_F(RdsRoutes, AnotherProjectInThePathIsForbidden) {
  auto res = http_->Get("/v3/other-project/instances", token_headers());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_EQ(json_of(res)["error_code"], "APIGW.0302");
}

TEST_F(RdsRoutes, EnableSslCanBeAbsentLikeOnOldApiVersions) {
  sim_.add_instance({{"id", "old"}, {"enable_ssl", nullptr}});
  auto inst = list({{"id", "old"}})["instances"][0];
  EXPECT_FALSE(inst.contains("enable_ssl"));
}

std::string cert_links_path(const std::string& id) {
  return kInstances + "/" + id + "/ssl-cert/download-link";
}

TEST_F(RdsRoutes, SslCertLinksOfAMySqlInstanceAreTheTwoCaBundles) {
  auto res = http_->Get(cert_links_path("db1"), token_headers());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  auto list = json_of(res)["cert_info_list"];
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["category"], "international");
  EXPECT_EQ(list[1]["category"], "national");
  // The links point at the sim itself, in the scheme its API uses.
  EXPECT_EQ(list[0]["download_link"],
            sim_.base_url() + "/ssl-cert/db1/international/Certificate_Download.zip");
  EXPECT_EQ(list[1]["download_link"], sim_.base_url() + "/ssl-cert/db1/national/Certificate_Download.zip");
}

TEST_F(RdsRoutes, SslCertLinksOfOtherEnginesAreADbsError) {
  for (const std::string id : {"pg1", "ms1"}) {
    auto res = http_->Get(cert_links_path(id), token_headers());
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << id;
    EXPECT_EQ(json_of(res)["error_code"], "DBS.200022") << id;
  }
}

TEST_F(RdsRoutes, SslCertLinksOfAMissingInstanceAreNotFound) {
  auto res = http_->Get(cert_links_path("ghost"), token_headers());
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(json_of(res)["error_code"], "DBS.200002");
}

TEST_F(RdsRoutes, SslCertLinksCanBeSwitchedOffLikeACloudWithoutTheApi) {
  sim_.admin("POST", "/_admin/config", {{"cert_links", false}});
  auto res = http_->Get(cert_links_path("db1"), token_headers());
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(json_of(res)["error_code"], "APIGW.0101");
}

TEST(SimFlags, NoCertLinksMakesTheCertLinkRouteAnswer404) {
  SimProcess sim({"--quiet", "--no-cert-links", "--instance", "db1"});
  auto res = client_for(sim)->Get(cert_links_path("db1"), token_headers());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(json_of(res)["error_code"], "APIGW.0101");
}

class JobMode : public ::testing::Test {
 protected:
  JobMode()
      : sim_({"--quiet", "--job-mode", "--ssl-switch-seconds", "30", "--instance", "db1", "--instance",
              "db2"}),
        http_(client_for(sim_)) {}
  nlohmann::json job(const std::string& id) {
    return json_of(http_->Get(target("/v3/sim-project/jobs", {{"id", id}}), token_headers()))["job"];
  }
  std::string put_job(const std::string& instance) {
    auto put = http_->Put(ssl_path(instance), token_headers(), R"({"ssl_option": true})", "application/json");
    EXPECT_EQ(put->status, 200);
    return json_of(put).value("job_id", "");
  }
  SimProcess sim_;
  std::unique_ptr<httplib::Client> http_;
};

TEST_F(JobMode, PutAnswersAJobThatIsRunningDuringTheSwitch) {
  const std::string job_id = put_job("db1");
  ASSERT_FALSE(job_id.empty());
  auto running = job(job_id);
  EXPECT_EQ(running["id"], job_id);
  EXPECT_EQ(running["name"], "ConfigureSSL");
  EXPECT_EQ(running["status"], "Running");
  EXPECT_EQ(running["instance"]["id"], "db1");
}

TEST_F(JobMode, JobCompletesWhenTheSwitchIsDone) {
  sim_.admin("POST", "/_admin/config", {{"ssl_switch_seconds", 0.2}});
  const std::string job_id = put_job("db2");
  EXPECT_TRUE(eventually([&] { return job(job_id)["status"] == "Completed"; }));
  EXPECT_EQ(sim_.instance("db2")["enable_ssl"], true);
}

TEST_F(JobMode, FinishingASwitchCompletesItsJob) {
  const std::string job_id = put_job("db1");
  ASSERT_EQ(job(job_id)["status"], "Running");

  sim_.admin("PATCH", "/_admin/instances/db1", {{"finish_ssl_switch", true}});

  EXPECT_EQ(job(job_id)["status"], "Completed");
  EXPECT_EQ(sim_.instance("db1")["enable_ssl"], true);
}

TEST_F(JobMode, UnknownJobIsNotFoundAndMissingIdIsAParameterError) {
  EXPECT_EQ(http_->Get(target("/v3/sim-project/jobs", {{"id", "nope"}}), token_headers())->status, 404);
  EXPECT_EQ(http_->Get("/v3/sim-project/jobs", token_headers())->status, 400);
}

TEST_F(JobMode, JobFailureFaultFailsTheJobAndKeepsSsl) {
  sim_.admin("POST", "/_admin/config", {{"ssl_switch_seconds", 0.2}});
  sim_.inject_fault({{"kind", "job_failure"}});
  const std::string job_id = put_job("db1");
  EXPECT_TRUE(eventually([&] { return job(job_id)["status"] != "Running"; }));
  EXPECT_EQ(job(job_id)["status"], "Failed");
  EXPECT_EQ(sim_.instance("db1")["enable_ssl"], false);
}

TEST_F(JobMode, CanBeSwitchedOffAtRunTime) {
  sim_.admin("POST", "/_admin/config", {{"job_mode", false}});
  auto put = http_->Put(ssl_path("db1"), token_headers(), R"({"ssl_option": true})", "application/json");
  EXPECT_EQ(json_of(put), nlohmann::json::object());
}

}  // namespace
}  // namespace rds::sim::testing
