// The data sources rds_instance, rds_instances and rds_ssl_certificates through real Terraform against
// rds-sim: lookups by id and by name, names matching none or several, 250 instances over three pages in
// a stable order, the filters, the fuzzy name, certificate links and clouds or engines without them.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "tests/e2e/support/e2e_test.h"

namespace rds::testing {
namespace {

class DataSources : public E2eTest {
 protected:
  // `terraform apply` of `config`, then its outputs ({"name": value}).
  nlohmann::json apply_and_read_outputs(const std::string& config) {
    workspace().write_config("provider \"rds\" {}\n" + config);
    apply_ok();
    auto output = workspace().terraform({"output", "-json"});
    EXPECT_TRUE(output.succeeded()) << output.describe();
    const auto parsed = nlohmann::json::parse(output.out);
    nlohmann::json values = nlohmann::json::object();
    for (const auto& [name, entry] : parsed.items()) values[name] = entry["value"];
    return values;
  }

  // `terraform plan` of `config`, which must fail; its whole output, flattened.
  std::string plan_error(const std::string& config) {
    workspace().write_config("provider \"rds\" {}\n" + config);
    auto plan = workspace().terraform({"plan", "-input=false", "-no-color"});
    EXPECT_EQ(plan.exit_code, 1) << plan.describe();
    return running_text(plan);
  }

  // `terraform validate` of `config`, which must fail; its whole output, flattened.
  std::string validate_error(const std::string& config) {
    workspace().write_config("provider \"rds\" {}\n" + config);
    auto validate = workspace().terraform({"validate", "-no-color"});
    EXPECT_EQ(validate.exit_code, 1) << validate.describe();
    return running_text(validate);
  }
};

const char* kInstanceOutputs = R"(
output "instance" { value = data.rds_instance.x }
)";

TEST_F(DataSources, InstanceByIdShowsEveryAttributeAsTheApiReportsIt) {
  start();
  sim().process().add_instance({{"id", "orders-id"},
                                {"name", "orders"},
                                {"engine", "MySQL"},
                                {"engine_version", "5.7"},
                                {"type", "Ha"},
                                {"port", 3307},
                                {"enable_ssl", true},
                                {"private_ips", {"10.0.0.5", "10.0.0.6"}},
                                {"public_ips", {"80.1.2.3"}}});
  const auto api = sim().process().instance("orders-id");

  auto outputs = apply_and_read_outputs("data \"rds_instance\" \"x\" { id = \"orders-id\" }\n" +
                                        std::string(kInstanceOutputs));

  const auto& x = outputs["instance"];
  EXPECT_EQ(x["id"], "orders-id");
  EXPECT_EQ(x["name"], "orders");
  EXPECT_EQ(x["status"], "ACTIVE");
  EXPECT_EQ(x["type"], "Ha");
  EXPECT_EQ(x["engine"], "MySQL");
  EXPECT_EQ(x["engine_version"], "5.7");
  EXPECT_EQ(x["ssl_enable"], true);
  EXPECT_EQ(x["port"], 3307);
  EXPECT_EQ(x["private_ips"], nlohmann::json({"10.0.0.5", "10.0.0.6"}));
  EXPECT_EQ(x["public_ips"], nlohmann::json({"80.1.2.3"}));
  EXPECT_EQ(x["region"], "eu-de");
  EXPECT_EQ(x["created"], api["created"]);
  EXPECT_EQ(x["updated"], api["updated"]);
  expect_empty_plan("after reading an unchanged instance");
}

TEST_F(DataSources, InstanceByNameReadsTheOneInstanceWithExactlyThatName) {
  start();
  sim().add_instances({{{"id", "a1"}, {"name", "orders"}},
                       {{"id", "a2"}, {"name", "orders-old"}},
                       {{"id", "a3"}, {"name", "old-orders"}}});

  auto outputs = apply_and_read_outputs("data \"rds_instance\" \"x\" { name = \"orders\" }\n" +
                                        std::string(kInstanceOutputs));

  EXPECT_EQ(outputs["instance"]["id"], "a1");
  EXPECT_EQ(outputs["instance"]["name"], "orders");
}

TEST_F(DataSources, InstanceByANameNoInstanceHasSaysNoneMatched) {
  start();
  sim().add_instances({{{"id", "a1"}, {"name", "orders-old"}}});
  auto output = plan_error("data \"rds_instance\" \"x\" { name = \"orders\" }\n");
  EXPECT_NE(output.find("No RDS instance in this project is named \"orders\" (0 matched)"), std::string::npos)
      << output;
}

TEST_F(DataSources, InstanceByANameTwoInstancesHaveSaysHowManyMatched) {
  start();
  sim().add_instances({{{"id", "a1"}, {"name", "orders"}}, {{"id", "a2"}, {"name", "orders"}}});
  auto output = plan_error("data \"rds_instance\" \"x\" { name = \"orders\" }\n");
  EXPECT_NE(output.find("2 RDS instances in this project are named \"orders\" (a1, a2)"), std::string::npos)
      << output;
  EXPECT_NE(output.find("by id instead"), std::string::npos) << output;
}

TEST_F(DataSources, InstanceByAnIdThatDoesNotExistSaysSo) {
  start();
  sim().add_instances({{{"id", "abc-1"}}});
  auto output = plan_error("data \"rds_instance\" \"x\" { id = \"abc\" }\n");
  EXPECT_NE(output.find("RDS instance abc does not exist in this project"), std::string::npos) << output;
}

TEST_F(DataSources, InstanceNeedsExactlyOneOfIdAndNameAtValidateTime) {
  start();
  auto both = validate_error("data \"rds_instance\" \"x\" {\n  id = \"a\"\n  name = \"b\"\n}\n");
  EXPECT_NE(both.find("Conflicting arguments"), std::string::npos) << both;
  EXPECT_NE(both.find("by id or by name, not both"), std::string::npos) << both;

  auto neither = validate_error("data \"rds_instance\" \"x\" {}\n");
  EXPECT_NE(neither.find("Missing argument"), std::string::npos) << neither;
  EXPECT_NE(neither.find("set exactly one of them"), std::string::npos) << neither;

  auto fuzzy = validate_error("data \"rds_instance\" \"x\" { name = \"*orders\" }\n");
  EXPECT_NE(fuzzy.find("use the data source rds_instances"), std::string::npos) << fuzzy;
  auto fuzzy_id = validate_error("data \"rds_instance\" \"x\" { id = \"*in01\" }\n");
  EXPECT_NE(fuzzy_id.find("fuzzy match"), std::string::npos) << fuzzy_id;
  EXPECT_EQ(sim().count_requests("GET", "/instances"), 0) << "validation must not call the API";
}

TEST_F(DataSources, InstancesReturnsAll250InstancesSortedByNameThenId) {
  start();
  // Created in an order unlike the sorted one, every name twice (the id decides between the two).
  nlohmann::json specs = nlohmann::json::array();
  std::vector<std::pair<std::string, std::string>> expected;  // (name, id)
  for (int i = 0; i < 250; ++i) {
    const std::string id = "id-" + std::to_string(1000 - i);
    const std::string name = "db-" + std::to_string((i * 37) % 125);
    specs.push_back({{"id", id}, {"name", name}});
    expected.emplace_back(name, id);
  }
  sim().add_instances(specs);
  std::sort(expected.begin(), expected.end());

  auto outputs = apply_and_read_outputs(R"(
data "rds_instances" "all" {}
output "ids" { value = data.rds_instances.all.ids }
output "names" { value = data.rds_instances.all.instances[*].name }
)");

  ASSERT_EQ(outputs["ids"].size(), 250u);
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(outputs["ids"][i], expected[i].second) << "position " << i;
    EXPECT_EQ(outputs["names"][i], expected[i].first) << "position " << i;
  }
  std::set<std::string> offsets;
  for (const auto& request : sim().requests()) {
    if (request.value("method", "") != "GET" || !request.value("path", "").ends_with("/instances")) continue;
    const std::string query = request.value("query", "");
    EXPECT_NE(query.find("limit=100"), std::string::npos) << query;
    const auto at = query.find("offset=");
    if (at != std::string::npos) offsets.insert(query.substr(at + 7, query.find('&', at) - at - 7));
  }
  EXPECT_EQ(offsets, (std::set<std::string>{"0", "100", "200"})) << "three pages of at most 100";
  expect_empty_plan("when nothing changed: the order must be stable");
}

