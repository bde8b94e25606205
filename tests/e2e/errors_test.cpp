// Instances the provider cannot manage fail with a clear error.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/e2e/support/e2e_test.h"

namespace rds::testing {
namespace {

using Errors = E2eTest;

TEST_F(Errors, NonMySqlInstanceFailsNamingTheInstanceAndEngine) {
  start();
  sim().add_instance("pg-1", false, "PostgreSQL");
  workspace().write_config(ssl_resource("x", "pg-1", true));

  auto apply = workspace().terraform({"apply", "-auto-approve", "-input=false", "-no-color"});

  EXPECT_EQ(apply.exit_code, 1) << apply.describe();
  std::string output = apply.plain_output();
  EXPECT_NE(output.find("pg-1"), std::string::npos) << "the error must name the instance\n"
                                                    << apply.describe();
  EXPECT_NE(output.find("PostgreSQL"), std::string::npos) << "the error must name the engine\n"
                                                          << apply.describe();
  EXPECT_NE(output.find("MySQL"), std::string::npos) << "the error must say MySQL is required\n"
                                                     << apply.describe();
  EXPECT_EQ(sim().count_requests("PUT", "/ssl"), 0) << "nothing may be sent to a non-MySQL instance";
  EXPECT_FALSE(sim().ssl_enabled("pg-1"));
}

TEST_F(Errors, MissingInstanceFailsNamingIt) {
  start();
  workspace().write_config(ssl_resource("x", "no-such-instance", true));

  auto apply = workspace().terraform({"apply", "-auto-approve", "-input=false", "-no-color"});

  EXPECT_EQ(apply.exit_code, 1) << apply.describe();
  // The provider's words, not the id Terraform echoes itself in the error's source snippet.
  EXPECT_NE(apply.plain_output().find("RDS instance no-such-instance does not exist"), std::string::npos)
      << apply.describe();
  EXPECT_EQ(sim().count_requests("PUT", "/ssl"), 0);
}

// An API error that carries terminal escape sequences (retitle the terminal, clear
// the screen) reaches the user's terminal with none of them, and an endless message is cut.
TEST_F(Errors, AnApiErrorHoldingEscapeSequencesPrintsNone) {
  start();
  sim().add_instance("mysql-1", false);
  sim().inject_fault({{"kind", "status"},
                      {"status", 400},
                      {"error_code", "DBS.999\x1b[2J"},
                      {"error_msg", "refused\x1b]0;pwned\x07\x1b[2J" + std::string(100000, 'z')},
                      {"method", "GET"},
                      {"count", 1}});
  workspace().write_config(ssl_resource("x", "mysql-1", true));

  auto plan = workspace().terraform({"plan", "-input=false", "-no-color"});

  EXPECT_EQ(plan.exit_code, 1) << plan.describe();
  EXPECT_EQ(sim().faulted_requests("status"), 1);
  EXPECT_NE(plan.err.find("Error message: refused ]0;pwned"), std::string::npos) << plan.describe();
  // -no-color: Terraform itself writes no ESC either, so any would be the API's.
  EXPECT_EQ(plan.out.find('\x1b'), std::string::npos) << "an ESC reached the terminal";
  EXPECT_EQ(plan.err.find('\x1b'), std::string::npos) << "an ESC reached the terminal";
  EXPECT_EQ(plan.out.find('\x07'), std::string::npos) << "a BEL reached the terminal";
  EXPECT_EQ(plan.err.find('\x07'), std::string::npos) << "a BEL reached the terminal";
  EXPECT_NE(plan.plain_output().find("bytes)"), std::string::npos) << "the 100 kB message must be cut";
  EXPECT_LT(plan.out.size() + plan.err.size(), 20000u) << "the 100 kB message must be cut";
}

TEST_F(Errors, WrongCredentialsFailWithTheApiError) {
  start();
  sim().add_instance("mysql-1", false);
  workspace().set_env("OS_SECRET_KEY", "not-the-secret");
  workspace().write_config(ssl_resource("x", "mysql-1", true));

  auto apply = workspace().terraform({"apply", "-auto-approve", "-input=false", "-no-color"});

  EXPECT_EQ(apply.exit_code, 1) << apply.describe();
  const std::string output = apply.plain_output();
  EXPECT_EQ(output.find("not-the-secret"), std::string::npos) << "secrets must never be shown";
  EXPECT_FALSE(sim().ssl_enabled("mysql-1"));

  // The gateway refused the signature once (a wrong key is not retried); the error shows that answer.
  std::vector<nlohmann::json> refused;
  for (const auto& request : sim().requests())
    if (request.value("status", 0) == 401) refused.push_back(request);
  ASSERT_EQ(refused.size(), 1u) << sim().requests().dump(1);
  EXPECT_EQ(refused[0].value("auth", ""), "aksk");
  EXPECT_EQ(sim().count_requests("PUT", "/ssl"), 0);
  const std::vector<std::string> lines = {"HTTP status: 401", "Error code: APIGW.0301",
                                          "Request ID: " + refused[0].value("request_id", "")};
  for (const auto& line : lines) {
    EXPECT_NE(output.find(line), std::string::npos) << "the error must show " << line << "\n"
                                                    << apply.describe();
  }
}

}  // namespace
}  // namespace rds::testing
