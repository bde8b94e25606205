// Entry point of the protocol layer: the tfplugin5 or tfplugin6 Provider gRPC service, backed by a
// version-neutral rds::core::Provider. Both versions share one adapter (provider_adapter.h); the two
// service classes only map the RPC names of their version onto it.
#pragma once

#include <memory>

#include <grpcpp/impl/service_type.h>

#include "provider/core/provider.h"

namespace rds::protocol {

// protocol_version is 5 (tfplugin5.Provider) or 6 (tfplugin6.Provider); anything else throws
// std::invalid_argument. RPCs the adapter does not implement answer gRPC UNIMPLEMENTED.
std::unique_ptr<grpc::Service> make_provider_service(int protocol_version,
                                                     std::shared_ptr<rds::core::Provider> provider);

}  // namespace rds::protocol
