#include "provider/protocol/provider_service.h"

#include <stdexcept>
#include <string>

#include "proto/tfplugin5.grpc.pb.h"
#include "proto/tfplugin6.grpc.pb.h"
#include "provider/protocol/provider_adapter.h"

namespace rds::protocol {
namespace {

// tfplugin6.Provider: the RPCs we serve, each delegating to the shared adapter. RPCs not overridden
// here (functions, ephemeral resources, ...) answer UNIMPLEMENTED.
class ProviderServiceV6 final : public tfplugin6::Provider::Service {
 public:
  explicit ProviderServiceV6(std::shared_ptr<core::Provider> provider) : adapter_(std::move(provider)) {}

  grpc::Status GetMetadata(grpc::ServerContext*, const tfplugin6::GetMetadataMessage::Request*,
                           tfplugin6::GetMetadataMessage::Response* response) override {
    return adapter_.get_metadata(*response);
  }
  grpc::Status GetProviderSchema(grpc::ServerContext*, const tfplugin6::GetProviderSchema::Request*,
                                 tfplugin6::GetProviderSchema::Response* response) override {
    return adapter_.get_provider_schema(*response);
  }
  grpc::Status ValidateProviderConfig(grpc::ServerContext*,
                                      const tfplugin6::ValidateProviderConfig::Request* request,
                                      tfplugin6::ValidateProviderConfig::Response* response) override {
    return adapter_.validate_provider_config(*request, *response);
  }
  grpc::Status ConfigureProvider(grpc::ServerContext* context,
                                 const tfplugin6::ConfigureProvider::Request* request,
                                 tfplugin6::ConfigureProvider::Response* response) override {
    return adapter_.configure_provider(context, *request, *response);
  }
  grpc::Status ValidateResourceConfig(grpc::ServerContext*,
                                      const tfplugin6::ValidateResourceConfig::Request* request,
                                      tfplugin6::ValidateResourceConfig::Response* response) override {
    return adapter_.validate_resource_config(*request, *response);
  }
  grpc::Status ValidateDataResourceConfig(
      grpc::ServerContext*, const tfplugin6::ValidateDataResourceConfig::Request* request,
      tfplugin6::ValidateDataResourceConfig::Response* response) override {
    return adapter_.validate_data_resource_config(*request, *response);
  }
  grpc::Status UpgradeResourceState(grpc::ServerContext*,
                                    const tfplugin6::UpgradeResourceState::Request* request,
                                    tfplugin6::UpgradeResourceState::Response* response) override {
    return adapter_.upgrade_resource_state(*request, *response);
  }
  grpc::Status ReadResource(grpc::ServerContext* context, const tfplugin6::ReadResource::Request* request,
                            tfplugin6::ReadResource::Response* response) override {
    return adapter_.read_resource(context, *request, *response);
  }
  grpc::Status PlanResourceChange(grpc::ServerContext* context,
                                  const tfplugin6::PlanResourceChange::Request* request,
                                  tfplugin6::PlanResourceChange::Response* response) override {
    return adapter_.plan_resource_change(context, *request, *response);
  }
  grpc::Status ApplyResourceChange(grpc::ServerContext* context,
                                   const tfplugin6::ApplyResourceChange::Request* request,
                                   tfplugin6::ApplyResourceChange::Response* response) override {
    return adapter_.apply_resource_change(context, *request, *response);
  }
  grpc::Status ImportResourceState(grpc::ServerContext* context,
                                   const tfplugin6::ImportResourceState::Request* request,
                                   tfplugin6::ImportResourceState::Response* response) override {
    return adapter_.import_resource_state(context, *request, *response);
  }
  grpc::Status ReadDataSource(grpc::ServerContext* context, const tfplugin6::ReadDataSource::Request* request,
                              tfplugin6::ReadDataSource::Response* response) override {
    return adapter_.read_data_source(context, *request, *response);
  }
  grpc::Status StopProvider(grpc::ServerContext*, const tfplugin6::StopProvider::Request*,
                            tfplugin6::StopProvider::Response* response) override {
    return adapter_.stop_provider(*response);
  }

