// Requests Terraform itself never sends, over real gRPC to the real provider on protocols 5 and 6,
// found by a black-box test of the built binary: they must get an error diagnostic, never
// crash or hang the process.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "tests/harness/plugin_process.h"
#include "tests/harness/wire_config.h"
#include "tests/protocol/version_traits.h"

namespace rds::testing {
namespace {

// A provider block that configures without touching the network: a token needs no login, and
// nothing listens on port 9 of loopback (no call gets that far in these tests).
std::map<std::string, std::string> offline_provider_values() {
  return {{"project_id", msgpack_string("p1")},
          {"token", msgpack_string("t")},
          {"endpoint", msgpack_string("http://127.0.0.1:9")}};
}

template <class P>
class ProviderHostileRpc : public ::testing::Test {
 protected:
  void SetUp() override {
    PluginOptions options;
    options.binary = provider_binary_path();
    options.protocol_versions = {P::kVersion};
    plugin_ = std::make_unique<PluginProcess>(options);
    stub_ = plugin_->template stub<P>();
    auto context = PluginProcess::context();
    ASSERT_TRUE(P::get_schema(*stub_, context.get(), {}, &schema_).ok());
  }

  typename P::Configure::Response configure(const std::map<std::string, std::string>& values) {
    typename P::Configure::Request request;
    request.set_terraform_version("1.11.4");
    request.mutable_config()->set_msgpack(encode_object(schema_.provider().block(), values));
    typename P::Configure::Response response;
    auto context = PluginProcess::context();
    const grpc::Status status = P::configure(*stub_, context.get(), request, &response);
    EXPECT_TRUE(status.ok()) << "ConfigureProvider: " << status.error_message() << "\n"
                             << plugin_->process().stderr_so_far();
    return response;
  }
  bool configured_offline() { return configure(offline_provider_values()).diagnostics_size() == 0; }

  const auto& ssl_block() const { return schema_.resource_schemas().at("rds_instance_ssl").block(); }
  std::string ssl_object(const std::map<std::string, std::string>& values) const {
    return encode_object(ssl_block(), values);
  }

  // Each call below must be answered (a gRPC status OK), whatever it carries.
  typename P::Apply::Response apply(const std::string& prior, const std::string& config,
                                    const std::string& planned) {
    typename P::Apply::Request request;
    request.set_type_name("rds_instance_ssl");
    request.mutable_prior_state()->set_msgpack(prior);
    request.mutable_config()->set_msgpack(config);
    request.mutable_planned_state()->set_msgpack(planned);
    typename P::Apply::Response response;
    auto context = PluginProcess::context();
    expect_answered(this->stub_->ApplyResourceChange(context.get(), request, &response));
    return response;
  }
  typename P::Plan::Response plan(const std::string& object, const std::string& prior_private) {
    typename P::Plan::Request request;
    request.set_type_name("rds_instance_ssl");
    request.mutable_prior_state()->set_msgpack(object);
    request.mutable_config()->set_msgpack(object);
    request.mutable_proposed_new_state()->set_msgpack(object);
    request.set_prior_private(prior_private);
    typename P::Plan::Response response;
    auto context = PluginProcess::context();
    expect_answered(this->stub_->PlanResourceChange(context.get(), request, &response));
    return response;
  }
  typename P::Read::Response read(const std::string& current) {
    typename P::Read::Request request;
    request.set_type_name("rds_instance_ssl");
    request.mutable_current_state()->set_msgpack(current);
    typename P::Read::Response response;
    auto context = PluginProcess::context();
    expect_answered(this->stub_->ReadResource(context.get(), request, &response));
    return response;
  }
  // A data source read whose config sets no attribute.
  typename P::ReadData::Response read_empty_data_source(const std::string& type) {
    typename P::ReadData::Request request;
    request.set_type_name(type);
    request.mutable_config()->set_msgpack(encode_object(schema_.data_source_schemas().at(type).block(), {}));
    typename P::ReadData::Response response;
    auto context = PluginProcess::context();
    expect_answered(this->stub_->ReadDataSource(context.get(), request, &response));
    return response;
  }
  void expect_answered(const grpc::Status& status) {
    EXPECT_TRUE(status.ok()) << status.error_message() << "\n" << plugin_->process().stderr_so_far();
  }

  std::unique_ptr<PluginProcess> plugin_;
  std::unique_ptr<typename P::Stub> stub_;
  typename P::GetSchema::Response schema_;
};

using Protocols = ::testing::Types<V5, V6>;
TYPED_TEST_SUITE(ProviderHostileRpc, Protocols);

TYPED_TEST(ProviderHostileRpc, ReadDataSourceRdsInstanceWithoutIdAndNameAnswersMissingArgument) {
  ASSERT_TRUE(this->configured_offline());
  const auto response = this->read_empty_data_source("rds_instance");

  EXPECT_TRUE(has_error_naming(response.diagnostics(), "id")) << describe(response.diagnostics());
  ASSERT_GE(response.diagnostics_size(), 1);
  EXPECT_EQ(response.diagnostics(0).summary(), "Missing argument") << describe(response.diagnostics());
  EXPECT_TRUE(this->plugin_->process().running()) << this->plugin_->process().stderr_so_far();
}

TYPED_TEST(ProviderHostileRpc, ConfigureWithCacertFileOnAFifoAnswersAnErrorInsteadOfWaiting) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() /
      ("rds-fifo-" + std::to_string(::getpid()) + "-" + std::to_string(TypeParam::kVersion));
  std::filesystem::create_directories(dir);
  const std::filesystem::path fifo = dir / "ca.pem";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0) << fifo;  // and no writer, ever

