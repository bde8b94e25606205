// rds_plugin_transport_fixture: the plugin start-up layer (rds::plugin::serve) serving the
// generated tfplugin5/6 Provider base services, whose every RPC answers UNIMPLEMENTED.
// It lets the transport tests (handshake, AutoMTLS, shutdown, signals, listeners) run without
// the provider's protocol and resource layers; tests of real RPCs use terraform-provider-rds.
#include "proto/tfplugin5.grpc.pb.h"
#include "proto/tfplugin6.grpc.pb.h"
#include "provider/plugin/server.h"

int main(int argc, char** argv) {
  return rds::plugin::serve(argc, argv, [](int version) -> std::unique_ptr<grpc::Service> {
    if (version == 5) return std::make_unique<tfplugin5::Provider::Service>();
    return std::make_unique<tfplugin6::Provider::Service>();
  });
}
