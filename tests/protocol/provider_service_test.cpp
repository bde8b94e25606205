// Drives make_provider_service() for protocol 5 and 6 through an in-process gRPC channel, with the
// same test bodies for both versions (typed tests); version_traits.h spells out the names that differ.
#include "provider/protocol/provider_service.h"

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <thread>

#include "proto/tfplugin5.grpc.pb.h"
#include "proto/tfplugin6.grpc.pb.h"
#include "provider/core/msgpack.h"
#include "tests/protocol/test_provider.h"
#include "tests/protocol/version_traits.h"

namespace rds::protocol {
namespace {

using core::Type;
using core::Value;
using rds::testing::TestProvider;
using rds::testing::V5;
using rds::testing::V6;

const Type kResourceType = rds::testing::test_resource_schema().value_type();
const Type kProviderType = rds::testing::test_provider_schema().value_type();
const Type kDataType = rds::testing::test_data_source_schema().value_type();

Value thing(std::map<std::string, Value> attrs) { return Value::object(kResourceType, std::move(attrs)); }

template <class V>
class ProviderServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    provider_ = std::make_shared<TestProvider>();
    service_ = make_provider_service(V::kVersion, provider_);
    grpc::ServerBuilder builder;
    builder.RegisterService(service_.get());
    server_ = builder.BuildAndStart();
    stub_ = V::Proto::NewStub(server_->InProcessChannel(grpc::ChannelArguments()));
  }
  void TearDown() override { server_->Shutdown(); }

