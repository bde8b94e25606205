// PluginProcess: starts a provider binary exactly as Terraform does and connects to it.
//
// Environment as go-plugin's client sets it: TF_PLUGIN_MAGIC_COOKIE, PLUGIN_PROTOCOL_VERSIONS,
// PLUGIN_CLIENT_CERT (a freshly generated client certificate, unless TLS is off), plus any extra
// variables. It reads and parses the handshake line, and gives a gRPC channel that speaks mutual
// TLS (trusting exactly the server certificate from the handshake, target name "localhost") with
// v5/v6 Provider stubs. Stopping goes through GRPCController.Shutdown, like Terraform.
//
//   rds::testing::PluginProcess plugin({.binary = rds::testing::provider_binary_path(),
//                                       .protocol_versions = {6}});
//   auto stub = plugin.v6();
//   ... stub->GetProviderSchema(&context, request, &response) ...
//   EXPECT_EQ(plugin.shutdown(), 0);
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "proto/grpc_controller.grpc.pb.h"
#include "proto/tfplugin5.grpc.pb.h"
#include "proto/tfplugin6.grpc.pb.h"
#include "provider/plugin/handshake.h"
#include "provider/plugin/tls_certificate.h"
#include "tests/support/child_process.h"

namespace rds::testing {

struct PluginOptions {
  std::string binary;                        // path to the plugin executable
  std::vector<int> protocol_versions{5, 6};  // PLUGIN_PROTOCOL_VERSIONS
  bool auto_mtls = true;                     // false: no PLUGIN_CLIENT_CERT (TF_DISABLE_PLUGIN_TLS)
  std::map<std::string, std::string> extra_env;
  std::vector<std::string> args;
  std::chrono::milliseconds handshake_timeout = std::chrono::seconds(10);
};

class PluginProcess {
 public:
  // Starts the plugin and waits for its handshake line. Throws std::runtime_error (with the
  // plugin's stderr) if it exits or prints no valid handshake in time.
  explicit PluginProcess(PluginOptions options);
  // Shuts the plugin down via GRPCController.Shutdown if it still runs, then kills it if needed.
  ~PluginProcess();

  const plugin::Handshake& handshake() const { return handshake_; }
  int protocol_version() const { return handshake_.protocol_version; }
  pid_t pid() const { return child_->pid(); }
  ChildProcess& process() { return *child_; }

  // The client certificate given to the plugin (empty PEM without AutoMTLS).
  const plugin::Certificate& client_certificate() const { return client_cert_; }

  // A channel to the plugin authenticated with our client certificate (plain without AutoMTLS).
  std::shared_ptr<grpc::Channel> channel();
  // A channel that presents `certificate` instead (e.g. a wrong one); nullopt => no client cert.
  std::shared_ptr<grpc::Channel> channel_with_client_certificate(
      const std::optional<plugin::Certificate>& certificate) const;

  std::unique_ptr<tfplugin5::Provider::Stub> v5();
  std::unique_ptr<tfplugin6::Provider::Stub> v6();
  // The stub of the version `Traits` names (V5 or V6 of tests/protocol/version_traits.h).
  template <class Traits>
  std::unique_ptr<typename Traits::Stub> stub() {
    if constexpr (Traits::kVersion == 5) {
      return v5();
    } else {
      return v6();
    }
  }

  // Calls GRPCController.Shutdown and waits for the exit; returns the exit status, or nullopt if
  // the call failed or the process did not exit within `timeout`.
  std::optional<int> shutdown(std::chrono::milliseconds timeout = std::chrono::seconds(3));

  // A context with a deadline, for calls that must not hang a test.
  static std::unique_ptr<grpc::ClientContext> context(
      std::chrono::milliseconds timeout = std::chrono::seconds(10));

 private:
  PluginOptions options_;
  plugin::Certificate client_cert_;
  std::unique_ptr<ChildProcess> child_;
  plugin::Handshake handshake_;
  std::shared_ptr<grpc::Channel> channel_;
};

// Paths of binaries, from compile definitions set by tests/harness/CMakeLists.txt.
// The real provider (empty when this build has no terraform-provider-rds target yet).
std::string provider_binary_path();

}  // namespace rds::testing
