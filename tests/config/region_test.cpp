// The per-region API clients of a configured provider, and how a resource's region is planned.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "client/errors.h"
#include "client/regional_config.h"
#include "provider/config/region_attribute.h"
#include "provider/config/region_clients.h"
#include "provider/resources/instance_ssl_schema.h"

namespace rds::config {
namespace {

using rds::client::ClientConfig;
using rds::core::AttributePath;
using rds::core::Type;
using rds::core::Value;

ClientConfig provider_config(std::string endpoint = "") {
  ClientConfig config;
  config.region = "eu-de";
  config.project_id = "home-project";
  config.access_key = "ak";
  config.secret_key = "sk";
  config.endpoint_origin = endpoint.empty() ? "" : "argument endpoint in the provider block";
  config.endpoint = std::move(endpoint);
  return config;
}

// Records what the factory was asked for; the clients are real ones that never send anything here.
struct Factory {
  std::atomic<int> calls{0};
  std::mutex mutex;
  std::vector<ClientConfig> configs;
  std::vector<std::shared_ptr<rds::client::RateLimiter>> limiters;

  RegionClients::Factory function() {
    return [this](ClientConfig config, std::shared_ptr<rds::client::RateLimiter> limiter) {
      ++calls;
      std::lock_guard lock(mutex);
      configs.push_back(config);
      limiters.push_back(limiter);
      return rds::client::RdsClient::create(std::move(config));
    };
  }
};

struct Regions {
  explicit Regions(ClientConfig config)
      : home(rds::client::RdsClient::create(rds::client::config_for_region(config, config.region))),
        limiter(std::make_shared<rds::client::RateLimiter>(rds::client::system_clock(), 0)),
        regions(std::make_shared<RegionClients>(config, home, limiter, factory.function())) {}
  Factory factory;
  std::shared_ptr<rds::client::RdsClient> home;
  std::shared_ptr<rds::client::RateLimiter> limiter;
  std::shared_ptr<RegionClients> regions;
};

TEST(RegionClients, TheProvidersRegionIsTheProvidersOwnClient) {
  Regions r(provider_config());
  EXPECT_EQ(r.regions->client(""), r.home);
  EXPECT_EQ(r.regions->client("eu-de"), r.home);
  EXPECT_EQ(r.factory.calls, 0);
}

TEST(RegionClients, AnotherRegionGetsOneClientOfItsOwnWithItsProjectAndTheSharedLimiter) {
  Regions r(provider_config());
  const auto nl = r.regions->client("eu-nl");
  ASSERT_NE(nl, nullptr);
  EXPECT_NE(nl, r.home);
  EXPECT_EQ(r.regions->client("eu-nl"), nl) << "kept, not made again";
  ASSERT_EQ(r.factory.calls, 1);
  const ClientConfig& config = r.factory.configs.front();
  EXPECT_EQ(config.region, "eu-nl");
  EXPECT_EQ(config.project_id, "") << "the provider's project_id is eu-de's; eu-nl's is found by name";
  EXPECT_EQ(config.project_name, "");
  EXPECT_EQ(config.endpoint, "") << "derived from the region: https://rds.eu-nl.otc.t-systems.com";
  EXPECT_EQ(config.access_key, "ak");
  EXPECT_EQ(r.factory.limiters.front(), r.limiter) << "one rate limit for the whole process";
  EXPECT_NE(r.regions->client("eu-fr"), nl);
  EXPECT_EQ(r.factory.calls, 2);
}

TEST(RegionClients, ConcurrentFirstUsesOfARegionMakeOneClient) {
  Regions r(provider_config("https://rds.{region}.example.com"));
  std::vector<std::thread> threads;
  std::vector<std::shared_ptr<rds::client::RdsClient>> seen(16);
  for (std::size_t i = 0; i < seen.size(); ++i)
    threads.emplace_back([&, i] { seen[i] = r.regions->client(i % 2 ? "eu-nl" : "eu-fr"); });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(r.factory.calls, 2);
  for (std::size_t i = 2; i < seen.size(); ++i) EXPECT_EQ(seen[i], seen[i % 2]) << i;
}

TEST(RegionClients, ThePlaceholderOfACustomEndpointTakesTheRegion) {
  Regions r(provider_config("https://rds.{region}.example.com"));
  EXPECT_EQ(r.regions->problem("eu-nl"), "");
  r.regions->client("eu-nl");
  ASSERT_EQ(r.factory.calls, 1);
  EXPECT_EQ(r.factory.configs.front().endpoint, "https://rds.eu-nl.example.com");
  EXPECT_EQ(
      rds::client::config_for_region(provider_config("https://rds.{region}.example.com"), "eu-de").endpoint,
      "https://rds.eu-de.example.com");
  EXPECT_EQ(rds::client::config_for_region(provider_config(), "eu-de").project_id, "home-project");
}

TEST(RegionClients, ACustomEndpointWithoutThePlaceholderServesTheProvidersRegionOnly) {
  Regions r(provider_config("https://rds.private.example.com"));
  EXPECT_EQ(r.regions->client("eu-de"), r.home);
  const std::string problem = r.regions->problem("eu-nl");
  EXPECT_NE(problem.find("region is \"eu-nl\""), std::string::npos) << problem;
  EXPECT_NE(problem.find("argument endpoint in the provider block"), std::string::npos) << problem;
  EXPECT_NE(problem.find("{region}"), std::string::npos) << problem;
  EXPECT_THROW(r.regions->client("eu-nl"), rds::client::ConfigError);
  EXPECT_EQ(r.factory.calls, 0);
}

TEST(RegionClients, ARegionThatWouldChangeTheHostIsRefused) {
  Regions r(provider_config("https://rds.{region}.example.com"));
  for (const char* region : {"evil.com/", "a@b", "x y", "eu-nl.attacker"}) {
    EXPECT_NE(r.regions->problem(region), "") << region;
    EXPECT_THROW(r.regions->client(region), rds::client::ConfigError) << region;
  }
  EXPECT_THROW(rds::client::with_region("https://rds.{region}.example.com", "evil.com/"),
               rds::client::ConfigError);
  EXPECT_EQ(r.factory.calls, 0);
}

// plan_region over a plan of rds_instance_ssl.
class RegionPlan : public ::testing::Test {
 protected:
  RegionPlan() { context_->set_regions(regions_.regions); }

