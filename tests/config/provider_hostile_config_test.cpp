// Provider blocks and environments written to send requests elsewhere or to hang the provider:
// each is an error on the attribute, at validate time when the value is known there, at configure time
// when it only comes from the environment, and no API client is made.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tests/config/provider_config_support.h"

namespace rds::config {
namespace {

using namespace config_test_support;

TEST(ProviderHostileConfig, RegionWithAnAtSignFailsAtValidateNamingRegion) {
  auto diags = provider({})->validate_config(config({{"region", str("a@evil.com/")}}));
  EXPECT_TRUE(has_error_at(diags, "region", "\"@\"")) << dump(diags);
}

TEST(ProviderHostileConfig, RegionThatWouldEndTheHostFailsAtValidate) {
  for (const char* region : {"evil.com#", "a/b", "a?b", "a:1"}) {
    auto diags = provider({})->validate_config(config({{"region", str(region)}}));
    EXPECT_TRUE(has_error_at(diags, "region")) << region << "\n" << dump(diags);
  }
}

TEST(ProviderHostileConfig, OverlongRegionFailsAtValidate) {
  auto diags = provider({})->validate_config(config({{"region", str(std::string(65, 'a'))}}));
  EXPECT_TRUE(has_error_at(diags, "region", "65 characters")) << dump(diags);
}

TEST(ProviderHostileConfig, RegionFromOsRegionNameFailsAtConfigureNamingTheVariableAndMakesNoClient) {
  auto recorder = std::make_shared<Recorder>();
  auto diags = provider({{"OS_REGION_NAME", "a@evil.com/"}, {"OS_PROJECT_ID", "p1"}}, recorder)
                   ->configure(config({{"token", str("T")}}), "1.11.4", {});
  EXPECT_TRUE(has_error_at(diags, "region", "OS_REGION_NAME")) << dump(diags);
  EXPECT_FALSE(recorder->config) << "a client was made for " << recorder->config->region;
}

TEST(ProviderHostileConfig, OverlongProjectIdFromOsProjectIdFailsAtConfigureNamingTheVariable) {
  auto recorder = std::make_shared<Recorder>();
  auto diags =
      provider({{"OS_PROJECT_ID", std::string(100'000, 'a')}, {"RDS_ENDPOINT", "http://127.0.0.1:1"}},
               recorder)
          ->configure(config({{"token", str("T")}}), "1.11.4", {});
  EXPECT_TRUE(has_error_at(diags, "project_id", "OS_PROJECT_ID")) << dump(diags).substr(0, 2000);
  EXPECT_LT(dump(diags).size(), 2000u) << "the message must not echo the whole value";
  EXPECT_FALSE(recorder->config);
}

TEST(ProviderHostileConfig, EndpointWithUserAndPasswordFailsNamingEndpointAndNeverShowsThePassword) {
  auto diags = provider({})->validate_config(config({{"endpoint", str("http://user:secret@127.0.0.1:1")}}));
  EXPECT_TRUE(has_error_at(diags, "endpoint", "user name or password")) << dump(diags);
  EXPECT_TRUE(has_error_at(diags, "endpoint", "\"http://***@127.0.0.1:1\"")) << dump(diags);
  EXPECT_EQ(dump(diags).find("secret"), std::string::npos) << dump(diags);
}

TEST(ProviderHostileConfig, AuthUrlWithPasswordFromOsAuthUrlFailsNamingTheVariable) {
  auto diags =
      provider({{"OS_AUTH_URL", "https://u:secret@iam.example.com/v3"}})->validate_config(config({}));
  EXPECT_TRUE(has_error_at(diags, "auth_url", "OS_AUTH_URL")) << dump(diags);
  EXPECT_EQ(dump(diags).find("secret"), std::string::npos) << dump(diags);
}

TEST(ProviderHostileConfig, EndpointThatDoesNotParseFailsNamingEndpoint) {
  auto diags = provider({})->validate_config(config({{"endpoint", str("http://[::1")}}));
  EXPECT_TRUE(has_error_at(diags, "endpoint", "not a valid URL")) << dump(diags);
}

TEST(ProviderHostileConfig, AMisspelledUrlWithAPasswordIsRedactedEvenWhenItDoesNotParse) {
  // The password's "/" ends the authority early: the URL does not parse, and the message still hides it.
  auto diags =
      provider({})->validate_config(config({{"endpoint", str("https://user:pa/ss@rds.example.com")}}));
  EXPECT_TRUE(has_error_at(diags, "endpoint")) << dump(diags);
  EXPECT_EQ(dump(diags).find("pa/ss"), std::string::npos) << dump(diags);
}

// cacert_file: read at configure without blocking, and only a regular file of at most 1 MiB holding a
// certificate is accepted.
class ProviderCacertFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("provider-cacert-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  Diagnostics configure_with(const std::string& cacert_file) {
    return provider(kSimEnv)->configure(config({{"token", str("T")}, {"cacert_file", str(cacert_file)}}),
                                        "1.11.4", {});
  }

  std::filesystem::path dir_;
};

TEST_F(ProviderCacertFile, AFifoWithNoWriterIsAnErrorNamingItInsteadOfAHang) {
  const auto fifo = dir_ / "ca.pem";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  auto diags = configure_with(fifo.string());
  EXPECT_TRUE(has_error_at(diags, "cacert_file", "is a FIFO")) << dump(diags);
}

TEST_F(ProviderCacertFile, ADirectoryIsAnError) {
  auto diags = configure_with(dir_.string());
  EXPECT_TRUE(has_error_at(diags, "cacert_file", "is a directory")) << dump(diags);
}

TEST_F(ProviderCacertFile, DevZeroIsAnError) {
  auto diags = configure_with("/dev/zero");
  EXPECT_TRUE(has_error_at(diags, "cacert_file", "is a character device")) << dump(diags);
}

TEST_F(ProviderCacertFile, A200MiBFileIsAnErrorGivingItsSize) {
  const auto path = dir_ / "huge.pem";
  std::ofstream(path).close();
  std::filesystem::resize_file(path, 200ull * 1024 * 1024);  // sparse: costs no disk space
  auto diags = configure_with(path.string());
  EXPECT_TRUE(has_error_at(diags, "cacert_file", "is 200 MiB, over the 1 MiB limit")) << dump(diags);
}

TEST_F(ProviderCacertFile, AFileWithoutACertificateIsAnError) {
  const auto path = dir_ / "notes.txt";
  std::ofstream(path) << "not a certificate\n";
  auto diags = configure_with(path.string());
  EXPECT_TRUE(has_error_at(diags, "cacert_file", "holds no PEM certificate")) << dump(diags);
}

}  // namespace
}  // namespace rds::config
