// The plugin start-up layer as Terraform sees it: handshake, AutoMTLS, version choice, listeners,
// shutdown and signals. Runs rds_plugin_transport_fixture (rds::plugin::serve with provider
// services whose RPCs are all UNIMPLEMENTED), so it needs no provider layers.
#include <grpcpp/generic/generic_stub.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "proto/grpc_broker.grpc.pb.h"
#include "proto/grpc_stdio.grpc.pb.h"
#include "tests/harness/plugin_process.h"
#include "tests/support/eventually.h"

namespace rds::testing {
namespace {

using namespace std::chrono_literals;

const std::string kFixture = RDS_TRANSPORT_FIXTURE;
// go-plugin's handshake cookie for Terraform providers.
const std::string kMagicCookie = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

PluginOptions fixture_options() {
  PluginOptions options;
  options.binary = kFixture;
  return options;
}

// grpc.health.v1.Health/Check for service "plugin", encoded by hand (HealthCheckRequest field 1
// = service name; HealthCheckResponse field 1 = status, SERVING = 1) to avoid a proto dependency.
grpc::Status health_check(const std::shared_ptr<grpc::Channel>& channel, bool* serving) {
  grpc::GenericStub stub(channel);
  const std::string request_bytes = std::string("\x0a\x06", 2) + "plugin";
  grpc::Slice slice(request_bytes);
  grpc::ByteBuffer request(&slice, 1);
  grpc::ByteBuffer response;
  auto context = PluginProcess::context(5s);
  std::mutex mutex;
  std::condition_variable done_cv;
  bool done = false;
  grpc::Status result;
  stub.UnaryCall(context.get(), "/grpc.health.v1.Health/Check", grpc::StubOptions(), &request, &response,
                 [&](grpc::Status status) {
                   std::lock_guard lock(mutex);
                   result = status;
                   done = true;
                   done_cv.notify_all();
                 });
  std::unique_lock lock(mutex);
  done_cv.wait(lock, [&] { return done; });
  if (result.ok()) {
    std::vector<grpc::Slice> slices;
    (void)response.Dump(&slices);
    std::string bytes;
    for (const auto& s : slices) bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
    *serving = bytes == std::string("\x08\x01", 2);
  }
  return result;
}

bool is_serving(const std::shared_ptr<grpc::Channel>& channel) {
  bool serving = false;
  return health_check(channel, &serving).ok() && serving;
}

TEST(PluginTransport, HandshakeAnnouncesVersion6OnPrivateUnixSocketWithServerCertificate) {
  PluginProcess plugin(fixture_options());
  const auto& handshake = plugin.handshake();
  EXPECT_EQ(handshake.core_version, 1);
  EXPECT_EQ(handshake.protocol_version, 6);
  EXPECT_EQ(handshake.listen.network, "unix");
  EXPECT_EQ(handshake.protocol, "grpc");
  ASSERT_FALSE(handshake.server_cert_der.empty());
  EXPECT_NO_THROW(plugin::der_to_pem(handshake.server_cert_der));

  struct stat socket_stat {};
  ASSERT_EQ(::stat(handshake.listen.address.c_str(), &socket_stat), 0);
  EXPECT_TRUE(S_ISSOCK(socket_stat.st_mode));
  const auto dir = std::filesystem::path(handshake.listen.address).parent_path();
  struct stat dir_stat {};
  ASSERT_EQ(::stat(dir.c_str(), &dir_stat), 0);
  EXPECT_EQ(dir_stat.st_mode & 0777, 0700u) << "socket directory must be private";
}

TEST(PluginTransport, NegotiatesVersion5WhenTheClientSpeaksOnly5) {
  auto options = fixture_options();
  options.protocol_versions = {5};
  PluginProcess plugin(options);
  EXPECT_EQ(plugin.protocol_version(), 5);
  auto stub = plugin.v5();
  tfplugin5::GetProviderSchema::Request request;
  tfplugin5::GetProviderSchema::Response response;
  auto context = PluginProcess::context();
  // The fixture's provider service is the generated base: reaching it proves the v5 service is
  // registered and reachable over mutual TLS.
  EXPECT_EQ(plugin.v5()->GetSchema(context.get(), request, &response).error_code(),
            grpc::StatusCode::UNIMPLEMENTED);
}

TEST(PluginTransport, HealthServiceReportsPluginServingOverMutualTls) {
  PluginProcess plugin(fixture_options());
  EXPECT_TRUE(is_serving(plugin.channel()));
}

TEST(PluginTransport, ClientWithWrongCertificateIsRefused) {
  PluginProcess plugin(fixture_options());
  const auto stranger = plugin::generate_self_signed_certificate();
  bool serving = false;
  const auto status = health_check(plugin.channel_with_client_certificate(stranger), &serving);
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
  EXPECT_TRUE(is_serving(plugin.channel())) << "the right certificate still works afterwards";
}

TEST(PluginTransport, ClientWithoutCertificateIsRefused) {
  PluginProcess plugin(fixture_options());
  bool serving = false;
  EXPECT_FALSE(health_check(plugin.channel_with_client_certificate(std::nullopt), &serving).ok());
}

TEST(PluginTransport, ServesPlainGrpcWithoutClientCertificate) {
  auto options = fixture_options();
  options.auto_mtls = false;
  PluginProcess plugin(options);
  EXPECT_TRUE(plugin.handshake().server_cert_der.empty());
  EXPECT_TRUE(is_serving(plugin.channel()));
}

// How often `text` occurs in `haystack`.
int occurrences(const std::string& haystack, const std::string& text) {
  int count = 0;
  for (auto at = haystack.find(text); at != std::string::npos; at = haystack.find(text, at + text.size()))
    ++count;
  return count;
}

// Exit status 0 means the plugin ended by itself: shutdown() never kills it. How fast it exits against
// Terraform's 2 s kill is a figure of a loaded machine, so no wall-clock bound is asserted here.
TEST(PluginTransport, ShutdownExitsCleanlyAndRemovesSocketDirectory) {
  PluginProcess plugin(fixture_options());
  const auto dir = std::filesystem::path(plugin.handshake().listen.address).parent_path();
  ASSERT_TRUE(std::filesystem::exists(dir));
  EXPECT_EQ(plugin.shutdown(30s), 0);
  EXPECT_FALSE(std::filesystem::exists(dir));
}

// gRPC's graceful shutdown waits for every open call, and go-plugin's client keeps the stdio and broker
// streams open for the plugin's whole life: unless the server ends them itself, the plugin never exits.
// So the plugin exiting by itself (status 0), with both streams ended by the server, is the proof; the
// 30 s bound is only there to turn a hang into a failure.
TEST(PluginTransport, ShutdownEndsOpenStdioAndBrokerStreamsAndExits) {
  auto options = fixture_options();
  options.extra_env = {{"TF_LOG", "trace"}};
  PluginProcess plugin(options);
  // Open the streams go-plugin's client opens, and keep them open.
  auto stdio_stub = ::plugin::GRPCStdio::NewStub(plugin.channel());
  auto stdio_context = PluginProcess::context(60s);
  auto stdio = stdio_stub->StreamStdio(stdio_context.get(), google::protobuf::Empty());
  auto broker_stub = ::plugin::GRPCBroker::NewStub(plugin.channel());
  auto broker_context = PluginProcess::context(60s);
  auto broker = broker_stub->StartStream(broker_context.get());
  // The broker logs each message it reads: once it logged ours, its stream is open on the server.
  ASSERT_TRUE(broker->Write(::plugin::ConnInfo()));
  ASSERT_TRUE(eventually([&] {
    return plugin.process().stderr_so_far().find("GRPCBroker: ignoring a connection request") !=
           std::string::npos;
  })) << plugin.process().stderr_so_far();

  EXPECT_EQ(plugin.shutdown(30s), 0) << plugin.process().stderr_so_far();

  // Both streams were ended from the server's side, well before their own 60 s deadlines.
  const auto ended_by = std::chrono::system_clock::now() + 30s;
  ::plugin::StdioData stdio_data;
  EXPECT_FALSE(stdio->Read(&stdio_data));
  ::plugin::ConnInfo conn_info;
  EXPECT_FALSE(broker->Read(&conn_info));
  EXPECT_LT(std::chrono::system_clock::now(), ended_by);
  EXPECT_NE(stdio->Finish().error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_NE(broker->Finish().error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
}

TEST(PluginTransport, SigintIsIgnoredAndLogged) {
  auto options = fixture_options();
  options.extra_env = {{"TF_LOG", "trace"}};
  PluginProcess plugin(options);
  // One signal at a time, each waited for until it is logged: two pending SIGINTs would merge into one.
  for (int sent = 1; sent <= 2; ++sent) {
    plugin.process().send_signal(SIGINT);
    EXPECT_TRUE(eventually([&] {
      return occurrences(plugin.process().stderr_so_far(), "interrupt signal, ignoring") >= sent;
    })) << plugin.process().stderr_so_far();
  }
  EXPECT_TRUE(plugin.process().running());
  EXPECT_TRUE(is_serving(plugin.channel()));
}

TEST(PluginTransport, SigtermStopsCleanly) {
  PluginProcess plugin(fixture_options());
  const auto dir = std::filesystem::path(plugin.handshake().listen.address).parent_path();
  plugin.process().send_signal(SIGTERM);
  EXPECT_EQ(plugin.process().wait_for_exit(3s), 0);
  EXPECT_FALSE(std::filesystem::exists(dir));
}

TEST(PluginTransport, FallsBackToTcpWithinPortRangeWhenSocketDirectoryIsUnusable) {
  auto options = fixture_options();
  options.extra_env = {{"PLUGIN_UNIX_SOCKET_DIR", "/nonexistent/rds-plugin-test"},
                       {"PLUGIN_MIN_PORT", "20000"},
                       {"PLUGIN_MAX_PORT", "20999"}};
  PluginProcess plugin(options);
  const auto& listen = plugin.handshake().listen;
  EXPECT_EQ(listen.network, "tcp");
  ASSERT_EQ(listen.address.rfind("127.0.0.1:", 0), 0u) << listen.address;
  const int port = std::stoi(listen.address.substr(10));
  EXPECT_GE(port, 20000);
  EXPECT_LE(port, 20999);
  EXPECT_TRUE(is_serving(plugin.channel()));
  EXPECT_NE(plugin.process().stderr_so_far().find("falling back to tcp"), std::string::npos);
}

TEST(PluginTransport, HonoursPluginUnixSocketDir) {
  const auto parent =
      std::filesystem::temp_directory_path() / ("rds-plugin-socket-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(parent);
  {
    auto options = fixture_options();
    options.extra_env = {{"PLUGIN_UNIX_SOCKET_DIR", parent.string()}};
    PluginProcess plugin(options);
    EXPECT_EQ(plugin.handshake().listen.address.rfind(parent.string() + "/", 0), 0u)
        << plugin.handshake().listen.address;
  }
  std::filesystem::remove_all(parent);
}

TEST(PluginTransport, StdoutCarriesOnlyTheHandshakeLine) {
  auto options = fixture_options();
  options.extra_env = {{"TF_LOG", "trace"}};
  PluginProcess plugin(options);
  ASSERT_EQ(plugin.shutdown(3s), 0);
  EXPECT_EQ(plugin.process().read_remaining_stdout(1s), "");
}

TEST(PluginTransport, StderrLogLinesAreHclogJson) {
  auto options = fixture_options();
  options.extra_env = {{"TF_LOG", "trace"}};
  PluginProcess plugin(options);
  ASSERT_EQ(plugin.shutdown(3s), 0);
  std::istringstream lines(plugin.process().stderr_so_far());
  std::string line;
  int json_lines = 0;
  while (std::getline(lines, line)) {
    if (line.empty() || line.front() != '{') continue;  // gRPC's own diagnostics are plain text
    const auto entry = nlohmann::json::parse(line);
    EXPECT_TRUE(entry.contains("@level") && entry.contains("@message") && entry.contains("@timestamp") &&
                entry.contains("@module"))
        << line;
    ++json_lines;
  }
  EXPECT_GE(json_lines, 2) << plugin.process().stderr_so_far();
}

TEST(PluginTransport, RefusesToRunWithoutMagicCookie) {
  const auto result = run_to_completion(
      {.argv = {kFixture}, .env = inherited_environment({.unset = {"TF_PLUGIN_MAGIC_COOKIE"}})});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "");
  EXPECT_NE(result.err.find("This binary is a plugin"), std::string::npos) << result.err;
}

TEST(PluginTransport, ExitsWithClearErrorWhenNoProtocolVersionIsInCommon) {
  const auto result =
      run_to_completion({.argv = {kFixture},
                         .env = inherited_environment({.set = {{"TF_PLUGIN_MAGIC_COOKIE", kMagicCookie},
                                                               {"PLUGIN_PROTOCOL_VERSIONS", "3,4"}}})});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "");
  EXPECT_NE(result.err.find("speaks protocol 5, 6"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("asks for 3, 4"), std::string::npos) << result.err;
}

TEST(PluginTransport, ExitsWithClearErrorForBadPortRange) {
  const auto result =
      run_to_completion({.argv = {kFixture},
                         .env = inherited_environment({.set = {{"TF_PLUGIN_MAGIC_COOKIE", kMagicCookie},
                                                               {"PLUGIN_PROTOCOL_VERSIONS", "6"},
                                                               {"PLUGIN_MIN_PORT", "lots"}}})});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "");
  EXPECT_NE(result.err.find("PLUGIN_MIN_PORT"), std::string::npos) << result.err;
}

TEST(PluginTransport, DebugModePrintsReattachConfigAndServesWithoutTls) {
  ChildProcess child(
      {.argv = {kFixture, "--debug", "--address", "registry.terraform.io/local/rds"},
       .env = inherited_environment({.unset = {"TF_PLUGIN_MAGIC_COOKIE", "PLUGIN_CLIENT_CERT"}})});
  std::optional<std::string> reattach;
  while (auto line = child.read_stdout_line(10s)) {
    const auto at = line->find("TF_REATTACH_PROVIDERS='");
    if (at != std::string::npos) {
      const auto start = at + std::string("TF_REATTACH_PROVIDERS='").size();
      reattach = line->substr(start, line->rfind('\'') - start);
      break;
    }
  }
  ASSERT_TRUE(reattach) << child.stderr_so_far();
  const auto config = nlohmann::json::parse(*reattach).at("registry.terraform.io/local/rds");
  EXPECT_EQ(config.at("Protocol"), "grpc");
  EXPECT_EQ(config.at("ProtocolVersion"), 6);
  EXPECT_EQ(config.at("Pid"), child.pid());
  EXPECT_EQ(config.at("Test"), true);
  EXPECT_EQ(config.at("Addr").at("Network"), "unix");
  const std::string socket = config.at("Addr").at("String");
  auto channel = grpc::CreateChannel("unix:" + socket, grpc::InsecureChannelCredentials());
  EXPECT_TRUE(is_serving(channel));
  child.send_signal(SIGINT);  // in debug mode Ctrl-C stops the provider
  EXPECT_EQ(child.wait_for_exit(3s), 0);
}

TEST(PluginTransport, DebugModeStopsOnSigintEvenWhenStartedWithSigintIgnored) {
  // A shell starts background jobs with SIGINT ignored; `trap '' INT; exec` reproduces that.
  ChildProcess child(
      {.argv = {"/bin/sh", "-c", "trap '' INT; exec \"$0\" --debug", kFixture},
       .env = inherited_environment({.unset = {"TF_PLUGIN_MAGIC_COOKIE", "PLUGIN_CLIENT_CERT"}})});
  bool started = false;
  while (auto line = child.read_stdout_line(10s)) {
    if (line->find("TF_REATTACH_PROVIDERS=") != std::string::npos) {
      started = true;
      break;
    }
  }
  ASSERT_TRUE(started) << child.stderr_so_far();
  child.send_signal(SIGINT);
  EXPECT_EQ(child.wait_for_exit(3s), 0);
}

}  // namespace
}  // namespace rds::testing
