// Secrets never reach the provider's log, even at trace level with every API call logged, for each
// authentication method: neither the ones configured (secret_key, security_token, password, token) nor
// the ones the provider makes or obtains (request signatures, the IAM token issued for the password).
#include <gtest/gtest.h>

#include <cctype>
#include <regex>
#include <sstream>

#include "client/curl_transport.h"
#include "provider/config/provider_schema.h"
#include "provider/logging/hclog.h"
#include "provider/rds_provider.h"
#include "provider/resources/instance_ssl_schema.h"
#include "tests/resources/instance_ssl_fixture.h"
#include "tests/support/sim_process.h"

namespace rds::resources::testing {
namespace {

using rds::core::Value;

constexpr const char* kSecretKey = "SECRET-SK-7f3a";
constexpr const char* kSecurityToken = "SECRET-STS-0c4e";
constexpr const char* kPassword = "SECRET-PW-91bc";
constexpr const char* kStaticToken = "SECRET-TOKEN-55de";
// Every token rds-sim issues is this prefix and 192 hex digits (sim/token_store.cpp); the test checks
// that premise below, so the search for the token the provider obtained cannot go stale unnoticed.
constexpr const char* kIssuedTokenPrefix = "MIIsim";

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
  auto diags = provider->configure(Value::object(rds::config::provider_schema().value_type(), credentials),
                                   "1.11.4", {});
  ASSERT_FALSE(diags.has_errors()) << describe(diags);
  auto resource = provider->resources().at(0);

  const Value config = ssl_config("db1", true);
  auto plan = resource->plan({Value::null(config.type()), config, config, ""});
  auto created = resource->apply({Value::null(config.type()), plan.planned_state, config, ""});
  ASSERT_FALSE(created.diagnostics.has_errors()) << describe(created.diagnostics);
  EXPECT_FALSE(resource->read({created.new_state, ""}).diagnostics.has_errors());
  EXPECT_FALSE(resource->import_state({"db1"}).diagnostics.has_errors());
}

// A token the sim issues for the password login, fetched by the test itself to check its shape.
std::string login_to(const rds::testing::SimProcess& sim) {
  rds::client::CurlTransport transport{rds::client::TransportOptions()};
  rds::client::HttpRequest request;
  request.method = "POST";
  request.base_url = sim.auth_url();
  request.path = "/auth/tokens";
  request.headers = {{"Content-Type", "application/json"}};
  request.body =
      nlohmann::json{
          {"auth",
           {{"identity",
             {{"methods", {"password"}},
              {"password",
               {{"user",
                 {{"name", "sim-user"}, {"password", kPassword}, {"domain", {{"name", "sim-domain"}}}}}}}}},
            {"scope", {{"project", {{"id", sim.project_id()}}}}}}}}
          .dump();
  const auto response = transport.send(request);
  EXPECT_EQ(response.status, 201) << response.body;
  return response.header("X-Subject-Token");
}

// The first run of 40 or more hex digits in `text`, or "".
std::string first_long_hex_run(const std::string& text) {
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && std::isxdigit(static_cast<unsigned char>(text[i]))) continue;
    if (i - start >= 40) return text.substr(start, i - start);
    start = i + 1;
  }
  return "";
}

int count(const rds::testing::SimProcess& sim, const std::string& method, const std::string& auth) {
  int n = 0;
  for (const auto& request : sim.requests())
    if (request.value("method", "") == method && request.value("auth", "") == auth) ++n;
  return n;
}

TEST(SecretLogging, NoCredentialAppearsInTraceLogsForAnyAuthenticationMethod) {
  rds::testing::SimProcess sim({"--instance", "db1:MySQL:off", "--ssl-switch-seconds", "0.2", "--quiet",
                                "--secret-key", kSecretKey, "--access-key", "AK-visible", "--security-token",
                                kSecurityToken, "--password", kPassword, "--token", kStaticToken});
  const std::string issued = login_to(sim);
  ASSERT_TRUE(std::regex_match(issued, std::regex(std::string(kIssuedTokenPrefix) + "[0-9a-f]{192}")))
      << issued;
  sim.reset();

  CapturedLog log;
  // AK/SK with temporary credentials: the sim refuses AK/SK requests without the security token.
  exercise(sim, {{"access_key", Value::string("AK-visible")},
                 {"secret_key", Value::string(kSecretKey)},
                 {"security_token", Value::string(kSecurityToken)}});
  const int signed_requests = count(sim, "PUT", "aksk");
  sim.admin("PATCH", "/_admin/instances/db1", {{"enable_ssl", false}});
  exercise(sim, {{"user_name", Value::string("sim-user")},
                 {"password", Value::string(kPassword)},
                 {"domain_name", Value::string("sim-domain")}});
  sim.admin("PATCH", "/_admin/instances/db1", {{"enable_ssl", false}});
  exercise(sim, {{"token", Value::string(kStaticToken)}});

  // Every method was really used: signed requests, a password login, requests with a token.
  EXPECT_EQ(signed_requests, 1) << sim.requests().dump(1);
  int logins = 0;
  for (const auto& request : sim.requests()) logins += request.value("path", "") == "/v3/auth/tokens" ? 1 : 0;
  EXPECT_EQ(logins, 1) << sim.requests().dump(1);
  EXPECT_EQ(count(sim, "PUT", "token"), 2) << sim.requests().dump(1);

  const std::string text = log.text();
  // The log is not empty: every API step is there with its instance id.
  EXPECT_NE(text.find("\"instance_id\":\"db1\""), std::string::npos) << text.substr(0, 2000);
  EXPECT_NE(text.find("bringing SSL to the wanted value"), std::string::npos);
  // The API client's own lines (each HTTP call, the IAM login too) are routed into the same log.
  EXPECT_NE(text.find("RDS API call"), std::string::npos);
  EXPECT_NE(text.find("IAM login"), std::string::npos);
  for (const char* secret :
       {kSecretKey, kSecurityToken, kPassword, kStaticToken, kIssuedTokenPrefix, "Signature="}) {
    EXPECT_EQ(text.find(secret), std::string::npos) << secret << " leaked into the log";
  }
  // Signatures and issued tokens are long runs of hex digits (64 and 192); nothing logged looks like one.
  EXPECT_EQ(first_long_hex_run(text), "") << "a signature or token leaked into the log";
}

}  // namespace
}  // namespace rds::resources::testing
