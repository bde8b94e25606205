// Starting terraform-provider-rds the way Terraform does, for the benchmarks.
#pragma once

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
};

// Starts the provider with Terraform's magic cookie and PLUGIN_PROTOCOL_VERSIONS=6, and waits (up to
// 10 s) for its handshake line. With a non-empty `client_cert_pem` the provider serves AutoMTLS, as
// under Terraform; without it, plain gRPC. `scratch` holds its stderr. Throws on failure.
LaunchedProvider launch_provider(const std::filesystem::path& scratch, const std::string& client_cert_pem);

// A throw-away self-signed client certificate (PEM), made with the openssl CLI, like the one Terraform
// generates for every run. Empty if openssl is unavailable.
std::string make_client_certificate(const std::filesystem::path& scratch);

// Resident set size of `pid` in KiB, from /proc/<pid>/status; -1 when unreadable.
long resident_kib(pid_t pid);

}  // namespace rds::bench
