// Running the plugin process: everything go-plugin's Serve() does for a Go provider.
// provider/main.cpp calls serve(); nothing else in the tree needs this header.
#pragma once

#include <functional>
#include <memory>

#include <grpcpp/grpcpp.h>

namespace rds::plugin {

// Makes the tfplugin5.Provider (version 5) or tfplugin6.Provider (version 6) service.
using ServiceFactory = std::function<std::unique_ptr<grpc::Service>(int protocol_version)>;

// Checks the magic cookie, negotiates the protocol version, listens (unix socket, tcp fallback),
// sets up AutoMTLS, serves the provider service made by `factory` plus go-plugin's controller,
// stdio and broker services and gRPC health ("plugin" = SERVING), prints the handshake line and
// runs until GRPCController.Shutdown or SIGTERM. SIGINT is ignored (Terraform forwards Ctrl-C to
// the process group and cancels through StopProvider instead). With --debug: no cookie, no TLS,
// prints TF_REATTACH_PROVIDERS and stops on SIGINT too.
// Returns the process exit code: 0 after a clean shutdown, 1 for a start-up error (already
// explained on stderr), 2 for bad command-line arguments. The process ends within a second of a
// shutdown request whatever its calls are doing: calls still running then are abandoned, and the
// process exits with status 1 without returning from here.
int serve(int argc, char** argv, const ServiceFactory& factory);

}  // namespace rds::plugin
