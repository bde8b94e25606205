// Refresh, import and data-source reads have no timeouts argument, and are bounded to kReadTimeout
// (5 minutes) with all their retries. An API that answers 503 to everything, each answer taking 20 s of
// virtual time, with max_retries far beyond what 5 minutes allow: the read gives up at its bound, not
// after max_retries. The clock is virtual, so the test takes no real time and asserts no real time.
#include <gtest/gtest.h>

#include "provider/config/provider_context.h"
#include "provider/data_sources/rds_instance.h"
#include "provider/resources/instance_ssl_schema.h"
#include "provider/resources/rds_instance_ssl.h"
#include "tests/client/fakes.h"

namespace rds::resources {
namespace {

using namespace std::chrono_literals;
using rds::client::testing::FakeClock;
using rds::client::testing::FakeTransport;
using rds::client::testing::json_response;
using rds::core::Value;

constexpr auto kAnswerTakes = 20s;

class ReadBound : public ::testing::Test {
 protected:
  void SetUp() override {
    transport_ = std::make_shared<FakeTransport>([this](const rds::client::HttpRequest&) {
      clock_->advance(kAnswerTakes);
      return json_response(503, R"({"error_code":"APIGW.0201","error_msg":"busy"})");
    });
    rds::client::ClientConfig config;
    config.endpoint = "http://127.0.0.1:9";
    config.project_id = "p1";
    config.token = "t";
    config.max_retries = 1000;
    rds::client::Dependencies deps;
    deps.transport = transport_;
    deps.clock = clock_;
    context_->set_client(rds::client::RdsClient::create(config, deps));
  }

  // The virtual time the read took, checked against the bound: at most one answer past it (a request
  // that started before the deadline), and not much before it (the read used its time).
  void expect_bounded(const rds::core::Diagnostics& diagnostics) {
    EXPECT_TRUE(diagnostics.has_errors());
    EXPECT_LE(clock_->elapsed(), rds::config::kReadTimeout + kAnswerTakes)
        << transport_->requests.size() << " requests";
    EXPECT_GE(clock_->elapsed(), rds::config::kReadTimeout - 2 * kAnswerTakes)
        << transport_->requests.size() << " requests";
    EXPECT_LT(transport_->requests.size(), 1000u) << "max_retries must not be what ended the read";
  }

  std::shared_ptr<FakeClock> clock_ = std::make_shared<FakeClock>();
  std::shared_ptr<FakeTransport> transport_;
  std::shared_ptr<rds::config::ProviderContext> context_ = std::make_shared<rds::config::ProviderContext>();
};

Value ssl_state(const std::string& id) {
  static const rds::core::Type type = instance_ssl::schema().value_type();
  return Value::object(type, {{"id", Value::string(id)},
                              {"instance_id", Value::string(id)},
                              {"ssl_enable", Value::boolean(true)},
                              {"disable_on_destroy", Value::boolean(false)}});
}

TEST_F(ReadBound, ARefreshGivesUpAtFiveMinutes) {
  InstanceSslResource resource(context_);
  expect_bounded(resource.read({ssl_state("mysql-1"), "", {}}).diagnostics);
}

TEST_F(ReadBound, AnImportGivesUpAtFiveMinutes) {
  InstanceSslResource resource(context_);
  expect_bounded(resource.import_state({"mysql-1", {}}).diagnostics);
}

TEST_F(ReadBound, ADataSourceReadGivesUpAtFiveMinutes) {
  rds::data_sources::InstanceDataSource data_source(context_);
  const rds::core::Type type = data_source.schema().value_type();
  expect_bounded(data_source.read({Value::object(type, {{"id", Value::string("mysql-1")}}), {}}).diagnostics);
}

}  // namespace
}  // namespace rds::resources
