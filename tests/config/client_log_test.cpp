#include "provider/config/client_log.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "provider/logging/hclog.h"

namespace rds::config {
namespace {

class ClientLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    rds::logging::set_sink_for_testing(&sink_);
    rds::logging::set_level_for_testing(rds::logging::Level::trace);
  }
  void TearDown() override {
    rds::logging::set_sink_for_testing(nullptr);
    rds::logging::set_level_for_testing(std::nullopt);
  }
  std::ostringstream sink_;
};

TEST_F(ClientLogTest, EveryFieldOfAClientLogLineBecomesAnHclogField) {
  rds::client::LogFields fields;
  for (int i = 0; i < 9; ++i) fields.emplace_back("k" + std::to_string(i), "v" + std::to_string(i));
  client_log_sink()(rds::client::LogLevel::debug, "GET /v3/p/instances", fields);

  const auto line = nlohmann::json::parse(sink_.str());
  EXPECT_EQ(line["@level"], "debug");
  EXPECT_EQ(line["@message"], "GET /v3/p/instances");
  for (int i = 0; i < 9; ++i) EXPECT_EQ(line["k" + std::to_string(i)], "v" + std::to_string(i));
}

TEST_F(ClientLogTest, LinesBelowTheConfiguredLevelAreDropped) {
  rds::logging::set_level_for_testing(rds::logging::Level::warn);
  client_log_sink()(rds::client::LogLevel::debug, "polling", {{"instance_id", "db1"}});
  EXPECT_EQ(sink_.str(), "");
}

}  // namespace
}  // namespace rds::config
