// The services go-plugin's client expects next to the provider (hashicorp/go-plugin
// grpc_controller.go, grpc_stdio.go, grpc_broker.go):
// - GRPCController.Shutdown: Terraform's "exit now"; it kills the process if it is still alive
//   2 s later, so we answer and then stop the server promptly.
// - GRPCStdio.StreamStdio: Terraform opens it to mirror the plugin's stdout/stderr; we write
//   nothing there (logs go to stderr directly) and keep the stream open, idle, until shutdown.
// - GRPCBroker.StartStream: Terraform opens it but never brokers connections for a provider;
//   we read and ignore until the client closes or we shut down.
#pragma once

#include <mutex>
#include <set>

#include "proto/grpc_broker.grpc.pb.h"
#include "proto/grpc_controller.grpc.pb.h"
#include "proto/grpc_stdio.grpc.pb.h"
#include "provider/plugin/shutdown_signal.h"

namespace rds::plugin {

// A callback-API service on purpose: the shutdown is requested only once the reply has been
// sent (the reactor's OnDone). Stopping the server while a synchronous handler is still
// returning makes gRPC wait out the whole grace period before it lets go of that call.
class ControllerService final : public ::plugin::GRPCController::CallbackService {
 public:
  explicit ControllerService(ShutdownSignal& shutdown) : shutdown_(shutdown) {}
  grpc::ServerUnaryReactor* Shutdown(grpc::CallbackServerContext* context, const ::plugin::Empty* request,
                                     ::plugin::Empty* response) override;

 private:
  ShutdownSignal& shutdown_;
};

class StdioService final : public ::plugin::GRPCStdio::Service {
 public:
  explicit StdioService(const ShutdownSignal& shutdown) : shutdown_(shutdown) {}
  grpc::Status StreamStdio(grpc::ServerContext* context, const google::protobuf::Empty* request,
                           grpc::ServerWriter<::plugin::StdioData>* writer) override;

 private:
  const ShutdownSignal& shutdown_;
};

class BrokerService final : public ::plugin::GRPCBroker::Service {
 public:
  grpc::Status StartStream(grpc::ServerContext* context,
                           grpc::ServerReaderWriter<::plugin::ConnInfo, ::plugin::ConnInfo>* stream) override;

  // Cancels every open stream so its blocked Read returns; called when shutting down.
  void cancel_all();

 private:
  std::mutex mutex_;
  std::set<grpc::ServerContext*> open_;
  bool cancelled_ = false;
};

}  // namespace rds::plugin
