#include "provider/plugin/go_plugin_services.h"

#include <chrono>

#include "provider/logging/hclog.h"

namespace rds::plugin {

namespace {

class ShutdownReactor final : public grpc::ServerUnaryReactor {
 public:
  explicit ShutdownReactor(ShutdownSignal& shutdown) : shutdown_(shutdown) { Finish(grpc::Status::OK); }
  void OnDone() override {
    shutdown_.request("GRPCController.Shutdown");
    delete this;
  }

 private:
  ShutdownSignal& shutdown_;
};

}  // namespace

grpc::ServerUnaryReactor* ControllerService::Shutdown(grpc::CallbackServerContext*, const ::plugin::Empty*,
                                                      ::plugin::Empty*) {
  logging::debug("GRPCController.Shutdown received: stopping the plugin server");
  return new ShutdownReactor(shutdown_);
}

grpc::Status StdioService::StreamStdio(grpc::ServerContext* context, const google::protobuf::Empty*,
                                       grpc::ServerWriter<::plugin::StdioData>*) {
  // Poll the client's cancellation too, so a client that goes away frees this thread.
  while (!shutdown_.wait_for(std::chrono::milliseconds(100))) {
    if (context->IsCancelled()) break;
  }
  return grpc::Status::OK;
}

grpc::Status BrokerService::StartStream(
    grpc::ServerContext* context, grpc::ServerReaderWriter<::plugin::ConnInfo, ::plugin::ConnInfo>* stream) {
  {
    std::lock_guard lock(mutex_);
    if (cancelled_) return grpc::Status::OK;
    open_.insert(context);
  }
  ::plugin::ConnInfo ignored;
  while (stream->Read(&ignored)) {
    logging::trace("GRPCBroker: ignoring a connection request (providers broker nothing)");
  }
  std::lock_guard lock(mutex_);
  open_.erase(context);
  return grpc::Status::OK;
}

void BrokerService::cancel_all() {
  std::lock_guard lock(mutex_);
  cancelled_ = true;
  for (auto* context : open_) context->TryCancel();
}

}  // namespace rds::plugin
