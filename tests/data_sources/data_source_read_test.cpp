// Data source reads in-process, through the configured rds provider, against a real rds-sim.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <thread>

#include "provider/config/provider_schema.h"
#include "provider/rds_provider.h"
#include "tests/support/eventually.h"
#include "tests/support/sim_process.h"

namespace rds::data_sources {
namespace {

using namespace std::chrono_literals;
using rds::core::Value;

std::string describe(const rds::core::Diagnostics& diags) {
  std::string out;
  for (const auto& d : diags) out += d.summary + ": " + d.detail + "\n";
  return out;
}

class DataSourceRead : public ::testing::Test {
 protected:
  void SetUp() override {
    sim_ = std::make_unique<rds::testing::SimProcess>(std::vector<std::string>{"--quiet"});
    rds::ProviderOptions options;
    options.environment = [](std::string_view) { return std::nullopt; };  // no OS_* from the test's env
    provider_ = rds::make_rds_provider(std::move(options));
    const Value config = Value::object(rds::config::provider_schema().value_type(),
                                       {{"endpoint", Value::string(sim_->base_url())},
                                        {"project_id", Value::string(sim_->project_id())},
                                        {"access_key", Value::string("sim-ak")},
                                        {"secret_key", Value::string("sim-sk")}});
    auto diags = provider_->configure(config, "1.11.4", {});
    ASSERT_FALSE(diags.has_errors()) << describe(diags);
  }

  rds::core::DataReadResult read(const std::string& type_name, std::map<std::string, Value> attributes) {
    for (auto& source : provider_->data_sources()) {
      if (source->type_name() != type_name) continue;
      return source->read({.config = Value::object(source->schema().value_type(), std::move(attributes))});
    }
    ADD_FAILURE() << "no data source " << type_name;
    return {};
  }

  std::unique_ptr<rds::testing::SimProcess> sim_;
  std::shared_ptr<rds::core::Provider> provider_;
};

TEST_F(DataSourceRead, ByIdNeverAdoptsAnotherInstanceEvenWhenTheApiMatchesFuzzily) {
  sim_->add_instance({{"id", "abc-in01"}, {"name", "other"}});
  // Validation refuses a leading *; a read that got one anyway must still not take the API's fuzzy match.
  auto result = read("rds_instance", {{"id", Value::string("*in01")}});
  ASSERT_TRUE(result.diagnostics.has_errors());
  EXPECT_NE(describe(result.diagnostics).find("does not exist"), std::string::npos)
      << describe(result.diagnostics);
}

TEST_F(DataSourceRead, ByNameKeepsTheConfiguredArgumentsAndFillsTheRest) {
  sim_->add_instance({{"id", "a1"}, {"name", "orders"}, {"engine", "PostgreSQL"}});
  auto result = read("rds_instance", {{"name", Value::string("orders")}});
  ASSERT_FALSE(result.diagnostics.has_errors()) << describe(result.diagnostics);
  EXPECT_EQ(result.state.get_string("name"), "orders");
  EXPECT_EQ(result.state.get_string("id"), "a1");
  EXPECT_EQ(result.state.get_string("engine"), "PostgreSQL");
  EXPECT_EQ(result.state.attr("port"), Value::number(5432));
  EXPECT_TRUE(result.state.is_wholly_known());
}

TEST_F(DataSourceRead, InstancesKeepTheFiltersAsConfigured) {
  sim_->add_instance({{"id", "a1"}, {"enable_ssl", true}});
  auto result =
      read("rds_instances", {{"engine", Value::string("mysql")}, {"ssl_enable", Value::boolean(true)}});
  ASSERT_FALSE(result.diagnostics.has_errors()) << describe(result.diagnostics);
  EXPECT_EQ(result.state.get_string("engine"), "mysql") << "Terraform requires arguments unchanged";
  EXPECT_TRUE(result.state.attr("name").is_null());
  ASSERT_EQ(result.state.attr("ids").elements().size(), 1u);
}

TEST_F(DataSourceRead, StopProviderEndsAReadThatWaitsOnTheApi) {
  sim_->add_instance({{"id", "a1"}});
  sim_->inject_fault({{"kind", "latency"}, {"latency_ms", 8000}, {"path_contains", "/instances"}});
  auto reading = std::async(std::launch::async, [&] { return read("rds_instances", {}); });
  // The sim counts a connection as the request arrives (its log entry comes with the delayed answer).
  ASSERT_TRUE(rds::testing::eventually([&] { return sim_->connections() > 0; })) << "the read never started";
  provider_->stop();
  ASSERT_EQ(reading.wait_for(10s), std::future_status::ready) << "the read did not stop";
  auto result = reading.get();
  ASSERT_TRUE(result.diagnostics.has_errors());
  EXPECT_NE(describe(result.diagnostics).find("asked the provider to stop"), std::string::npos)
      << describe(result.diagnostics);
}

}  // namespace
}  // namespace rds::data_sources
