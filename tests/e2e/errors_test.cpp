// Issue 4, scenario 10 and friends: instances the provider cannot manage fail with a clear error.
#include <gtest/gtest.h>

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
  EXPECT_NE(apply.plain_output().find("no-such-instance"), std::string::npos) << apply.describe();
}

TEST_F(Errors, WrongCredentialsFailWithTheApiError) {
  start();
  sim().add_instance("mysql-1", false);
  workspace().set_env("OS_SECRET_KEY", "not-the-secret");
  workspace().write_config(ssl_resource("x", "mysql-1", true));

  auto apply = workspace().terraform({"apply", "-auto-approve", "-input=false", "-no-color"});

  EXPECT_EQ(apply.exit_code, 1) << apply.describe();
  EXPECT_EQ(apply.plain_output().find("not-the-secret"), std::string::npos) << "secrets must never be shown";
  EXPECT_FALSE(sim().ssl_enabled("mysql-1"));
}

}  // namespace
}  // namespace rds::testing
