// clouds.yaml and secure.yaml as the openstack CLI reads them: the `cloud` argument fills what neither
// the block nor the environment sets. Real files in a temporary folder, found through
// OS_CLIENT_CONFIG_FILE and HOME.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "provider/config/clouds_yaml.h"
#include "provider/config/yaml_document.h"
#include "tests/config/provider_config_support.h"

namespace rds::config {
namespace {

using namespace config_test_support;

TEST(YamlDocument, MappingsSequencesAndScalarsBecomeJson) {
  const YamlDocument doc =
      parse_yaml("clouds:\n  otc:\n    region_name: eu-de\n    list: [a, b]\n    n: 5\n");
  ASSERT_TRUE(doc.problem.empty()) << doc.problem;
  EXPECT_EQ(doc.value["clouds"]["otc"]["region_name"], "eu-de");
  EXPECT_EQ(doc.value["clouds"]["otc"]["list"], nlohmann::json({"a", "b"}));
  EXPECT_EQ(doc.value["clouds"]["otc"]["n"], "5");
}

TEST(YamlDocument, ABrokenFileSaysWhere) {
  const YamlDocument doc = parse_yaml("clouds:\n  otc:\n\tregion_name: eu-de\n");
  EXPECT_NE(doc.problem.find("line 3"), std::string::npos) << doc.problem;
}

// "Billion laughs": nine levels of nine aliases each would expand to 387 million strings.
TEST(YamlDocument, AliasesThatExpandWithoutBoundAreRefused) {
  std::string yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i <= 9; ++i) {
    const std::string prev = "*a" + std::to_string(i - 1);
    yaml += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + prev;
    for (int j = 1; j < 9; ++j) yaml += ", " + prev;
    yaml += "]\n";
  }
  const YamlDocument doc = parse_yaml(yaml);
  EXPECT_NE(doc.problem.find("more than 100000 values"), std::string::npos) << doc.problem;
}

class CloudsYaml : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("rds-clouds-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_ / ".config/openstack");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void write(const std::string& relative, const std::string& text) { std::ofstream(dir_ / relative) << text; }
  ProviderSettings settings_with(std::map<std::string, Value> block, Env env, Diagnostics& diags) {
    env["HOME"] = dir_.string();
    ProviderSettings settings = settings_from_config(config(std::move(block)));
    apply_environment(settings, fake_env(env), diags);
    apply_clouds_yaml(settings, fake_env(env), diags);
    return settings;
  }
  std::filesystem::path dir_;
};

constexpr const char* kClouds = R"(clouds:
  otc:
    region_name: eu-nl
    auth:
      auth_url: https://iam.eu-nl.otc.t-systems.com/v3
      username: alice
      project_name: eu-nl_orders
      user_domain_name: OTC-EU-NL-0001
  keys:
    auth:
      ak: AK-FROM-FILE
      sk: SK-FROM-FILE
)";

TEST_F(CloudsYaml, TheCloudFillsWhatTheBlockAndTheEnvironmentLeaveAndSecureYamlAddsTheSecrets) {
  write(".config/openstack/clouds.yaml", kClouds);
  write(".config/openstack/secure.yaml", "clouds:\n  otc:\n    auth:\n      password: from-secure\n");
  Diagnostics diags;
  auto s = settings_with({{"cloud", str("otc")}, {"region", str("eu-de")}}, {{"OS_USERNAME", "bob"}}, diags);
  ASSERT_FALSE(diags.has_errors()) << dump(diags);
  EXPECT_EQ(s.region.value, std::optional<std::string>("eu-de")) << "the block wins";
  EXPECT_EQ(s.user_name.value, std::optional<std::string>("bob")) << "the environment wins";
  EXPECT_EQ(s.password.value, std::optional<std::string>("from-secure"));
  EXPECT_NE(s.password.origin.find("secure.yaml"), std::string::npos) << s.password.origin;
  EXPECT_EQ(s.project_name.value, std::optional<std::string>("eu-nl_orders"));
  EXPECT_EQ(s.domain_name.value, std::optional<std::string>("OTC-EU-NL-0001"));
  EXPECT_EQ(s.auth_url.origin, "cloud \"otc\" of " + (dir_ / ".config/openstack/clouds.yaml").string());
  EXPECT_FALSE(check_settings(s).has_errors()) << dump(check_settings(s));
}

TEST_F(CloudsYaml, OsCloudAndTheOtcAkSkKeysWork) {
  write("my-clouds.yaml", kClouds);
  Diagnostics diags;
  auto s = settings_with(
      {}, {{"OS_CLOUD", "keys"}, {"OS_CLIENT_CONFIG_FILE", (dir_ / "my-clouds.yaml").string()}}, diags);
  ASSERT_FALSE(diags.has_errors()) << dump(diags);
  EXPECT_EQ(s.access_key.value, std::optional<std::string>("AK-FROM-FILE"));
  EXPECT_EQ(s.secret_key.value, std::optional<std::string>("SK-FROM-FILE"));
}

TEST_F(CloudsYaml, AMissingFileAnUnknownCloudAndABrokenFileAreErrorsOnCloud) {
  Diagnostics none;
  settings_with({{"cloud", str("otc")}}, {}, none);
  EXPECT_TRUE(has_error_at(none, "cloud", "no clouds.yaml was found")) << dump(none);

  write(".config/openstack/clouds.yaml", kClouds);
  Diagnostics unknown;
  settings_with({{"cloud", str("prod")}}, {}, unknown);
  EXPECT_TRUE(has_error_at(unknown, "cloud", "has no cloud \"prod\"")) << dump(unknown);
  EXPECT_TRUE(has_error_at(unknown, "cloud", "it has keys, otc")) << dump(unknown);

  write(".config/openstack/clouds.yaml", "clouds: [\n");
  Diagnostics broken;
  settings_with({{"cloud", str("otc")}}, {}, broken);
  EXPECT_TRUE(has_error_at(broken, "cloud", "is not a YAML file the provider can read")) << dump(broken);
}

TEST_F(CloudsYaml, WithoutCloudNoFileIsRead) {
  write(".config/openstack/clouds.yaml", "clouds: [\n");
  Diagnostics diags;
  auto s = settings_with({}, {}, diags);
  EXPECT_FALSE(diags.has_errors()) << dump(diags);
  EXPECT_FALSE(s.region.known_set());
}

}  // namespace
}  // namespace rds::config
