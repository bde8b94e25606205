// Requests Terraform itself never sends, over real gRPC to the real provider on protocols 5 and 6,
// found by a black-box test of the built binary (issue 18): they must get an error diagnostic, never
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

  std::unique_ptr<PluginProcess> plugin_;
  std::unique_ptr<typename P::Stub> stub_;
  typename P::GetSchema::Response schema_;
};

using Protocols = ::testing::Types<V5, V6>;
TYPED_TEST_SUITE(ProviderHostileRpc, Protocols);

TYPED_TEST(ProviderHostileRpc, ReadDataSourceRdsInstanceWithoutIdAndNameAnswersMissingArgument) {
  using P = TypeParam;
  const auto configured = this->configure(offline_provider_values());
  ASSERT_EQ(configured.diagnostics_size(), 0) << describe(configured.diagnostics());

  typename P::ReadData::Request request;
  request.set_type_name("rds_instance");
  request.mutable_config()->set_msgpack(
      encode_object(this->schema_.data_source_schemas().at("rds_instance").block(), {}));
  typename P::ReadData::Response response;
  auto context = PluginProcess::context();
  const grpc::Status status = this->stub_->ReadDataSource(context.get(), request, &response);

  ASSERT_TRUE(status.ok()) << status.error_message() << "\n" << this->plugin_->process().stderr_so_far();
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

}  // namespace
}  // namespace rds::testing
