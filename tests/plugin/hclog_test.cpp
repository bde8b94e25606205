#include "provider/logging/hclog.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>
#include <vector>

namespace rds::logging {
namespace {

class HclogTest : public ::testing::Test {
 protected:
  void SetUp() override { set_sink_for_testing(&sink_); }
  void TearDown() override {
    set_sink_for_testing(nullptr);
    set_level_for_testing(std::nullopt);
    ::unsetenv("TF_LOG");
    ::unsetenv("TF_LOG_PROVIDER");
  }
  std::vector<nlohmann::json> lines() const {
    std::vector<nlohmann::json> out;
    std::istringstream in(sink_.str());
    std::string line;
    while (std::getline(in, line)) out.push_back(nlohmann::json::parse(line));
    return out;
  }
  std::ostringstream sink_;
};

TEST_F(HclogTest, FormatsOneHclogJsonObjectPerLine) {
  const auto line =
      format_line(Level::debug, "hello", {{"instance_id", "abc"}}, "2026-11-28T00:00:00.000000Z");
  EXPECT_EQ(line,
            "{\"@level\":\"debug\",\"@message\":\"hello\",\"@module\":\"provider.terraform-provider-rds\","
            "\"@timestamp\":\"2026-11-28T00:00:00.000000Z\",\"instance_id\":\"abc\"}\n");
}

TEST_F(HclogTest, EscapesMessagesAndValuesAsJson) {
  const auto line = format_line(Level::info, "quote \" back \\ nl \n tab \t ctl \x01", {{"k\"", "v\n"}}, "t");
  const auto json = nlohmann::json::parse(line);
  EXPECT_EQ(json.at("@message"), "quote \" back \\ nl \n tab \t ctl \x01");
  EXPECT_EQ(json.at("k\""), "v\n");
  EXPECT_EQ(line.find('\n'), line.size() - 1) << "exactly one line";
}

TEST_F(HclogTest, LevelNamesParseCaseInsensitivelyAndJsonMeansTrace) {
  EXPECT_EQ(parse_level("TRACE"), Level::trace);
  EXPECT_EQ(parse_level("Debug"), Level::debug);
  EXPECT_EQ(parse_level("info"), Level::info);
  EXPECT_EQ(parse_level("WARN"), Level::warn);
  EXPECT_EQ(parse_level("error"), Level::error);
  EXPECT_EQ(parse_level("off"), Level::off);
  EXPECT_EQ(parse_level("JSON"), Level::trace);
  EXPECT_FALSE(parse_level("loud").has_value());
}

TEST_F(HclogTest, TfLogProviderWinsOverTfLogAndUnrecognisedMeansInfo) {
  ::setenv("TF_LOG", "trace", 1);
  EXPECT_EQ(level_from_environment(), Level::trace);
  ::setenv("TF_LOG_PROVIDER", "error", 1);
  EXPECT_EQ(level_from_environment(), Level::error);
  ::setenv("TF_LOG_PROVIDER", "loud", 1);
  EXPECT_EQ(level_from_environment(), Level::info);
  ::unsetenv("TF_LOG_PROVIDER");
  ::unsetenv("TF_LOG");
  EXPECT_EQ(level_from_environment(), Level::info);
}

TEST_F(HclogTest, WritesOnlyEnabledLevels) {
  set_level_for_testing(Level::warn);
  debug("hidden");
  info("hidden");
  warn("shown", {{"a", "1"}});
  error("shown too");
  const auto written = lines();
  ASSERT_EQ(written.size(), 2u);
  EXPECT_EQ(written[0].at("@level"), "warn");
  EXPECT_EQ(written[0].at("a"), "1");
  EXPECT_EQ(written[1].at("@level"), "error");
  EXPECT_FALSE(enabled(Level::info));
  EXPECT_TRUE(enabled(Level::error));
}

TEST_F(HclogTest, OffWritesNothing) {
  set_level_for_testing(Level::off);
  error("nothing");
  EXPECT_EQ(sink_.str(), "");
}

TEST_F(HclogTest, ConcurrentCallsNeverInterleaveLines) {
  set_level_for_testing(Level::trace);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t] {
      for (int i = 0; i < 200; ++i) info("line", {{"thread", std::to_string(t)}, {"i", std::to_string(i)}});
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(lines().size(), 800u);  // every line parses as one JSON object
}

TEST_F(HclogTest, TimestampIsRfc3339UtcWithMicroseconds) {
  set_level_for_testing(Level::info);
  info("now");
  const std::string timestamp = lines().at(0).at("@timestamp");
  ASSERT_EQ(timestamp.size(), 27u) << timestamp;  // 2026-11-28T00:00:00.000000Z
  EXPECT_EQ(timestamp[10], 'T');
  EXPECT_EQ(timestamp[19], '.');
  EXPECT_EQ(timestamp.back(), 'Z');
}

}  // namespace
}  // namespace rds::logging
