#include "bench/provider_launch.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace rds::bench {
namespace {

// go-plugin's handshake cookie for Terraform providers (docs/plugin-protocol).
constexpr const char* kMagicCookie = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

std::vector<std::string> split(const std::string& line, char separator) {
  std::vector<std::string> parts;
  std::stringstream stream(line);
  std::string part;
  while (std::getline(stream, part, separator)) parts.push_back(part);
  return parts;
}

}  // namespace

LaunchedProvider launch_provider(const std::string& binary, const std::filesystem::path& scratch,
                                 const std::string& client_cert_pem) {
  auto env = rds::testing::clean_environment();
  env["TF_PLUGIN_MAGIC_COOKIE"] = kMagicCookie;
  env["PLUGIN_PROTOCOL_VERSIONS"] = "5,6";
  env["PLUGIN_MIN_PORT"] = "10000";  // go-plugin's client always sets these two
  env["PLUGIN_MAX_PORT"] = "25000";
  if (!client_cert_pem.empty()) env["PLUGIN_CLIENT_CERT"] = client_cert_pem;

  LaunchedProvider launched;
  auto started = std::chrono::steady_clock::now();
  // stdout on a pipe: the line is seen the moment it is written, which matters for a figure in the tens
  // of milliseconds. stderr goes to a file in `scratch` so the provider never blocks on it.
  launched.process = std::make_unique<rds::testing::ChildProcess>(
      rds::testing::ProcessOptions{.argv = {binary},
                                   .env = env,
                                   .cwd = scratch,
                                   .stderr_to = rds::testing::Output::kFile,
                                   .capture_prefix = scratch / "provider"});
  auto line = launched.process->read_stdout_line(std::chrono::seconds(10));
  if (!line) {
    throw std::runtime_error(binary + " printed no handshake line; stderr:\n" +
                             launched.process->stderr_so_far());
  }
  launched.time_to_handshake =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
  launched.rss_kib = resident_kib(launched.process->pid());
  launched.cpu_time = cpu_time(launched.process->pid());
  launched.handshake = *line;
  auto fields = split(launched.handshake, '|');
  if (fields.size() < 5) throw std::runtime_error("malformed handshake line: " + launched.handshake);
  launched.network = fields[2];
  launched.address = fields[3];
  return launched;
}

std::string make_client_certificate(const std::filesystem::path& scratch) {
  auto key = scratch / "client.key", cert = scratch / "client.pem";
  std::string command =
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 "
      "-subj /CN=localhost -keyout '" +
      key.string() + "' -out '" + cert.string() + "' >/dev/null 2>&1";
  if (std::system(command.c_str()) != 0) return {};
  return rds::testing::read_text_file(cert);
}

long resident_kib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  }
  return -1;
}

std::chrono::microseconds cpu_time(pid_t pid) {
  long long nanoseconds = 0;
  std::error_code error;
  for (const auto& task :
       std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/task", error)) {
    std::ifstream schedstat(task.path() / "schedstat");
    long long on_cpu = 0;
    if (schedstat >> on_cpu) nanoseconds += on_cpu;
  }
  return std::chrono::microseconds(nanoseconds / 1000);
}

}  // namespace rds::bench
