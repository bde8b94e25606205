// Secrets (secret_key, password, token, security_token) never reach the provider's log, even at trace
// level with every API call logged, for each authentication method.
#include <gtest/gtest.h>

#include <sstream>

#include "provider/logging/hclog.h"
#include "provider/resources/instance_ssl_schema.h"
#include "provider/resources/provider_schema.h"
#include "provider/resources/rds_provider.h"
#include "tests/resources/instance_ssl_fixture.h"
#include "tests/support/sim_process.h"

namespace rds::resources::testing {
namespace {

using rds::core::Value;

class CapturedLog {
 public:
  CapturedLog() {
    rds::logging::set_sink_for_testing(&lines_);
    rds::logging::set_level_for_testing(rds::logging::Level::trace);
  }
  ~CapturedLog() {
    rds::logging::set_sink_for_testing(nullptr);
    rds::logging::set_level_for_testing(std::nullopt);
  }
  std::string text() const { return lines_.str(); }

 private:
  std::ostringstream lines_;
};

// Configures a provider for `sim` with the given credential arguments, then creates, reads and
// imports rds_instance_ssl for db1.
void exercise(const rds::testing::SimProcess& sim, std::map<std::string, Value> credentials) {
  ProviderOptions options;
  options.environment = [](std::string_view) { return std::nullopt; };
  auto provider = make_rds_provider(std::move(options));
  credentials["endpoint"] = Value::string(sim.base_url());
  credentials["auth_url"] = Value::string(sim.auth_url());
  credentials["project_id"] = Value::string(sim.project_id());
  auto diags = provider->configure(Value::object(provider_schema().value_type(), credentials), "1.11.4", {});
  ASSERT_FALSE(diags.has_errors()) << describe(diags);
  auto resource = provider->resources().at(0);

  const Value config = ssl_config("db1", true);
  auto plan = resource->plan({Value::null(config.type()), config, config, ""});
  auto created = resource->apply({Value::null(config.type()), plan.planned_state, config, ""});
  ASSERT_FALSE(created.diagnostics.has_errors()) << describe(created.diagnostics);
  EXPECT_FALSE(resource->read({created.new_state, ""}).diagnostics.has_errors());
  EXPECT_FALSE(resource->import_state({"db1"}).diagnostics.has_errors());
}

TEST(SecretLogging, NoCredentialAppearsInTraceLogsForAnyAuthenticationMethod) {
  rds::testing::SimProcess sim({"--instance", "db1:MySQL:off", "--ssl-switch-seconds", "0.2", "--quiet",
                                "--secret-key", "SECRET-SK-7f3a", "--access-key", "AK-visible", "--password",
                                "SECRET-PW-91bc", "--token", "SECRET-TOKEN-55de"});
  CapturedLog log;
  exercise(sim,
           {{"access_key", Value::string("AK-visible")}, {"secret_key", Value::string("SECRET-SK-7f3a")}});
  sim.admin("PATCH", "/_admin/instances/db1", {{"enable_ssl", false}});
  exercise(sim, {{"user_name", Value::string("sim-user")},
                 {"password", Value::string("SECRET-PW-91bc")},
                 {"domain_name", Value::string("sim-domain")}});
  sim.admin("PATCH", "/_admin/instances/db1", {{"enable_ssl", false}});
  exercise(sim, {{"token", Value::string("SECRET-TOKEN-55de")}});

  const std::string text = log.text();
  // The log is not empty: every API step is there with its instance id.
  EXPECT_NE(text.find("\"instance_id\":\"db1\""), std::string::npos) << text.substr(0, 2000);
  EXPECT_NE(text.find("bringing SSL to the wanted value"), std::string::npos);
  // The API client's own lines (each HTTP call) are routed into the same log.
  EXPECT_NE(text.find("RDS API call"), std::string::npos);
  for (const char* secret : {"SECRET-SK-7f3a", "SECRET-PW-91bc", "SECRET-TOKEN-55de"}) {
    EXPECT_EQ(text.find(secret), std::string::npos) << secret << " leaked into the log";
  }
}

}  // namespace
}  // namespace rds::resources::testing