TEST_F(DataSources, InstancesFiltersByEngineTypeAndSsl) {
  start();
  sim().add_instances({{{"id", "m-off"}, {"name", "m-off"}, {"enable_ssl", false}},
                       {{"id", "m-on"}, {"name", "m-on"}, {"enable_ssl", true}},
                       {{"id", "m-ha"}, {"name", "m-ha"}, {"type", "Ha"}, {"enable_ssl", false}},
                       {{"id", "pg"}, {"name", "pg"}, {"engine", "PostgreSQL"}, {"enable_ssl", false}},
                       {{"id", "old"}, {"name", "old"}, {"enable_ssl", nullptr}}});

  auto outputs = apply_and_read_outputs(R"(
data "rds_instances" "mysql" { engine = "MySQL" }
data "rds_instances" "mysql_without_ssl" {
  engine     = "MySQL"
  ssl_enable = false
}
data "rds_instances" "ha" { type = "Ha" }
data "rds_instances" "postgres" { engine = "postgresql" }
output "mysql" { value = data.rds_instances.mysql.ids }
output "mysql_without_ssl" { value = data.rds_instances.mysql_without_ssl.ids }
output "ha" { value = data.rds_instances.ha.ids }
output "postgres" { value = data.rds_instances.postgres.ids }
)");

  EXPECT_EQ(outputs["mysql"], nlohmann::json({"m-ha", "m-off", "m-on", "old"}));
  EXPECT_EQ(outputs["mysql_without_ssl"], nlohmann::json({"m-ha", "m-off"}))
      << "an instance that does not report SSL matches neither true nor false";
  EXPECT_EQ(outputs["ha"], nlohmann::json({"m-ha"}));
  EXPECT_EQ(outputs["postgres"], nlohmann::json({"pg"}));
}

