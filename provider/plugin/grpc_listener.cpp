#include "provider/plugin/grpc_listener.h"

#include <stdexcept>

#include "provider/logging/hclog.h"

namespace rds::plugin {
namespace {

// Terraform's default -parallelism is 10; a few more for the controller/stdio/broker and health calls.
constexpr int kMaxIdleThreads = 16;

std::unique_ptr<grpc::Server> build(const std::string& uri,
                                    const std::shared_ptr<grpc::ServerCredentials>& credentials,
                                    const RegisterServices& register_services, int* selected_port) {
  grpc::ServerBuilder builder;
  builder.AddListeningPort(uri, credentials, selected_port);
  builder.SetMaxReceiveMessageSize(kMaxMessageBytes);
  builder.SetMaxSendMessageSize(kMaxMessageBytes);
  // The synchronous server keeps at most MAX_POLLERS idle threads (default 2): with Terraform's 10
  // parallel calls, every call that finished beyond those 2 ended its thread, and the next call made a
  // new one (clone3, stack mmap/madvise: ~5% of the provider's CPU in a 1000-resource apply, see
  // docs/PERFORMANCE.md). Keeping up to 16 lets the threads of one burst serve the next; an idle extra
  // thread still ends once its completion-queue wait times out (CQ_TIMEOUT_MSEC, 10 s by default).
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MAX_POLLERS, kMaxIdleThreads);
  register_services(builder);
  return builder.BuildAndStart();
}

std::optional<RunningServer> try_unix(const PluginEnvironment& env,
                                      const std::shared_ptr<grpc::ServerCredentials>& credentials,
                                      const RegisterServices& register_services, std::string& why) {
  RunningServer running;
  try {
    running.socket_dir = std::make_unique<SocketDirectory>(socket_parent_directory(env));
  } catch (const std::exception& e) {
    why = e.what();
    return std::nullopt;
  }
  running.listen = {"unix", running.socket_dir->socket_path()};
  if (!fits_unix_socket_path(running.listen.address)) {
    why = "socket path \"" + running.listen.address + "\" is too long for a unix socket";
    return std::nullopt;
  }
  running.server = build(running.listen.grpc_uri(), credentials, register_services, nullptr);
  if (!running.server) {
    why = "gRPC could not listen on unix socket " + running.listen.address;
    return std::nullopt;
  }
  return running;
}

}  // namespace

RunningServer start_server(const PluginEnvironment& env,
                           const std::shared_ptr<grpc::ServerCredentials>& credentials,
                           const RegisterServices& register_services) {
  std::string unix_failure;
  if (auto running = try_unix(env, credentials, register_services, unix_failure)) return std::move(*running);
  logging::warn("cannot serve on a unix socket; falling back to tcp on 127.0.0.1",
                {{"reason", unix_failure}});

  // The port is probed first and may be taken between probe and bind; one retry covers that race.
  std::string tcp_failure;
  for (int attempt = 0; attempt < 2; ++attempt) {
    try {
      const int port = find_free_tcp_port(env.ports);
      RunningServer running;
      running.listen = {"tcp", "127.0.0.1:" + std::to_string(port)};
      int selected = 0;
      running.server = build(running.listen.grpc_uri(), credentials, register_services, &selected);
      if (running.server && selected > 0) return running;
      tcp_failure = "gRPC could not listen on " + running.listen.address;
    } catch (const std::exception& e) {
      tcp_failure = e.what();
      break;
    }
  }
  throw std::runtime_error("cannot listen: unix socket: " + unix_failure + "; tcp: " + tcp_failure);
}

}  // namespace rds::plugin
