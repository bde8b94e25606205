#include "provider/plugin/server.h"

#include <grpcpp/health_check_service_interface.h>
#include <pthread.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <thread>

#include "provider/logging/hclog.h"
#include "provider/plugin/build_info.h"
#include "provider/plugin/command_line.h"
#include "provider/plugin/environment.h"
#include "provider/plugin/go_plugin_services.h"
#include "provider/plugin/grpc_listener.h"
#include "provider/plugin/handshake.h"
#include "provider/plugin/shutdown_backstop.h"
#include "provider/plugin/shutdown_signal.h"
#include "provider/plugin/tls_certificate.h"
#include "provider/plugin/version_negotiation.h"

namespace rds::plugin {
namespace {

// How long gRPC may wait for calls and connections to finish once shutdown starts. Terraform
// only calls GRPCController.Shutdown when it is done with the plugin (and kills it 2 s later);
// gRPC's graceful shutdown otherwise also waits for each client to close its connection after
// the GOAWAY, which a client that keeps its channel open never does, so keep this short.
constexpr auto kShutdownGrace = std::chrono::milliseconds(250);
// How long after a shutdown request the process ends even if calls still run: the grace above plus
// time for the calls cancelled at its end to return. Under a second, so SIGTERM and Shutdown always work.
constexpr auto kShutdownLimit = std::chrono::milliseconds(750);
static_assert(kShutdownLimit > kShutdownGrace && kShutdownLimit < std::chrono::seconds(1));

// Writes to stdout in one piece and flushes: stdout is the handshake channel.
void write_stdout(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}

int fail_startup(const std::string& message) {
  logging::error("plugin start-up failed", {{"error", message}});
  // Also plain text, for a person running the binary without TF_LOG.
  std::cerr << "terraform-provider-rds: " << message << std::endl;
  return 1;
}

// SIGTERM (and SIGINT in debug mode) become a shutdown request, handled by one dedicated thread
// that sigwait()s for them while every other thread keeps them blocked. In plugin mode SIGINT is
// received the same way but only logged (as go-plugin does): Terraform sends it to the whole
// process group on Ctrl-C and cancels work through StopProvider instead.
// Must run before any other thread starts, so that every thread inherits the blocked mask.
void handle_signals(bool debug, ShutdownSignal& shutdown) {
  std::signal(SIGPIPE, SIG_IGN);  // a closed stderr pipe must not kill us mid-call
  // A signal ignored at exec (a shell's background job ignores SIGINT) is discarded, never
  // pending, so sigwait would not see it: restore the default before blocking what we wait for.
  std::signal(SIGTERM, SIG_DFL);
  std::signal(SIGINT, SIG_DFL);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::thread([set, debug, &shutdown] {
    int interrupts = 0;
    int received = 0;
    while (sigwait(&set, &received) == 0) {
      if (received == SIGINT && !debug) {
        logging::trace("plugin received interrupt signal, ignoring",
                       {{"count", std::to_string(++interrupts)}});
        continue;
      }
      shutdown.request(received == SIGINT ? "SIGINT" : "SIGTERM");
      return;
    }
  }).detach();
}

// Ends the process while calls are still running (see ShutdownBackstop). The socket directory is removed
// here because its destructor will never run; no other destructor runs either, since they would free
// what the stuck calls still use.
[[noreturn]] void abandon_running_calls(const std::string& socket_dir) {
  logging::log_unless_busy(logging::Level::error,
                           "plugin server did not stop in time: exiting with calls still running",
                           {{"limit_ms", std::to_string(kShutdownLimit.count())}});
  if (!socket_dir.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(socket_dir, ignored);
  }
  ::_exit(1);
}

std::shared_ptr<grpc::ServerCredentials> credentials_for(const PluginEnvironment& env, bool debug,
                                                         std::string& server_cert_der) {
  if (debug || env.client_cert_pem.empty()) return grpc::InsecureServerCredentials();
  pem_to_der(env.client_cert_pem);  // throws a clear error if PLUGIN_CLIENT_CERT is not a certificate
  const Certificate certificate = generate_self_signed_certificate();
  server_cert_der = certificate.cert_der;
  // The client must present exactly the certificate Terraform put in PLUGIN_CLIENT_CERT: it is
  // the only trusted root, and it is self-signed, so nothing else verifies.
  grpc::SslServerCredentialsOptions options(GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  options.pem_root_certs = env.client_cert_pem;
  options.pem_key_cert_pairs.push_back({certificate.key_pem, certificate.cert_pem});
  return grpc::SslServerCredentials(options);
}

void announce(const CommandLine& args, const Handshake& handshake) {
  if (!args.debug) {
    write_stdout(format_handshake_line(handshake));
    return;
  }
  write_stdout(
      "Provider started. To attach Terraform CLI, set the TF_REATTACH_PROVIDERS environment "
      "variable with the following:\n\n\tTF_REATTACH_PROVIDERS='" +
      format_reattach_config(args.provider_address, handshake.protocol_version, ::getpid(),
                             handshake.listen) +
      "'\n\nStop the provider with Ctrl-C.\n");
}

}  // namespace

int serve(int argc, char** argv, const ServiceFactory& factory) {
  disable_openssl_exit_cleanup();  // first: before anything else uses OpenSSL
  const CommandLine args = parse_command_line(argc, argv);
  const char* program = argc > 0 ? argv[0] : "terraform-provider-rds";
  if (!args.error.empty()) {
    std::cerr << program << ": " << args.error << "\n\n" << usage(program);
    return 2;
  }
  if (args.help) {
    // Asked-for usage is the program's output (`--help | less` must work); only misuse goes to stderr.
    std::cout << usage(program) << std::flush;
    return 0;
  }
  if (args.version) {
    std::cout << version_text(build_info()) << std::flush;
    return 0;
  }

  PluginEnvironment env;
  try {
    env = read_environment();
  } catch (const EnvironmentError& e) {
    return fail_startup(e.what());
  }
  if (!args.debug && !env.magic_cookie_ok) {
    std::cerr << kNotStartedByTerraformMessage;
    return 1;
  }

  // Debug mode has no client to negotiate with: serve the newest version unless told otherwise.
  const auto negotiated = negotiate_protocol_version(args.debug && env.client_protocol_versions.empty()
                                                         ? std::vector<int>{6}
                                                         : env.client_protocol_versions);
  if (!negotiated.version) return fail_startup(negotiated.error);
  const int version = *negotiated.version;

  ShutdownSignal shutdown;
  handle_signals(args.debug, shutdown);

  std::unique_ptr<grpc::Service> provider_service;
  try {
    provider_service = factory(version);
  } catch (const std::exception& e) {
    return fail_startup("cannot create the provider service for protocol " + std::to_string(version) + ": " +
                        e.what());
  }
  if (!provider_service) return fail_startup("no provider service for protocol " + std::to_string(version));
  ControllerService controller(shutdown);
  StdioService stdio(shutdown);
  BrokerService broker;

  Handshake handshake;
  handshake.protocol_version = version;
  RunningServer running;
  try {
    const auto credentials = credentials_for(env, args.debug, handshake.server_cert_der);
    grpc::EnableDefaultHealthCheckService(true);
    running = start_server(env, credentials, [&](grpc::ServerBuilder& builder) {
      builder.RegisterService(provider_service.get());
      builder.RegisterService(&controller);
      builder.RegisterService(&stdio);
      builder.RegisterService(&broker);
    });
  } catch (const std::exception& e) {
    return fail_startup(e.what());
  }
  // go-plugin's client health-checks the service named "plugin".
  running.server->GetHealthCheckService()->SetServingStatus("plugin", true);
  handshake.listen = running.listen;

  logging::info("plugin server started", {{"protocol_version", std::to_string(version)},
                                          {"network", running.listen.network},
                                          {"address", running.listen.address},
                                          {"tls", handshake.server_cert_der.empty() ? "false" : "true"},
                                          {"debug", args.debug ? "true" : "false"}});
  announce(args, handshake);

  shutdown.wait();
  logging::info("plugin server stopping", {{"reason", shutdown.reason()}});
  const std::string socket_dir = running.socket_dir ? running.socket_dir->path() : "";
  ShutdownBackstop backstop(kShutdownLimit, [socket_dir] { abandon_running_calls(socket_dir); });
  broker.cancel_all();
  running.server->Shutdown(std::chrono::system_clock::now() + kShutdownGrace);
  running.server->Wait();
  backstop.disarm();
  running.server.reset();
  running.socket_dir.reset();  // removes the socket and its private directory
  logging::debug("plugin server stopped");
  return 0;
}

}  // namespace rds::plugin
