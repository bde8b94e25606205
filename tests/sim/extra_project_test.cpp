// --extra-project: one sim serving the projects of two regions, as IAM and the RDS gateway see them.
#include <gtest/gtest.h>

#include "sim/cli.h"
#include "tests/sim/sim_http.h"

namespace rds::sim::testing {
namespace {

using rds::testing::SimProcess;

class ExtraProject : public ::testing::Test {
 protected:
  ExtraProject()
      : sim_({"--quiet", "--instance", "db1", "--extra-project", "eu-nl=sim-project-nl"}),
        http_(client_for(sim_)) {}

  httplib::Result login_by_name(const std::string& name) {
    nlohmann::json body = {{"auth",
                            {{"identity",
                              {{"methods", {"password"}},
                               {"password",
                                {{"user",
                                  {{"name", "sim-user"},
                                   {"password", "sim-password"},
                                   {"domain", {{"name", "sim-domain"}}}}}}}}},
                             {"scope", {{"project", {{"name", name}}}}}}}};
    return http_->Post("/v3/auth/tokens", body.dump(), "application/json");
  }

  SimProcess sim_;
  std::unique_ptr<httplib::Client> http_;
};

TEST_F(ExtraProject, IamListsBothProjectsAndFindsEachByName) {
  auto all = json_of(http_->Get("/v3/projects", token_headers()));
  ASSERT_EQ(all["projects"].size(), 2u) << all.dump();
  EXPECT_EQ(all["projects"][0]["id"], "sim-project");
  EXPECT_EQ(all["projects"][1]["id"], "sim-project-nl");
  auto nl = json_of(http_->Get("/v3/projects?name=eu-nl", token_headers()));
  ASSERT_EQ(nl["projects"].size(), 1u) << nl.dump();
  EXPECT_EQ(nl["projects"][0]["id"], "sim-project-nl");
  EXPECT_EQ(nl["projects"][0]["name"], "eu-nl");
  EXPECT_EQ(json_of(http_->Get("/v3/projects?name=eu-fr", token_headers()))["projects"].size(), 0u);
}

TEST_F(ExtraProject, ALoginScopedToTheExtraProjectNamesIt) {
  auto res = login_by_name("eu-nl");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 201);
  EXPECT_EQ(json_of(res)["token"]["project"]["id"], "sim-project-nl");
  EXPECT_EQ(login_by_name("eu-fr")->status, 401);
}

TEST_F(ExtraProject, RdsCallsMayNameEitherProjectButNoOther) {
  EXPECT_EQ(http_->Get("/v3/sim-project/instances", token_headers())->status, 200);
  EXPECT_EQ(http_->Get("/v3/sim-project-nl/instances", token_headers())->status, 200);
  EXPECT_EQ(http_->Get("/v3/sim-project-fr/instances", token_headers())->status, 403);
}

TEST(ExtraProjectFlag, TakesNameEqualsIdAndNamesItselfWhenMalformed) {
  const auto opt = parse_cli({"--extra-project", "eu-nl=p-nl", "--extra-project", "eu-fr=p-fr"});
  using Projects = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(opt.credentials.extra_projects, (Projects{{"eu-nl", "p-nl"}, {"eu-fr", "p-fr"}}));
  EXPECT_EQ(parse_cli({}).credentials.extra_projects, Projects{});
  for (const char* bad : {"eu-nl", "=p", "eu-nl="}) {
    try {
      parse_cli({"--extra-project", bad});
      ADD_FAILURE() << bad;
    } catch (const CliError& error) {
      EXPECT_NE(std::string(error.what()).find("--extra-project"), std::string::npos) << bad;
    }
  }
}

}  // namespace
}  // namespace rds::sim::testing
