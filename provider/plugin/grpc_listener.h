// Starting the gRPC server on a unix socket or, failing that, on tcp 127.0.0.1.
#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <grpcpp/grpcpp.h>

#include "provider/plugin/environment.h"
#include "provider/plugin/listener.h"

namespace rds::plugin {

// Terraform's own limit for plugin messages (gRPC C++ defaults to 4 MiB).
inline constexpr int kMaxMessageBytes = 256 * 1024 * 1024;

struct RunningServer {
  std::unique_ptr<grpc::Server> server;
  ListenAddress listen;
  std::unique_ptr<SocketDirectory> socket_dir;  // null for tcp; removed when destroyed
};

// Adds services etc. to a fresh builder; called once per listen attempt.
using RegisterServices = std::function<void(grpc::ServerBuilder&)>;

// Tries the unix socket in a private directory first, then tcp within env.ports. Throws
// std::runtime_error describing both failures when neither works.
RunningServer start_server(const PluginEnvironment& env,
                           const std::shared_ptr<grpc::ServerCredentials>& credentials,
                           const RegisterServices& register_services);

}  // namespace rds::plugin