  static Value object(std::map<std::string, Value> attributes) {
    return Value::object(rds::resources::instance_ssl::schema().value_type(), std::move(attributes));
  }
  static Value with_region(const char* region) {
    return object({{"instance_id", Value::string("db1")},
                   {"region", region ? Value::string(region) : Value::null(Type::string())}});
  }
  rds::core::PlannedChange plan(const Value& prior, const Value& config) {
    rds::core::PlannedChange change{config, {}};
    plan_region(*context_, prior, config, change);
    return change;
  }
  Regions regions_{provider_config()};
  std::shared_ptr<ProviderContext> context_ = std::make_shared<ProviderContext>();
};

const AttributePath kRegionPath{"region"};

TEST_F(RegionPlan, ANewObjectWithoutRegionIsInTheProvidersRegion) {
  const auto change =
      plan(Value::null(rds::resources::instance_ssl::schema().value_type()), with_region(nullptr));
  EXPECT_EQ(change.planned_state.attr("region"), Value::string("eu-de"));
  EXPECT_TRUE(change.requires_replace.empty());
}

TEST_F(RegionPlan, ChangingTheRegionReplaces) {
  const auto change = plan(with_region("eu-de"), with_region("eu-nl"));
  EXPECT_EQ(change.planned_state.attr("region"), Value::string("eu-nl"));
  EXPECT_EQ(change.requires_replace, std::vector<AttributePath>{kRegionPath});
}

TEST_F(RegionPlan, ARegionNotYetKnownReplaces) {
  const auto change =
      plan(with_region("eu-de"), with_region(nullptr).with_attr("region", Value::unknown(Type::string())));
  EXPECT_EQ(change.requires_replace, std::vector<AttributePath>{kRegionPath});
}

TEST_F(RegionPlan, LeftOutTheRegionStaysWhereTheObjectIs) {
  const auto change = plan(with_region("eu-nl"), with_region(nullptr));
  EXPECT_EQ(change.planned_state.attr("region"), Value::string("eu-nl"));
  EXPECT_TRUE(change.requires_replace.empty());
}

TEST_F(RegionPlan, AStateWithoutRegionPlansNoChange) {
  const auto change = plan(with_region(nullptr), with_region(nullptr));
  EXPECT_TRUE(change.planned_state.attr("region").is_null());
  EXPECT_TRUE(change.requires_replace.empty());
}

TEST_F(RegionPlan, AStateWithoutRegionIsInTheProvidersRegion) {
  EXPECT_TRUE(plan(with_region(nullptr), with_region("eu-de")).requires_replace.empty());
  EXPECT_EQ(plan(with_region(nullptr), with_region("eu-nl")).requires_replace,
            std::vector<AttributePath>{kRegionPath});
}

TEST_F(RegionPlan, AnUnconfiguredProviderLeavesANewObjectsRegionUnknown) {
  auto unconfigured = std::make_shared<ProviderContext>();
  rds::core::PlannedChange change{with_region(nullptr), {}};
  plan_region(*unconfigured, Value::null(rds::resources::instance_ssl::schema().value_type()),
              with_region(nullptr), change);
  EXPECT_FALSE(change.planned_state.attr("region").is_known());
}

}  // namespace
}  // namespace rds::config
