#include "tests/harness/plugin_process.h"

#include <grpc/grpc.h>
#include <signal.h>

#include <mutex>

#include <stdexcept>

namespace rds::testing {
namespace {

std::string join_versions(const std::vector<int>& versions) {
  std::string out;
  for (int version : versions) {
    if (!out.empty()) out += ",";
    out += std::to_string(version);
  }
  return out;
}

grpc::ChannelArguments channel_arguments() {
  grpc::ChannelArguments arguments;
  // The server certificate is issued to "localhost", whatever address we dial (like go-plugin).
  arguments.SetSslTargetNameOverride("localhost");
  arguments.SetMaxReceiveMessageSize(256 * 1024 * 1024);
  arguments.SetMaxSendMessageSize(256 * 1024 * 1024);
  return arguments;
}

// gRPC shuts its library down when the last channel goes away, and that waits up to a second
// for its threads; tests create and drop many channels, so keep the library up for the process.
// Its threads then outlive main(), so OpenSSL must not clean up at exit (see tls_certificate.h).
void keep_grpc_initialised() {
  static std::once_flag once;
  std::call_once(once, [] {
    plugin::disable_openssl_exit_cleanup();
    grpc_init();
  });
}

}  // namespace

PluginProcess::PluginProcess(PluginOptions options) : options_(std::move(options)) {
  keep_grpc_initialised();
  // The clean environment of the e2e workspaces: nothing of whoever runs the tests (credentials, OS_INSECURE,
  // OS_CACERT, SSL_CERT_FILE...) reaches the provider; only what the test sets.
  EnvironmentChanges env;
  env.set["TF_PLUGIN_MAGIC_COOKIE"] = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
  env.set["PLUGIN_PROTOCOL_VERSIONS"] = join_versions(options_.protocol_versions);
  if (options_.auto_mtls) {
    client_cert_ = plugin::generate_self_signed_certificate();
    env.set["PLUGIN_CLIENT_CERT"] = client_cert_.cert_pem;
  }
  for (const auto& [name, value] : options_.extra_env) env.set[name] = value;

  std::vector<std::string> argv = {options_.binary};
  argv.insert(argv.end(), options_.args.begin(), options_.args.end());
  child_ = std::make_unique<ChildProcess>(ProcessOptions{.argv = argv, .env = clean_environment(env)});
  const auto line = child_->read_stdout_line(options_.handshake_timeout);
  std::string error;
  std::optional<plugin::Handshake> parsed;
  if (line) parsed = plugin::parse_handshake_line(*line, &error);
  if (!parsed) {
    child_->send_signal(SIGKILL);
    child_->wait_for_exit(std::chrono::seconds(5));
    throw std::runtime_error("plugin " + options_.binary + " gave no valid handshake" +
                             (line ? ": " + error : std::string(" line in time")) + "; stderr:\n" +
                             child_->stderr_so_far());
  }
  handshake_ = *parsed;
}

PluginProcess::~PluginProcess() {
  if (child_ && child_->running()) {
    if (!shutdown(std::chrono::seconds(3))) {
      child_->send_signal(SIGKILL);
      child_->wait_for_exit(std::chrono::seconds(5));
    }
  }
}

std::shared_ptr<grpc::Channel> PluginProcess::channel_with_client_certificate(
    const std::optional<plugin::Certificate>& certificate) const {
  const std::string target = handshake_.listen.grpc_uri();
  if (handshake_.server_cert_der.empty()) {
    return grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), channel_arguments());
  }
  grpc::SslCredentialsOptions ssl;
  // Trust exactly the certificate the plugin announced in its handshake.
  ssl.pem_root_certs = plugin::der_to_pem(handshake_.server_cert_der);
  if (certificate) {
    ssl.pem_private_key = certificate->key_pem;
    ssl.pem_cert_chain = certificate->cert_pem;
  }
  return grpc::CreateCustomChannel(target, grpc::SslCredentials(ssl), channel_arguments());
}

std::shared_ptr<grpc::Channel> PluginProcess::channel() {
  if (!channel_) {
    channel_ = channel_with_client_certificate(
        options_.auto_mtls ? std::optional<plugin::Certificate>(client_cert_) : std::nullopt);
  }
  return channel_;
}

std::unique_ptr<tfplugin5::Provider::Stub> PluginProcess::v5() {
  return tfplugin5::Provider::NewStub(channel());
}

std::unique_ptr<tfplugin6::Provider::Stub> PluginProcess::v6() {
  return tfplugin6::Provider::NewStub(channel());
}

std::optional<int> PluginProcess::shutdown(std::chrono::milliseconds timeout) {
  auto stub = ::plugin::GRPCController::NewStub(channel());
  ::plugin::Empty request;
  ::plugin::Empty response;
  const auto call = context(timeout);
  const grpc::Status status = stub->Shutdown(call.get(), request, &response);
  if (!status.ok()) return std::nullopt;
  return child_->wait_for_exit(timeout);
}

std::unique_ptr<grpc::ClientContext> PluginProcess::context(std::chrono::milliseconds timeout) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + timeout);
  return context;
}

std::string provider_binary_path() {
#ifdef RDS_PROVIDER_BINARY
  return RDS_PROVIDER_BINARY;
#else
  return "";
#endif
}

}  // namespace rds::testing
