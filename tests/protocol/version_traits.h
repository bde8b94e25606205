// The RPC and message names that differ between tfplugin5 and tfplugin6, so one typed test body
// drives both protocol versions.
#pragma once

#include <grpcpp/grpcpp.h>

#include "proto/tfplugin5.grpc.pb.h"
#include "proto/tfplugin6.grpc.pb.h"

namespace rds::testing {

struct V5 {
  static constexpr int kVersion = 5;
  using Proto = tfplugin5::Provider;
  using Stub = Proto::Stub;
  using DynamicValue = tfplugin5::DynamicValue;
  using GetSchema = tfplugin5::GetProviderSchema;
  using ValidateProvider = tfplugin5::PrepareProviderConfig;
  using Configure = tfplugin5::Configure;
  using ValidateResource = tfplugin5::ValidateResourceTypeConfig;
  using Stop = tfplugin5::Stop;
  using GetMetadata = tfplugin5::GetMetadataMessage;
  using Upgrade = tfplugin5::UpgradeResourceState;
  using Read = tfplugin5::ReadResource;
  using Plan = tfplugin5::PlanResourceChange;
  using Apply = tfplugin5::ApplyResourceChange;
  using Import = tfplugin5::ImportResourceState;
  using ReadData = tfplugin5::ReadDataSource;
  using ValidateData = tfplugin5::ValidateDataSourceConfig;
  using Diagnostic = tfplugin5::Diagnostic;
  using NestedBlock = tfplugin5::Schema::NestedBlock;
  static constexpr auto kMarkdown = tfplugin5::MARKDOWN;
  static constexpr auto kPlain = tfplugin5::PLAIN;

  static grpc::Status get_schema(Proto::Stub& s, grpc::ClientContext* c, const GetSchema::Request& q,
                                 GetSchema::Response* r) {
    return s.GetSchema(c, q, r);
  }
  static grpc::Status validate_provider(Proto::Stub& s, grpc::ClientContext* c,
                                        const ValidateProvider::Request& q, ValidateProvider::Response* r) {
    return s.PrepareProviderConfig(c, q, r);
  }
  static grpc::Status configure(Proto::Stub& s, grpc::ClientContext* c, const Configure::Request& q,
                                Configure::Response* r) {
    return s.Configure(c, q, r);
  }
  static grpc::Status validate_resource(Proto::Stub& s, grpc::ClientContext* c,
                                        const ValidateResource::Request& q, ValidateResource::Response* r) {
    return s.ValidateResourceTypeConfig(c, q, r);
  }
  static grpc::Status validate_data(Proto::Stub& s, grpc::ClientContext* c, const ValidateData::Request& q,
                                    ValidateData::Response* r) {
    return s.ValidateDataSourceConfig(c, q, r);
  }
  static grpc::Status stop(Proto::Stub& s, grpc::ClientContext* c, const Stop::Request& q,
                           Stop::Response* r) {
    return s.Stop(c, q, r);
  }
};

struct V6 {
  static constexpr int kVersion = 6;
  using Proto = tfplugin6::Provider;
  using Stub = Proto::Stub;
  using DynamicValue = tfplugin6::DynamicValue;
  using GetSchema = tfplugin6::GetProviderSchema;
  using ValidateProvider = tfplugin6::ValidateProviderConfig;
  using Configure = tfplugin6::ConfigureProvider;
  using ValidateResource = tfplugin6::ValidateResourceConfig;
  using Stop = tfplugin6::StopProvider;
  using GetMetadata = tfplugin6::GetMetadataMessage;
  using Upgrade = tfplugin6::UpgradeResourceState;
  using Read = tfplugin6::ReadResource;
  using Plan = tfplugin6::PlanResourceChange;
  using Apply = tfplugin6::ApplyResourceChange;
  using Import = tfplugin6::ImportResourceState;
  using ReadData = tfplugin6::ReadDataSource;
  using ValidateData = tfplugin6::ValidateDataResourceConfig;
  using Diagnostic = tfplugin6::Diagnostic;
  using NestedBlock = tfplugin6::Schema::NestedBlock;
  static constexpr auto kMarkdown = tfplugin6::MARKDOWN;
  static constexpr auto kPlain = tfplugin6::PLAIN;

  static grpc::Status get_schema(Proto::Stub& s, grpc::ClientContext* c, const GetSchema::Request& q,
                                 GetSchema::Response* r) {
    return s.GetProviderSchema(c, q, r);
  }
  static grpc::Status validate_provider(Proto::Stub& s, grpc::ClientContext* c,
                                        const ValidateProvider::Request& q, ValidateProvider::Response* r) {
    return s.ValidateProviderConfig(c, q, r);
  }
  static grpc::Status configure(Proto::Stub& s, grpc::ClientContext* c, const Configure::Request& q,
                                Configure::Response* r) {
    return s.ConfigureProvider(c, q, r);
  }
  static grpc::Status validate_resource(Proto::Stub& s, grpc::ClientContext* c,
                                        const ValidateResource::Request& q, ValidateResource::Response* r) {
    return s.ValidateResourceConfig(c, q, r);
  }
  static grpc::Status validate_data(Proto::Stub& s, grpc::ClientContext* c, const ValidateData::Request& q,
                                    ValidateData::Response* r) {
    return s.ValidateDataResourceConfig(c, q, r);
  }
  static grpc::Status stop(Proto::Stub& s, grpc::ClientContext* c, const Stop::Request& q,
                           Stop::Response* r) {
    return s.StopProvider(c, q, r);
  }
};

}  // namespace rds::testing