  // Calls a unary RPC by member pointer and insists on gRPC OK (errors must travel as diagnostics).
  template <class Request, class Response, class Call>
  Response call(Call call, const Request& request) {
    grpc::ClientContext context;
    Response response;
    grpc::Status status = call(context, request, response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  template <class Response>
  static std::string diagnostics_text(const Response& response) {
    std::string out;
    for (const auto& d : response.diagnostics()) out += d.summary() + ": " + d.detail() + "\n";
    return out;
  }

  static void set(typename V::DynamicValue* out, const Value& value, const Type& type) {
    out->set_msgpack(core::encode_msgpack(value, type));
  }
  static Value get(const typename V::DynamicValue& in, const Type& type) {
    return core::decode_msgpack(in.msgpack(), type);
  }

  typename V::GetSchema::Response get_schema() {
    return call<typename V::GetSchema::Request, typename V::GetSchema::Response>(
        [&](auto& c, auto& q, auto& r) { return V::get_schema(*stub_, &c, q, &r); }, {});
  }
  typename V::Plan::Response plan(const Value& prior, const Value& proposed,
                                  const std::string& prior_private = "") {
    typename V::Plan::Request q;
    q.set_type_name("test_thing");
    set(q.mutable_prior_state(), prior, kResourceType);
    set(q.mutable_proposed_new_state(), proposed, kResourceType);
    set(q.mutable_config(),
        proposed.is_null() ? proposed : proposed.with_attr("id", Value::null(Type::string())), kResourceType);
    q.set_prior_private(prior_private);
    return call<typename V::Plan::Request, typename V::Plan::Response>(
        [&](auto& c, auto& q2, auto& r) { return stub_->PlanResourceChange(&c, q2, &r); }, q);
  }

  typename V::ReadData::Response read_data(const std::string& type_name, const Value& config) {
    typename V::ReadData::Request q;
    q.set_type_name(type_name);
    set(q.mutable_config(), config, kDataType);
    return call<typename V::ReadData::Request, typename V::ReadData::Response>(
        [&](auto& c, auto& q2, auto& r) { return stub_->ReadDataSource(&c, q2, &r); }, q);
  }
  typename V::ValidateData::Response validate_data(const Value& config) {
    typename V::ValidateData::Request q;
    q.set_type_name("test_lookup");
    set(q.mutable_config(), config, kDataType);
    return call<typename V::ValidateData::Request, typename V::ValidateData::Response>(
        [&](auto& c, auto& q2, auto& r) { return V::validate_data(*stub_, &c, q2, &r); }, q);
  }

  std::shared_ptr<TestProvider> provider_;
  std::unique_ptr<grpc::Service> service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<typename V::Proto::Stub> stub_;
};

using Versions = ::testing::Types<V5, V6>;
TYPED_TEST_SUITE(ProviderServiceTest, Versions);

TYPED_TEST(ProviderServiceTest, SchemaCarriesAttributesFlagsDescriptionsAndNestedBlocks) {
  using V = TypeParam;
  auto schema = this->get_schema();
  ASSERT_EQ(schema.diagnostics_size(), 0);
  const auto& provider_block = schema.provider().block();
  ASSERT_EQ(provider_block.attributes_size(), 2);
  EXPECT_EQ(provider_block.attributes(0).name(), "region");
  EXPECT_EQ(provider_block.attributes(0).description(), "The `region`.");
  EXPECT_EQ(provider_block.attributes(0).description_kind(), V::kMarkdown);
  EXPECT_EQ(provider_block.attributes(1).description(), "A secret.");
  EXPECT_EQ(provider_block.attributes(1).description_kind(), V::kPlain);
  EXPECT_TRUE(provider_block.attributes(1).sensitive());
  EXPECT_EQ(provider_block.description(), "Test provider.");

  ASSERT_EQ(schema.resource_schemas().count("test_thing"), 1u);
  const auto& resource = schema.resource_schemas().at("test_thing");
  EXPECT_EQ(resource.version(), 1);
  const auto& id = resource.block().attributes(0);
  EXPECT_EQ(id.name(), "id");
  EXPECT_EQ(id.type(), "\"string\"");
  EXPECT_TRUE(id.computed());
  EXPECT_FALSE(id.optional());
  EXPECT_TRUE(resource.block().attributes(1).required());
  ASSERT_EQ(resource.block().block_types_size(), 1);
  EXPECT_EQ(resource.block().block_types(0).type_name(), "timeouts");
  EXPECT_EQ(resource.block().block_types(0).nesting(), V::NestedBlock::SINGLE);
  EXPECT_TRUE(schema.server_capabilities().plan_destroy());
  EXPECT_FALSE(schema.server_capabilities().get_provider_schema_optional());
}

TYPED_TEST(ProviderServiceTest, MetadataListsEveryResourceTypeAndDataSource) {
  using V = TypeParam;
  auto response = this->template call<typename V::GetMetadata::Request, typename V::GetMetadata::Response>(
      [&](auto& c, auto& q, auto& r) { return this->stub_->GetMetadata(&c, q, &r); }, {});
  ASSERT_EQ(response.resources_size(), 1);
  EXPECT_EQ(response.resources(0).type_name(), "test_thing");
  ASSERT_EQ(response.data_sources_size(), 1);
  EXPECT_EQ(response.data_sources(0).type_name(), "test_lookup");
}

TYPED_TEST(ProviderServiceTest, SchemaCarriesDataSourceSchemas) {
  auto schema = this->get_schema();
  ASSERT_EQ(schema.data_source_schemas().count("test_lookup"), 1u);
  const auto& block = schema.data_source_schemas().at("test_lookup").block();
  ASSERT_EQ(block.attributes_size(), 2);
  EXPECT_EQ(block.attributes(0).name(), "query");
  EXPECT_TRUE(block.attributes(0).required());
  EXPECT_EQ(block.attributes(1).name(), "answer");
  EXPECT_TRUE(block.attributes(1).computed());
  EXPECT_EQ(schema.data_source_schemas().count("test_thing"), 0u) << "resources are not data sources";
}

TYPED_TEST(ProviderServiceTest, ValidateDataSourceConfigPointsAtTheAttribute) {
  auto response = this->validate_data(Value::object(kDataType, {{"query", Value::string("")}}));
  ASSERT_EQ(response.diagnostics_size(), 1);
  EXPECT_EQ(response.diagnostics(0).summary(), "Invalid query");
  EXPECT_EQ(response.diagnostics(0).attribute().steps(0).attribute_name(), "query");
  EXPECT_EQ(this->validate_data(Value::object(kDataType, {{"query", Value::unknown(Type::string())}}))
                .diagnostics_size(),
            0);
}

TYPED_TEST(ProviderServiceTest, ReadDataSourceReturnsTheStateWithComputedAttributes) {
  auto response = this->read_data("test_lookup", Value::object(kDataType, {{"query", Value::string("x")}}));
  EXPECT_EQ(response.diagnostics_size(), 0) << this->diagnostics_text(response);
  EXPECT_EQ(this->get(response.state(), kDataType),
            Value::object(kDataType, {{"query", Value::string("x")}, {"answer", Value::string("found x")}}));
}

TYPED_TEST(ProviderServiceTest, ReadDataSourceErrorsAndExceptionsBecomeDiagnostics) {
  using V = TypeParam;
  auto failed = this->read_data("test_lookup", Value::object(kDataType, {{"query", Value::string("fail")}}));
  ASSERT_EQ(failed.diagnostics_size(), 1);
  EXPECT_EQ(failed.diagnostics(0).summary(), "Lookup failed");
  auto thrown = this->read_data("test_lookup", Value::object(kDataType, {{"query", Value::string("throw")}}));
  ASSERT_EQ(thrown.diagnostics_size(), 1);
  EXPECT_EQ(thrown.diagnostics(0).severity(), V::Diagnostic::ERROR);
  EXPECT_NE(thrown.diagnostics(0).detail().find("boom in read"), std::string::npos);
}

TYPED_TEST(ProviderServiceTest, UnknownDataSourceIsAnErrorNamingTheOnesThereAre) {
  auto response = this->read_data("test_thing", Value::object(kDataType, {{"query", Value::string("x")}}));
  ASSERT_EQ(response.diagnostics_size(), 1);
  EXPECT_EQ(response.diagnostics(0).summary(), "Unknown data source");
  EXPECT_NE(response.diagnostics(0).detail().find("test_lookup"), std::string::npos);
}

TYPED_TEST(ProviderServiceTest, ValidateProviderConfigReportsDiagnosticsAndV5EchoesPreparedConfig) {
  using V = TypeParam;
  typename V::ValidateProvider::Request q;
  Value config = Value::object(kProviderType, {{"region", Value::string("")}});
  this->set(q.mutable_config(), config, kProviderType);
  auto response =
      this->template call<typename V::ValidateProvider::Request, typename V::ValidateProvider::Response>(
          [&](auto& c, auto& q2, auto& r) { return V::validate_provider(*this->stub_, &c, q2, &r); }, q);
  ASSERT_EQ(response.diagnostics_size(), 1);
  EXPECT_EQ(response.diagnostics(0).severity(), V::Diagnostic::ERROR);
  EXPECT_EQ(response.diagnostics(0).attribute().steps(0).attribute_name(), "region");
  if constexpr (V::kVersion == 5) {
    EXPECT_EQ(this->get(response.prepared_config(), kProviderType), config);
  }
}

TYPED_TEST(ProviderServiceTest, ConfigurePassesConfigAndTerraformVersion) {
  using V = TypeParam;
  typename V::Configure::Request q;
  q.set_terraform_version("1.11.4");
  this->set(q.mutable_config(), Value::object(kProviderType, {{"region", Value::string("eu-de")}}),
            kProviderType);
  auto response = this->template call<typename V::Configure::Request, typename V::Configure::Response>(
      [&](auto& c, auto& q2, auto& r) { return V::configure(*this->stub_, &c, q2, &r); }, q);
  EXPECT_EQ(response.diagnostics_size(), 0) << this->diagnostics_text(response);
  EXPECT_EQ(this->provider_->configured_region, "eu-de");
  EXPECT_EQ(this->provider_->configured_terraform_version, "1.11.4");
}

TYPED_TEST(ProviderServiceTest, ValidateResourceConfigPointsAtTheAttribute) {
  using V = TypeParam;
  typename V::ValidateResource::Request q;
  q.set_type_name("test_thing");
  this->set(q.mutable_config(), thing({{"name", Value::string("")}}), kResourceType);
  auto response =
      this->template call<typename V::ValidateResource::Request, typename V::ValidateResource::Response>(
          [&](auto& c, auto& q2, auto& r) { return V::validate_resource(*this->stub_, &c, q2, &r); }, q);
  ASSERT_EQ(response.diagnostics_size(), 1);
  EXPECT_EQ(response.diagnostics(0).summary(), "Invalid name");
  ASSERT_EQ(response.diagnostics(0).attribute().steps_size(), 1);
  EXPECT_EQ(response.diagnostics(0).attribute().steps(0).attribute_name(), "name");
}

TYPED_TEST(ProviderServiceTest, ValidateRefusesAValueInAReadOnlyAttribute) {
  using V = TypeParam;
  typename V::ValidateResource::Request q;
  q.set_type_name("test_thing");
  this->set(q.mutable_config(), thing({{"name", Value::string("n")}, {"id", Value::string("x")}}),
            kResourceType);
  auto response =
      this->template call<typename V::ValidateResource::Request, typename V::ValidateResource::Response>(
          [&](auto& c, auto& q2, auto& r) { return V::validate_resource(*this->stub_, &c, q2, &r); }, q);
  ASSERT_EQ(response.diagnostics_size(), 1) << this->diagnostics_text(response);
  EXPECT_EQ(response.diagnostics(0).attribute().steps(0).attribute_name(), "id");
  auto data = this->validate_data(
      Value::object(kDataType, {{"query", Value::string("q")}, {"answer", Value::string("mine")}}));
  ASSERT_EQ(data.diagnostics_size(), 1) << this->diagnostics_text(data);
  EXPECT_EQ(data.diagnostics(0).attribute().steps(0).attribute_name(), "answer");
}

TYPED_TEST(ProviderServiceTest, ValidateToleratesUnknownValues) {
  using V = TypeParam;
  typename V::ValidateResource::Request q;
  q.set_type_name("test_thing");
  this->set(q.mutable_config(), thing({{"name", Value::unknown(Type::string())}}), kResourceType);
  auto response =
      this->template call<typename V::ValidateResource::Request, typename V::ValidateResource::Response>(
          [&](auto& c, auto& q2, auto& r) { return V::validate_resource(*this->stub_, &c, q2, &r); }, q);
  EXPECT_EQ(response.diagnostics_size(), 0) << this->diagnostics_text(response);
}

TYPED_TEST(ProviderServiceTest, ExceptionFromTheProviderBecomesAnErrorDiagnostic) {
  using V = TypeParam;
  typename V::ValidateResource::Request q;
  q.set_type_name("test_thing");
  this->set(q.mutable_config(), thing({{"name", Value::string("throw")}}), kResourceType);
  auto response =
      this->template call<typename V::ValidateResource::Request, typename V::ValidateResource::Response>(
          [&](auto& c, auto& q2, auto& r) { return V::validate_resource(*this->stub_, &c, q2, &r); }, q);
  ASSERT_EQ(response.diagnostics_size(), 1);
  EXPECT_EQ(response.diagnostics(0).severity(), V::Diagnostic::ERROR);
  EXPECT_NE(response.diagnostics(0).detail().find("boom in validate"), std::string::npos);
}

TYPED_TEST(ProviderServiceTest, MalformedDynamicValueIsAnErrorNamingTheField) {
  using V = TypeParam;
  typename V::ValidateResource::Request q;
  q.set_type_name("test_thing");
  q.mutable_config()->set_msgpack(std::string("\xc1", 1));  // 0xc1 is never used in msgpack
  auto response =
      this->template call<typename V::ValidateResource::Request, typename V::ValidateResource::Response>(
          [&](auto& c, auto& q2, auto& r) { return V::validate_resource(*this->stub_, &c, q2, &r); }, q);
  ASSERT_EQ(response.diagnostics_size(), 1);
  EXPECT_EQ(response.diagnostics(0).summary(), "Invalid config value from Terraform");
}

TYPED_TEST(ProviderServiceTest, UnknownResourceTypeIsAnErrorDiagnostic) {
  using V = TypeParam;
  typename V::Read::Request q;
  q.set_type_name("nope_thing");
  auto response = this->template call<typename V::Read::Request, typename V::Read::Response>(
      [&](auto& c, auto& q2, auto& r) { return this->stub_->ReadResource(&c, q2, &r); }, q);
  ASSERT_EQ(response.diagnostics_size(), 1);
  EXPECT_EQ(response.diagnostics(0).summary(), "Unknown resource type");
  EXPECT_NE(response.diagnostics(0).detail().find("nope_thing"), std::string::npos);
}

TYPED_TEST(ProviderServiceTest, PlanCreateRoundTripsThroughTheCodec) {
  Value proposed = thing({{"name", Value::string("a")}, {"enabled", Value::boolean(true)}});
  auto response = this->plan(Value::null(kResourceType), proposed, "p");
  ASSERT_EQ(response.diagnostics_size(), 0) << this->diagnostics_text(response);
  Value planned = this->get(response.planned_state(), kResourceType);
  EXPECT_EQ(planned.get_string("id"), "a");
  EXPECT_EQ(planned.get_bool("enabled"), true);
  EXPECT_EQ(response.requires_replace_size(), 0);
  EXPECT_EQ(response.planned_private(), "p+planned");
}

TYPED_TEST(ProviderServiceTest, PlanListsRequiresReplacePaths) {
  Value prior = thing({{"id", Value::string("a")}, {"name", Value::string("a")}});
  auto response = this->plan(prior, thing({{"id", Value::string("a")}, {"name", Value::string("b")}}));
  ASSERT_EQ(response.requires_replace_size(), 1);
  EXPECT_EQ(response.requires_replace(0).steps(0).attribute_name(), "name");
}

TYPED_TEST(ProviderServiceTest, PlanKeepsUnknownsOnTheWire) {
  auto response = this->plan(Value::null(kResourceType), thing({{"name", Value::unknown(Type::string())}}));
  Value planned = this->get(response.planned_state(), kResourceType);
  EXPECT_TRUE(planned.attr("id").is_unknown());
  EXPECT_TRUE(planned.attr("name").is_unknown());
}

TYPED_TEST(ProviderServiceTest, ApplyReturnsNewStateAndPrivateAndStateEvenOnError) {
  using V = TypeParam;
  for (const char* name : {"a", "fail"}) {
    typename V::Apply::Request q;
    q.set_type_name("test_thing");
    Value planned = thing({{"id", Value::unknown(Type::string())}, {"name", Value::string(name)}});
    this->set(q.mutable_prior_state(), Value::null(kResourceType), kResourceType);
    this->set(q.mutable_planned_state(), planned, kResourceType);
    this->set(q.mutable_config(), planned.with_attr("id", Value::null(Type::string())), kResourceType);
    q.set_planned_private("pp");
    auto response = this->template call<typename V::Apply::Request, typename V::Apply::Response>(
        [&](auto& c, auto& q2, auto& r) { return this->stub_->ApplyResourceChange(&c, q2, &r); }, q);
    EXPECT_EQ(response.diagnostics_size(), std::string(name) == "fail" ? 1 : 0);
    EXPECT_EQ(this->get(response.new_state(), kResourceType).get_string("id"), name);
    EXPECT_EQ(response.private_(), "pp+applied");
  }
}

TYPED_TEST(ProviderServiceTest, ApplyDestroyAnswersMsgpackNil) {
  using V = TypeParam;
  typename V::Apply::Request q;
  q.set_type_name("test_thing");
  this->set(q.mutable_prior_state(), thing({{"id", Value::string("a")}, {"name", Value::string("a")}}),
            kResourceType);
  this->set(q.mutable_planned_state(), Value::null(kResourceType), kResourceType);
  this->set(q.mutable_config(), Value::null(kResourceType), kResourceType);
  auto response = this->template call<typename V::Apply::Request, typename V::Apply::Response>(
      [&](auto& c, auto& q2, auto& r) { return this->stub_->ApplyResourceChange(&c, q2, &r); }, q);
  EXPECT_EQ(response.new_state().msgpack(), std::string("\xc0", 1));
}

TYPED_TEST(ProviderServiceTest, ReadOfAGoneObjectAnswersMsgpackNilNotEmptyBytes) {
  using V = TypeParam;
  typename V::Read::Request q;
  q.set_type_name("test_thing");
  this->set(q.mutable_current_state(), thing({{"id", Value::string("a")}, {"name", Value::string("a")}}),
            kResourceType);
  q.set_private_("gone");
  auto response = this->template call<typename V::Read::Request, typename V::Read::Response>(
      [&](auto& c, auto& q2, auto& r) { return this->stub_->ReadResource(&c, q2, &r); }, q);
  EXPECT_EQ(response.new_state().msgpack(), std::string("\xc0", 1));
}

TYPED_TEST(ProviderServiceTest, ReadReturnsTheResourcesStateAndPrivate) {
  using V = TypeParam;
  typename V::Read::Request q;
  q.set_type_name("test_thing");
  // Terraform may send JSON instead of msgpack; the adapter accepts it and always answers msgpack.
  q.mutable_current_state()->set_json(R"({"id":"a","name":"a","enabled":false,"timeouts":null})");
  auto response = this->template call<typename V::Read::Request, typename V::Read::Response>(
      [&](auto& c, auto& q2, auto& r) { return this->stub_->ReadResource(&c, q2, &r); }, q);
  ASSERT_EQ(response.diagnostics_size(), 0) << this->diagnostics_text(response);
  EXPECT_EQ(this->get(response.new_state(), kResourceType).get_bool("enabled"), true);
  EXPECT_EQ(response.private_(), "read");
}

TYPED_TEST(ProviderServiceTest, ImportFillsTypeNameStateAndPrivate) {
  using V = TypeParam;
  typename V::Import::Request q;
  q.set_type_name("test_thing");
  q.set_id("x-1");
  auto response = this->template call<typename V::Import::Request, typename V::Import::Response>(
      [&](auto& c, auto& q2, auto& r) { return this->stub_->ImportResourceState(&c, q2, &r); }, q);
  ASSERT_EQ(response.imported_resources_size(), 1);
  EXPECT_EQ(response.imported_resources(0).type_name(), "test_thing");
  EXPECT_EQ(this->get(response.imported_resources(0).state(), kResourceType).get_string("name"), "x-1");
  EXPECT_EQ(response.imported_resources(0).private_(), "imported");
}

TYPED_TEST(ProviderServiceTest, UpgradeResourceStateDecodesJsonAndDropsRemovedAttributes) {
  using V = TypeParam;
  typename V::Upgrade::Request q;
  q.set_type_name("test_thing");
  q.set_version(0);
  q.mutable_raw_state()->set_json(R"({"id":"a","name":"a","old_attribute":"x"})");
  auto response = this->template call<typename V::Upgrade::Request, typename V::Upgrade::Response>(
      [&](auto& c, auto& q2, auto& r) { return this->stub_->UpgradeResourceState(&c, q2, &r); }, q);
  ASSERT_EQ(response.diagnostics_size(), 0) << this->diagnostics_text(response);
  EXPECT_EQ(this->get(response.upgraded_state(), kResourceType).get_string("id"), "a");
  EXPECT_EQ(this->provider_->resource->upgraded_from_version, 0);
}

TYPED_TEST(ProviderServiceTest, StopCallsProviderStopAndTheServerKeepsServing) {
  using V = TypeParam;
  auto response = this->template call<typename V::Stop::Request, typename V::Stop::Response>(
      [&](auto& c, auto& q, auto& r) { return V::stop(*this->stub_, &c, q, &r); }, {});
  EXPECT_EQ(response.error(), "");
  EXPECT_EQ(this->provider_->stop_calls, 1);
  EXPECT_EQ(this->get_schema().resource_schemas().count("test_thing"), 1u);
}

TYPED_TEST(ProviderServiceTest, RpcsWeDoNotServeAnswerUnimplemented) {
  using V = TypeParam;
  grpc::ClientContext context;
  typename V::Proto::Stub* stub = this->stub_.get();
  if constexpr (V::kVersion == 5) {
    tfplugin5::GetFunctions::Request q;
    tfplugin5::GetFunctions::Response r;
    EXPECT_EQ(stub->GetFunctions(&context, q, &r).error_code(), grpc::StatusCode::UNIMPLEMENTED);
  } else {
    tfplugin6::GetFunctions::Request q;
    tfplugin6::GetFunctions::Response r;
    EXPECT_EQ(stub->GetFunctions(&context, q, &r).error_code(), grpc::StatusCode::UNIMPLEMENTED);
  }
}

TYPED_TEST(ProviderServiceTest, ConcurrentPlansAreServedIndependently) {
  std::vector<std::thread> threads;
  std::atomic<int> good{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        std::string name = "n" + std::to_string(t) + "-" + std::to_string(i);
        auto response = this->plan(Value::null(kResourceType), thing({{"name", Value::string(name)}}));
        if (this->get(response.planned_state(), kResourceType).get_string("id") == name) ++good;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(good, 160);
}

TEST(MakeProviderService, RejectsVersionsOtherThanFiveAndSix) {
  EXPECT_THROW(make_provider_service(7, std::make_shared<TestProvider>()), std::invalid_argument);
  EXPECT_NE(make_provider_service(5, std::make_shared<TestProvider>()), nullptr);
}

}  // namespace
}  // namespace rds::protocol
