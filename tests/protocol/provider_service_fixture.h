// The fixture of the provider_service tests: make_provider_service() for protocol 5 or 6 (the type
// parameter) over tests/protocol/test_provider.h, served on an in-process gRPC channel, with helpers that
// call its RPCs. The same test bodies run for both versions (typed tests); version_traits.h spells out the
// names that differ.
#pragma once

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include "proto/tfplugin5.grpc.pb.h"
#include "proto/tfplugin6.grpc.pb.h"
#include "provider/core/msgpack.h"
#include "provider/protocol/provider_service.h"
#include "tests/protocol/test_provider.h"
#include "tests/protocol/version_traits.h"

namespace rds::protocol::service_test {

using core::Type;
using core::Value;
using rds::testing::TestProvider;
using rds::testing::V5;
using rds::testing::V6;

inline const Type kResourceType = rds::testing::test_resource_schema().value_type();
inline const Type kProviderType = rds::testing::test_provider_schema().value_type();
inline const Type kDataType = rds::testing::test_data_source_schema().value_type();

inline Value thing(std::map<std::string, Value> attrs) {
  return Value::object(kResourceType, std::move(attrs));
}

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

}  // namespace rds::protocol::service_test