  auto values = offline_provider_values();
  values["cacert_file"] = msgpack_string(fifo.string());
  const auto response = this->configure(values);

  std::filesystem::remove_all(dir);
  EXPECT_TRUE(has_error_naming(response.diagnostics(), "cacert_file")) << describe(response.diagnostics());
  ASSERT_GE(response.diagnostics_size(), 1);
  EXPECT_NE(response.diagnostics(0).detail().find("FIFO"), std::string::npos)
      << describe(response.diagnostics());
}

// Impossible inputs name the call and the attribute; nothing internal ("called on a null value", a JSON
// library's type error) reaches the user, and the provider keeps serving.
template <class Diagnostics>
void expect_no_internals(const Diagnostics& diagnostics) {
  for (const auto& d : diagnostics) {
    EXPECT_EQ(d.detail().find("called on"), std::string::npos) << d.detail();
    EXPECT_EQ(d.detail().find("json.exception"), std::string::npos) << d.detail();
    EXPECT_EQ(d.summary().find("Internal error"), std::string::npos) << d.summary();
  }
}

TYPED_TEST(ProviderHostileRpc, ApplyWithARequiredAttributeNullInThePlanNamesItAndTheCall) {
  ASSERT_TRUE(this->configured_offline());
  const std::string without_ssl_enable = this->ssl_object({{"instance_id", msgpack_string("db1")}});
  const auto response = this->apply(kNil, without_ssl_enable, without_ssl_enable);

  EXPECT_TRUE(has_error_naming(response.diagnostics(), "ssl_enable")) << describe(response.diagnostics());
  ASSERT_GE(response.diagnostics_size(), 1);
  EXPECT_EQ(response.diagnostics(0).summary(), "Invalid ApplyResourceChange request");
  expect_no_internals(response.diagnostics());
  EXPECT_TRUE(this->plugin_->process().running()) << this->plugin_->process().stderr_so_far();
}

TYPED_TEST(ProviderHostileRpc, ApplyWithAPlanUnknownAsAWholeNamesTheCall) {
  ASSERT_TRUE(this->configured_offline());
  const auto response = this->apply(
      kNil, this->ssl_object({{"instance_id", msgpack_string("db1")}, {"ssl_enable", kTrue}}), kUnknown);

  ASSERT_GE(response.diagnostics_size(), 1) << describe(response.diagnostics());
  EXPECT_EQ(response.diagnostics(0).summary(), "Invalid ApplyResourceChange request");
  EXPECT_NE(
      response.diagnostics(0).detail().find("planned_state of ApplyResourceChange is unknown as a whole"),
      std::string::npos)
      << describe(response.diagnostics());
  expect_no_internals(response.diagnostics());
}

TYPED_TEST(ProviderHostileRpc, ReadWithAnUnknownInTheStoredStateNamesTheAttribute) {
  ASSERT_TRUE(this->configured_offline());
  const auto response =
      this->read(this->ssl_object({{"instance_id", msgpack_string("db1")}, {"ssl_enable", kUnknown}}));

  EXPECT_TRUE(has_error_naming(response.diagnostics(), "ssl_enable")) << describe(response.diagnostics());
  ASSERT_GE(response.diagnostics_size(), 1);
  EXPECT_EQ(response.diagnostics(0).summary(), "Invalid ReadResource request");
  expect_no_internals(response.diagnostics());
}

TYPED_TEST(ProviderHostileRpc, PlanWithAPrivateStateOfTheWrongTypeNamesThePrivateState) {
  ASSERT_TRUE(this->configured_offline());
  const auto response =
      this->plan(this->ssl_object({{"instance_id", msgpack_string("db1")}, {"ssl_enable", kTrue}}),
                 R"({"create_incomplete":"yes"})");

  ASSERT_GE(response.diagnostics_size(), 1) << describe(response.diagnostics());
  EXPECT_EQ(response.diagnostics(0).summary(), "Invalid private state of rds_instance_ssl");
  EXPECT_NE(response.diagnostics(0).detail().find("\"create_incomplete\" is not true or false"),
            std::string::npos)
      << describe(response.diagnostics());
  expect_no_internals(response.diagnostics());
}

TYPED_TEST(ProviderHostileRpc, ReadDataSourceWithoutItsRequiredInstanceIdNamesIt) {
  ASSERT_TRUE(this->configured_offline());
  const auto response = this->read_empty_data_source("rds_ssl_certificates");

  EXPECT_TRUE(has_error_naming(response.diagnostics(), "instance_id")) << describe(response.diagnostics());
  ASSERT_GE(response.diagnostics_size(), 1);
  EXPECT_EQ(response.diagnostics(0).summary(), "Invalid ReadDataSource request");
  expect_no_internals(response.diagnostics());
}

}  // namespace
}  // namespace rds::testing