// Under the docs' for_each pattern a typo that listed nothing would plan to drop every
// rds_instance_ssl; it fails `terraform validate` instead, listing the allowed values, with no API call.
TEST_F(DataSources, AnEngineOutsideTheDocumentedSetFailsValidateListingTheAllowedValues) {
  start();
  workspace().write_config(R"(
data "rds_instances" "mysql" { engine = "Oracle" }
output "ids" { value = data.rds_instances.mysql.ids }
)");
  auto validate = workspace().terraform({"validate", "-no-color"});
  EXPECT_EQ(validate.exit_code, 1) << validate.describe();
  const std::string output = validate.plain_output();
  EXPECT_NE(output.find("Unknown engine"), std::string::npos) << validate.describe();
  EXPECT_NE(output.find("engine must be one of MySQL, PostgreSQL, SQLServer (any case), got \"Oracle\""),
            std::string::npos)
      << validate.describe();
  EXPECT_EQ(sim().count_requests("GET", "/instances"), 0);
}

TEST_F(DataSources, InstancesNameIsExactUnlessItStartsWithAStar) {
  start();
  sim().add_instances({{{"id", "1"}, {"name", "orders"}},
                       {{"id", "2"}, {"name", "orders-eu"}},
                       {{"id", "3"}, {"name", "old-orders"}},
                       {{"id", "4"}, {"name", "billing"}}});

  auto outputs = apply_and_read_outputs(R"(
data "rds_instances" "exact" { name = "orders" }
data "rds_instances" "fuzzy" { name = "*orders" }
output "exact" { value = data.rds_instances.exact.instances[*].name }
output "fuzzy" { value = data.rds_instances.fuzzy.instances[*].name }
)");

  EXPECT_EQ(outputs["exact"], nlohmann::json({"orders"}));
  EXPECT_EQ(outputs["fuzzy"], nlohmann::json({"old-orders", "orders", "orders-eu"}));
}

TEST_F(DataSources, SslCertificatesListsTheDownloadLinksOfAMySqlInstance) {
  start();
  sim().add_instance("mysql-1", true);

  auto outputs = apply_and_read_outputs(R"(
data "rds_ssl_certificates" "x" { instance_id = "mysql-1" }
output "certificates" { value = data.rds_ssl_certificates.x.certificates }
)");

  const auto& certificates = outputs["certificates"];
  ASSERT_EQ(certificates.size(), 2u) << certificates.dump();
  EXPECT_EQ(certificates[0]["category"], "international");
  EXPECT_EQ(certificates[1]["category"], "national");
  for (const auto& certificate : certificates) {
    const std::string link = certificate["download_link"];
    // rds-sim's links point at the sim itself, in its scheme (tests/e2e run it over http).
    EXPECT_EQ(link, sim().base_url() + "/ssl-cert/mysql-1/" + certificate["category"].get<std::string>() +
                        "/Certificate_Download.zip");
  }
  EXPECT_EQ(sim().count_requests("GET", "/instances/mysql-1/ssl-cert/download-link"), 1);
}

TEST_F(DataSources, SslCertificatesOfAnEngineWithoutThemSayTheyAreNotOffered) {
  start();
  sim().add_instance("pg-1", false, "PostgreSQL");
  auto output = plan_error("data \"rds_ssl_certificates\" \"x\" { instance_id = \"pg-1\" }\n");
  EXPECT_NE(output.find("SSL certificate links are not offered for RDS instance pg-1"), std::string::npos)
      << output;
  EXPECT_NE(output.find("runs PostgreSQL 14, and the RDS API refused the call for it"), std::string::npos)
      << output;
  EXPECT_NE(output.find("DBS.200022"), std::string::npos) << output;
}

TEST_F(DataSources, SslCertificatesOnACloudWithoutTheApiSayTheyAreNotOffered) {
  start(SimOptions{.extra_args = {"--no-cert-links"}});
  sim().add_instance("mysql-1", false);
  auto output = plan_error("data \"rds_ssl_certificates\" \"x\" { instance_id = \"mysql-1\" }\n");
  EXPECT_NE(output.find("SSL certificate links are not offered for RDS instance mysql-1"), std::string::npos)
      << output;
  EXPECT_NE(output.find("does not have the call (its API gateway answered HTTP 404"), std::string::npos)
      << output;
  EXPECT_NE(output.find("HTTP status: 404"), std::string::npos) << output;
}

TEST_F(DataSources, SslCertificatesOfAMissingInstanceSayItDoesNotExist) {
  start();
  auto output = plan_error("data \"rds_ssl_certificates\" \"x\" { instance_id = \"ghost\" }\n");
  EXPECT_NE(output.find("RDS instance ghost does not exist in this project"), std::string::npos) << output;
  EXPECT_EQ(output.find("not offered"), std::string::npos) << output;
}

}  // namespace
}  // namespace rds::testing
