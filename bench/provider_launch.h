// Starting a provider binary the way Terraform does, for the benchmarks.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "tests/support/child_process.h"

namespace rds::bench {

// A running provider and what its handshake line told us.
struct LaunchedProvider {
  std::unique_ptr<rds::testing::ChildProcess> process;
  std::string handshake;         // the whole first stdout line
  std::string network, address;  // e.g. "unix", "/tmp/plugin123/provider.sock"
  std::chrono::microseconds time_to_handshake{0};
  long rss_kib = -1;                      // VmRSS right after the handshake line arrived
  std::chrono::microseconds cpu_time{0};  // CPU used by all its threads up to that point
};

// Starts `binary` as go-plugin's client (Terraform) does: Terraform's magic cookie,
// PLUGIN_PROTOCOL_VERSIONS=5,6 (what Terraform 1.x offers), PLUGIN_CLIENT_CERT (AutoMTLS) when
// `client_cert_pem` is not empty, stdout on a pipe, and waits up to 10 s for the handshake line.
// `scratch` is its working directory and holds its stderr. Throws on failure.
LaunchedProvider launch_provider(const std::string& binary, const std::filesystem::path& scratch,
                                 const std::string& client_cert_pem);

// A throw-away self-signed client certificate (PEM), made with the openssl CLI, like the one Terraform
// generates for every run. Empty if openssl is unavailable.
std::string make_client_certificate(const std::filesystem::path& scratch);

// Resident set size of `pid` in KiB, from /proc/<pid>/status; -1 when unreadable.
long resident_kib(pid_t pid);

// CPU time (user + system) used so far by every live thread of `pid`, from /proc/<pid>/task/*/schedstat
// (nanoseconds, unlike the 10 ms ticks of /proc/<pid>/stat).
std::chrono::microseconds cpu_time(pid_t pid);

}  // namespace rds::bench