 private:
  ProviderAdapter adapter_;
};

// tfplugin5.Provider: same adapter, v5 names (GetSchema, PrepareProviderConfig, Configure,
// ValidateResourceTypeConfig, ValidateDataSourceConfig, Stop). PrepareProviderConfig's prepared_config is
// filled by the adapter.
class ProviderServiceV5 final : public tfplugin5::Provider::Service {
 public:
  explicit ProviderServiceV5(std::shared_ptr<core::Provider> provider) : adapter_(std::move(provider)) {}

  grpc::Status GetMetadata(grpc::ServerContext*, const tfplugin5::GetMetadataMessage::Request*,
                           tfplugin5::GetMetadataMessage::Response* response) override {
    return adapter_.get_metadata(*response);
  }
  grpc::Status GetSchema(grpc::ServerContext*, const tfplugin5::GetProviderSchema::Request*,
                         tfplugin5::GetProviderSchema::Response* response) override {
    return adapter_.get_provider_schema(*response);
  }
  grpc::Status PrepareProviderConfig(grpc::ServerContext*,
                                     const tfplugin5::PrepareProviderConfig::Request* request,
                                     tfplugin5::PrepareProviderConfig::Response* response) override {
    return adapter_.validate_provider_config(*request, *response);
  }
  grpc::Status Configure(grpc::ServerContext* context, const tfplugin5::Configure::Request* request,
                         tfplugin5::Configure::Response* response) override {
    return adapter_.configure_provider(context, *request, *response);
  }
  grpc::Status ValidateResourceTypeConfig(
      grpc::ServerContext*, const tfplugin5::ValidateResourceTypeConfig::Request* request,
      tfplugin5::ValidateResourceTypeConfig::Response* response) override {
    return adapter_.validate_resource_config(*request, *response);
  }
  grpc::Status ValidateDataSourceConfig(grpc::ServerContext*,
                                        const tfplugin5::ValidateDataSourceConfig::Request* request,
                                        tfplugin5::ValidateDataSourceConfig::Response* response) override {
    return adapter_.validate_data_resource_config(*request, *response);
  }
  grpc::Status UpgradeResourceState(grpc::ServerContext*,
                                    const tfplugin5::UpgradeResourceState::Request* request,
                                    tfplugin5::UpgradeResourceState::Response* response) override {
    return adapter_.upgrade_resource_state(*request, *response);
  }
  grpc::Status ReadResource(grpc::ServerContext* context, const tfplugin5::ReadResource::Request* request,
                            tfplugin5::ReadResource::Response* response) override {
    return adapter_.read_resource(context, *request, *response);
  }
  grpc::Status PlanResourceChange(grpc::ServerContext* context,
                                  const tfplugin5::PlanResourceChange::Request* request,
                                  tfplugin5::PlanResourceChange::Response* response) override {
    return adapter_.plan_resource_change(context, *request, *response);
  }
  grpc::Status ApplyResourceChange(grpc::ServerContext* context,
                                   const tfplugin5::ApplyResourceChange::Request* request,
                                   tfplugin5::ApplyResourceChange::Response* response) override {
    return adapter_.apply_resource_change(context, *request, *response);
  }
  grpc::Status ImportResourceState(grpc::ServerContext* context,
                                   const tfplugin5::ImportResourceState::Request* request,
                                   tfplugin5::ImportResourceState::Response* response) override {
    return adapter_.import_resource_state(context, *request, *response);
  }
  grpc::Status ReadDataSource(grpc::ServerContext* context, const tfplugin5::ReadDataSource::Request* request,
                              tfplugin5::ReadDataSource::Response* response) override {
    return adapter_.read_data_source(context, *request, *response);
  }
  grpc::Status Stop(grpc::ServerContext*, const tfplugin5::Stop::Request*,
                    tfplugin5::Stop::Response* response) override {
    return adapter_.stop_provider(*response);
  }

 private:
  ProviderAdapter adapter_;
};

}  // namespace

std::unique_ptr<grpc::Service> make_provider_service(int protocol_version,
                                                     std::shared_ptr<rds::core::Provider> provider) {
  switch (protocol_version) {
    case 5:
      return std::make_unique<ProviderServiceV5>(std::move(provider));
    case 6:
      return std::make_unique<ProviderServiceV6>(std::move(provider));
    default:
      throw std::invalid_argument("unsupported plugin protocol version " + std::to_string(protocol_version) +
                                  " (this provider serves 5 and 6)");
  }
}

}  // namespace rds::protocol
