// rds-sim's command line, seed parsing and fault parsing.
#include "sim/cli.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "sim/faults.h"
#include "sim/seed.h"
#include "sim/server.h"

namespace rds::sim {
namespace {

TEST(Cli, DefaultsMatchTheDocumentedOnes) {
  auto opt = parse_cli({});
  EXPECT_EQ(opt.host, "127.0.0.1");
  EXPECT_EQ(opt.port, 0);
  EXPECT_FALSE(opt.tls);
  EXPECT_EQ(opt.credentials.project_id, "sim-project");
  EXPECT_EQ(opt.credentials.access_key, "sim-ak");
  EXPECT_EQ(opt.credentials.secret_key, "sim-sk");
  EXPECT_EQ(opt.credentials.user_name, "sim-user");
  EXPECT_EQ(opt.credentials.password, "sim-password");
  EXPECT_EQ(opt.credentials.domain_name, "sim-domain");
  EXPECT_EQ(opt.credentials.static_token, "sim-token");
  EXPECT_DOUBLE_EQ(opt.settings.ssl_switch_seconds, 2.0);
  EXPECT_FALSE(opt.settings.job_mode);
  EXPECT_TRUE(opt.settings.cert_links);
}

TEST(Cli, ParsesEveryFlag) {
  auto opt = parse_cli({"--host",
                        "0.0.0.0",
                        "--port",
                        "8080",
                        "--tls",
                        "--project-id",
                        "p",
                        "--seed",
                        "s.json",
                        "--instance",
                        "a:PostgreSQL:on",
                        "--ssl-switch-seconds",
                        "0.5",
                        "--job-mode",
                        "--no-cert-links",
                        "--access-key",
                        "AK",
                        "--secret-key",
                        "SK",
                        "--user-name",
                        "u",
                        "--password",
                        "pw",
                        "--domain-name",
                        "d",
                        "--token",
                        "t",
                        "--quiet",
                        "--region",
                        "eu-nl",
                        "--files",
                        "/srv/registry",
                        "--tls-name",
                        "rds.sim.test",
                        "--tls-name",
                        "10.0.0.5"});
  EXPECT_EQ(opt.host, "0.0.0.0");
  EXPECT_EQ(opt.port, 8080);
  EXPECT_TRUE(opt.tls);
  EXPECT_EQ(opt.credentials.project_id, "p");
  EXPECT_EQ(opt.seed_file, "s.json");
  ASSERT_EQ(opt.instances.size(), 1u);
  EXPECT_EQ(opt.instances[0].engine, "PostgreSQL");
  EXPECT_EQ(opt.instances[0].enable_ssl, true);
  EXPECT_DOUBLE_EQ(opt.settings.ssl_switch_seconds, 0.5);
  EXPECT_TRUE(opt.settings.job_mode);
  EXPECT_FALSE(opt.settings.cert_links);
  EXPECT_EQ(opt.credentials.access_key, "AK");
  EXPECT_EQ(opt.credentials.secret_key, "SK");
  EXPECT_EQ(opt.credentials.user_name, "u");
  EXPECT_EQ(opt.credentials.password, "pw");
  EXPECT_EQ(opt.credentials.domain_name, "d");
  EXPECT_EQ(opt.credentials.static_token, "t");
  EXPECT_TRUE(opt.quiet);
  EXPECT_EQ(opt.region, "eu-nl");
  EXPECT_EQ(opt.files_dir, "/srv/registry");
  EXPECT_EQ(opt.tls_names, (std::vector<std::string>{"rds.sim.test", "10.0.0.5"}));
}

TEST(Cli, BadValuesNameTheFlag) {
  auto message_of = [](std::vector<std::string> args) {
    try {
      parse_cli(args);
    } catch (const CliError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message_of({"--port", "x"}).find("--port"), std::string::npos);
  EXPECT_NE(message_of({"--port", "70000"}).find("--port"), std::string::npos);
  EXPECT_NE(message_of({"--ssl-switch-seconds", "-1"}).find("--ssl-switch-seconds"), std::string::npos);
  EXPECT_NE(message_of({"--instance", "a:MySQL:maybe"}).find("--instance"), std::string::npos);
  EXPECT_NE(message_of({"--token"}).find("--token needs a value"), std::string::npos);
  EXPECT_NE(message_of({"--what"}).find("unknown option --what"), std::string::npos);
  for (const char* seed : {"-1", "x", "4294967296", "99999999999"})
    EXPECT_NE(message_of({"--fault-seed", seed}).find("--fault-seed"), std::string::npos) << seed;
  EXPECT_EQ(parse_cli({"--fault-seed", "4294967295"}).fault_seed, 4294967295u);
}

TEST(Cli, BaseUrlIsReachableForEveryHostForm) {
  EXPECT_EQ(base_url_for("127.0.0.1", 8080, false), "http://127.0.0.1:8080");
  EXPECT_EQ(base_url_for("0.0.0.0", 8080, false), "http://127.0.0.1:8080");
  EXPECT_EQ(base_url_for("::1", 8080, false), "http://[::1]:8080");
  EXPECT_EQ(base_url_for("::", 8080, false), "http://[::1]:8080");
  EXPECT_EQ(base_url_for("127.0.0.1", 8443, true), "https://localhost:8443");
  EXPECT_EQ(base_url_for("0.0.0.0", 8443, true), "https://localhost:8443");
  EXPECT_EQ(base_url_for("10.1.2.3", 8443, true), "https://10.1.2.3:8443");
}

TEST(Seed, InstanceFlagFormats) {
  EXPECT_EQ(instance_spec_from_flag("a").engine, "MySQL");
  EXPECT_EQ(instance_spec_from_flag("a:SQLServer").engine, "SQLServer");
  EXPECT_EQ(instance_spec_from_flag("a:MySQL:off").enable_ssl, false);
  EXPECT_THROW(instance_spec_from_flag(""), std::invalid_argument);
  EXPECT_THROW(instance_spec_from_flag("a:b:c:d"), std::invalid_argument);
}

TEST(Seed, InstanceCopiedFromAnRdsAnswerCanBeSeededAsIs) {
  auto answer = nlohmann::json::parse(R"({"id": "x", "name": "shop", "status": "ACTIVE", "type": "Ha",
      "datastore": {"type": "PostgreSQL", "version": "13"}, "enable_ssl": true, "port": 5433,
      "private_ips": ["10.0.0.1"], "region": "eu-nl", "created": "2026-01-01T00:00:00+0000"})");
  auto spec = instance_spec_from_json(answer);
  EXPECT_EQ(spec.id, "x");
  EXPECT_EQ(spec.name, "shop");
  EXPECT_EQ(spec.type, "Ha");
  EXPECT_EQ(spec.engine, "PostgreSQL");
  EXPECT_EQ(spec.engine_version, "13");
  EXPECT_EQ(spec.enable_ssl, true);
  EXPECT_EQ(spec.port, 5433);
  EXPECT_EQ(spec.private_ips, std::vector<std::string>{"10.0.0.1"});
  EXPECT_TRUE(spec.public_ips.empty());
}

TEST(Seed, AddressesAreListsOfStrings) {
  auto spec =
      instance_spec_from_json({{"private_ips", {"10.0.0.1", "10.0.0.2"}}, {"public_ips", {"80.1.2.3"}}});
  EXPECT_EQ(spec.private_ips, (std::vector<std::string>{"10.0.0.1", "10.0.0.2"}));
  EXPECT_EQ(spec.public_ips, std::vector<std::string>{"80.1.2.3"});
  EXPECT_FALSE(instance_spec_from_json(nlohmann::json::object()).private_ips) << "generated when absent";
  EXPECT_THROW(instance_spec_from_json({{"private_ips", "10.0.0.1"}}), std::invalid_argument);
  EXPECT_THROW(instance_spec_from_json({{"public_ips", nlohmann::json::array({1})}}), std::invalid_argument);
}

TEST(Seed, FileErrorsNameTheFileAndTheEntry) {
  const std::string path = ::testing::TempDir() + "rds_sim_bad_seed.json";
  std::ofstream(path) << R"({"instances": [{"id": "ok"}, {"id": "bad", "enable_ssl": "yes"}]})";
  try {
    load_seed_file(path);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find(path), std::string::npos) << what;
    EXPECT_NE(what.find("instances[1]"), std::string::npos) << what;
    EXPECT_NE(what.find("enable_ssl"), std::string::npos) << what;
  }
  std::remove(path.c_str());
  EXPECT_THROW(load_seed_file("/nonexistent/seed.json"), std::runtime_error);
}

TEST(FaultQueue, ParseRejectsUnknownKindsAndBadFields) {
  EXPECT_THROW(parse_fault({{"kind", "explode"}}), std::invalid_argument);
  EXPECT_THROW(parse_fault({{"count", 1}}), std::invalid_argument);
  EXPECT_THROW(parse_fault({{"kind", "status"}, {"status", 200}}), std::invalid_argument);
  EXPECT_THROW(parse_fault({{"kind", "latency"}, {"latency_ms", "slow"}}), std::invalid_argument);
}

TEST(FaultQueue, QueueMatchesMethodAndPathAndCountsDown) {
  FaultQueue queue;
  queue.add(parse_fault({{"kind", "status"}, {"count", 2}, {"method", "put"}, {"path_contains", "/ssl"}}));
  EXPECT_FALSE(queue.take("GET", "/v3/p/instances").has_value());
  EXPECT_FALSE(queue.take("GET", "/v3/p/instances/a/ssl").has_value());
  EXPECT_TRUE(queue.take("PUT", "/v3/p/instances/a/ssl").has_value());
  EXPECT_TRUE(queue.take("PUT", "/v3/p/instances/a/ssl").has_value());
  EXPECT_FALSE(queue.take("PUT", "/v3/p/instances/a/ssl").has_value());
}

TEST(FaultQueue, JobFailuresAreNotHttpFaults) {
  FaultQueue queue;
  queue.add(parse_fault({{"kind", "job_failure"}}));
  EXPECT_FALSE(queue.take("PUT", "/v3/p/instances/a/ssl").has_value());
  EXPECT_TRUE(queue.take_job_failure());
  EXPECT_FALSE(queue.take_job_failure());
}

}  // namespace
}  // namespace rds::sim
