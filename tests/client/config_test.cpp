// create() refuses incomplete configuration with a message naming the attribute to fix.
#include <gtest/gtest.h>

#include <functional>
#include <vector>

#include "client_harness.h"

namespace rds::client {
namespace {

using testing::ClientHarness;

std::string config_error(ClientConfig config) {
  try {
    ClientHarness h;
    h.make(std::move(config));
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "";
}

TEST(ClientConfigTest, ProjectIdIsRequired) {
  auto config = ClientHarness::token_config();
  config.project_id.clear();
  EXPECT_NE(config_error(config).find("project_id"), std::string::npos);
}

// The client states its invariant; naming the setting to fix, and where it came from, is the provider
// configuration's job (tests/config).
std::string incomplete_credentials(const std::function<void(ClientConfig&)>& change) {
  auto config = ClientHarness::token_config();
  change(config);
  return config_error(config);
}

TEST(ClientConfigTest, ACredentialSetThatIsNotCompleteIsRefusedNamingTheThreeSets) {
  const std::vector<std::function<void(ClientConfig&)>> incomplete = {
      [](ClientConfig& c) { c.access_key = "AK"; },                     // half a key pair
      [](ClientConfig& c) { c.token.clear(); },                         // nothing
      [](ClientConfig& c) { c.token.clear(), c.user_name = "alice"; },  // half a password login
      [](ClientConfig& c) { c.security_token = "st"; },                 // a security token without keys
  };
  for (std::size_t i = 0; i < incomplete.size(); ++i) {
    const auto message = incomplete_credentials(incomplete[i]);
    EXPECT_NE(message.find("one complete credential set"), std::string::npos) << i << ": " << message;
    EXPECT_NE(message.find("access_key and secret_key"), std::string::npos) << message;
    EXPECT_NE(message.find("token"), std::string::npos) << message;
    EXPECT_NE(message.find("user_name, password and domain_name"), std::string::npos) << message;
  }
}

TEST(ClientConfigTest, EndpointMustBeHttpOrHttps) {
  auto config = ClientHarness::token_config();
  config.endpoint = "ftp://rds.test";
  EXPECT_NE(config_error(config).find("endpoint"), std::string::npos);
}

TEST(ClientConfigTest, DefaultEndpointNeedsARegion) {
  auto config = ClientHarness::token_config();
  config.endpoint.clear();
  EXPECT_NE(config_error(config).find("region"), std::string::npos);
}

TEST(ClientConfigTest, DefaultEndpointIsDerivedFromTheRegion) {
  ClientHarness h;
  auto config = ClientHarness::token_config();
  config.endpoint.clear();
  config.region = "eu-de";
  h.transport->then(testing::json_response(200, R"({"instances":[]})"));
  h.make(config)->get_instance("i1");
  EXPECT_EQ(h.transport->requests.at(0).url(), "https://rds.eu-de.otc.t-systems.com/v3/p1/instances?id=i1");
}

TEST(ClientConfigTest, PasswordModeDerivesIamFromTheRegion) {
  ClientHarness h;
  auto config = ClientHarness::token_config();
  config.token.clear();
  config.region = "eu-nl";
  config.user_name = "u";
  config.password = "p";
  config.domain_name = "d";
  h.transport->then(testing::json_response(201, "{}", {{"x-subject-token", "t"}}));
  h.transport->then(testing::json_response(200, R"({"instances":[]})"));
  h.make(config)->get_instance("i1");
  EXPECT_EQ(h.transport->requests.at(0).url(), "https://iam.eu-nl.otc.t-systems.com/v3/auth/tokens");
}

// "a@evil.com/" made the default URL https://rds.a@evil.com/.otc.t-systems.com, whose host is
// evil.com; the client must refuse it before any request, with or without a password login.
TEST(ClientConfigTest, AHostileRegionIsRefusedBeforeAnyRequest) {
  for (const char* region : {"a@evil.com/", "evil.com#"}) {
    ClientHarness h;
    auto config = ClientHarness::token_config();
    config.endpoint.clear();
    config.region = region;
    EXPECT_THROW(h.make(config), ConfigError) << region;
    EXPECT_TRUE(h.transport->requests.empty()) << region;
  }
}

TEST(ClientConfigTest, AnIamUrlFromAHostileRegionIsRefused) {
  auto config = ClientHarness::token_config();
  config.token.clear();
  config.region = "a@evil.com/";
  config.user_name = "u";
  config.password = "p";
  config.domain_name = "d";
  EXPECT_NE(config_error(config).find("region"), std::string::npos);
}

TEST(ClientConfigTest, AUrlWithAPasswordIsRefusedAndNeverShown) {
  auto config = ClientHarness::token_config();
  config.endpoint = "https://user:secret@rds.test";
  const std::string message = config_error(config);
  EXPECT_NE(message.find("endpoint \"https://***@rds.test\""), std::string::npos) << message;
  EXPECT_EQ(message.find("secret"), std::string::npos) << message;
}

TEST(ClientConfigTest, AUrlThatDoesNotParseIsRefused) {
  auto config = ClientHarness::token_config();
  config.endpoint = "http://[::1";
  EXPECT_NE(config_error(config).find("endpoint"), std::string::npos);
}

TEST(ClientConfigTest, UnreadableCaFileIsRefused) {
  auto config = ClientHarness::token_config();
  config.cacert_file = "/nonexistent/ca.pem";
  EXPECT_NE(config_error(config).find("cacert_file"), std::string::npos);
}

TEST(ClientConfigTest, NegativeMaxRetriesIsRefused) {
  auto config = ClientHarness::token_config();
  config.max_retries = -1;
  EXPECT_NE(config_error(config).find("max_retries"), std::string::npos);
}

TEST(ClientConfigTest, UserAgentNamesProviderAndVersion) {
  EXPECT_TRUE(default_user_agent().starts_with("terraform-provider-rds/"));
  EXPECT_GT(default_user_agent().size(), std::string("terraform-provider-rds/").size());
}

TEST(ClientConfigTest, EndpointWithPathPrefixKeepsThePrefix) {
  ClientHarness h;
  auto config = ClientHarness::token_config();
  config.endpoint = "https://gw.test/rds/";
  h.transport->then(testing::json_response(200, R"({"instances":[]})"));
  h.make(config)->get_instance("i1");
  EXPECT_EQ(h.transport->requests.at(0).url(), "https://gw.test/rds/v3/p1/instances?id=i1");
}

}  // namespace
}  // namespace rds::client
