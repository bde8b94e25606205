// rds_ssl_ca_bundle read in-process through the rds provider, against a scripted transport: the state it
// fills in, and the warning for a bundle that came over plain http from a host on the network.
#include <gtest/gtest.h>

#include "provider/config/provider_schema.h"
#include "provider/rds_provider.h"
#include "sim/zip_writer.h"
#include "tests/client/fakes.h"
#include "tests/support/test_certificate.h"

namespace rds::data_sources {
namespace {

using rds::client::testing::FakeTransport;
using rds::client::testing::json_response;
using rds::core::Value;

const std::string kLinks = R"({"cert_info_list":[
  {"category":"international","download_link":"http://10.0.0.9/bundles/intl.zip"},
  {"category":"national","download_link":"http://10.0.0.9/bundles/national.zip"}]})";

std::string describe(const rds::core::Diagnostics& diags) {
  std::string out;
  for (const auto& d : diags) out += d.summary + ": " + d.detail + "\n";
  return out;
}

class SslCaBundleRead : public ::testing::Test {
 protected:
  void SetUp() override {
    rds::ProviderOptions options;
    options.environment = [](std::string_view) { return std::nullopt; };
    options.make_client = [this](rds::client::ClientConfig config) {
      rds::client::Dependencies deps;
      deps.transport = transport_;
      return rds::client::RdsClient::create(std::move(config), std::move(deps));
    };
    provider_ = rds::make_rds_provider(std::move(options));
    const Value config = Value::object(rds::config::provider_schema().value_type(),
                                       {{"endpoint", Value::string("http://rds.example.test")},
                                        {"project_id", Value::string("p1")},
                                        {"token", Value::string("static-token")}});
    auto diags = provider_->configure(config, "1.11.4", {});
    ASSERT_FALSE(diags.has_errors()) << describe(diags);
  }

  rds::core::DataReadResult read(std::map<std::string, Value> attributes) {
    for (auto& source : provider_->data_sources()) {
      if (source->type_name() != "rds_ssl_ca_bundle") continue;
      return source->read({.config = Value::object(source->schema().value_type(), std::move(attributes))});
    }
    ADD_FAILURE() << "no data source rds_ssl_ca_bundle";
    return {};
  }

  std::shared_ptr<FakeTransport> transport_ = std::make_shared<FakeTransport>();
  std::shared_ptr<rds::core::Provider> provider_;
};

TEST_F(SslCaBundleRead, FillsTheDefaultCategoryAndEveryComputedAttributeAndWarnsAboutPlainHttp) {
  transport_->then(json_response(200, kLinks));
  transport_->then(json_response(200, rds::sim::write_zip({rds::sim::deflated_file(
                                          "ca-bundle.pem", rds::testing::kTestCaCertificatePem)})));
  auto result = read({{"instance_id", Value::string("a1")}});
  ASSERT_FALSE(result.diagnostics.has_errors()) << describe(result.diagnostics);
  EXPECT_EQ(result.state.get_string("category"), "international");
  EXPECT_EQ(result.state.get_string("download_link"), "http://10.0.0.9/bundles/intl.zip");
  EXPECT_EQ(result.state.get_string("pem"), rds::testing::kTestCaCertificatePem);
  EXPECT_EQ(result.state.get_string("not_after"), "2126-11-12T02:28:07Z");
  ASSERT_EQ(result.state.attr("certificates").elements().size(), 1u);
  EXPECT_EQ(result.state.attr("certificates").elements()[0].get_string("sha256_fingerprint"),
            "7eb2d2b19b9d810ef31c5c2605b5cb8a7e75ff3202a10b4c350731acf2619bb7");
  EXPECT_TRUE(result.state.is_wholly_known());
  ASSERT_EQ(transport_->requests.size(), 2u);
  EXPECT_EQ(transport_->requests[1].url(), "http://10.0.0.9/bundles/intl.zip");

  ASSERT_EQ(result.diagnostics.items().size(), 1u) << describe(result.diagnostics);
  EXPECT_EQ(result.diagnostics.items()[0].severity, rds::core::Severity::warning);
  EXPECT_EQ(result.diagnostics.items()[0].summary, "CA bundle downloaded without TLS");
  EXPECT_EQ(
      result.diagnostics.items()[0].detail,
      "The CA bundle of RDS instance a1 was downloaded from http://10.0.0.9/bundles/intl.zip over plain "
      "http://, because the RDS endpoint is http://: anyone on the network path could have replaced the "
      "CA that clients will trust. Use an https:// endpoint.");
}

TEST_F(SslCaBundleRead, ReadsTheCategoryAsked) {
  transport_->then(json_response(200, kLinks));
  transport_->then(json_response(
      200, rds::sim::write_zip({rds::sim::deflated_file("sm2.cer", rds::testing::kTestCaCertificatePem)})));
  auto result = read({{"instance_id", Value::string("a1")}, {"category", Value::string("national")}});
  ASSERT_FALSE(result.diagnostics.has_errors()) << describe(result.diagnostics);
  EXPECT_EQ(result.state.get_string("category"), "national");
  EXPECT_EQ(transport_->requests.at(1).url(), "http://10.0.0.9/bundles/national.zip");
}

}  // namespace
}  // namespace rds::data_sources
