// rds_plugin_stuck_call_fixture: the plugin start-up layer (rds::plugin::serve) serving provider
// services whose schema call never returns, not even when gRPC cancels it: it blocks in the kernel,
// reading a pipe nobody writes to, as ConfigureProvider once blocked opening a FIFO. The
// transport tests use it to prove that SIGTERM and GRPCController.Shutdown still end the process.
#include <unistd.h>

#include <cstdio>

#include "proto/tfplugin5.grpc.pb.h"
#include "proto/tfplugin6.grpc.pb.h"
#include "provider/plugin/server.h"

namespace {

// Printed on stderr once the call is held, so a test knows when to stop the process.
constexpr const char* kHeldMarker = "stuck-call-fixture: holding the call\n";

void hold_for_ever() {
  int fds[2];
  if (::pipe(fds) != 0) return;
  std::fputs(kHeldMarker, stderr);
  std::fflush(stderr);
  char byte;
  while (::read(fds[0], &byte, 1) != 0) {
  }
}

class StuckV5 : public tfplugin5::Provider::Service {
  grpc::Status GetSchema(grpc::ServerContext*, const tfplugin5::GetProviderSchema::Request*,
                         tfplugin5::GetProviderSchema::Response*) override {
    hold_for_ever();
    return grpc::Status::OK;
  }
};

class StuckV6 : public tfplugin6::Provider::Service {
  grpc::Status GetProviderSchema(grpc::ServerContext*, const tfplugin6::GetProviderSchema::Request*,
                                 tfplugin6::GetProviderSchema::Response*) override {
    hold_for_ever();
    return grpc::Status::OK;
  }
};

}  // namespace

int main(int argc, char** argv) {
  return rds::plugin::serve(argc, argv, [](int version) -> std::unique_ptr<grpc::Service> {
    if (version == 5) return std::make_unique<StuckV5>();
    return std::make_unique<StuckV6>();
  });
}
