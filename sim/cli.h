#pragma once
// rds-sim's command line (see README.md and `rds-sim --help`).
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/authenticator.h"
#include "sim/state.h"

namespace rds::sim {

struct SimOptions {
  std::string host = "127.0.0.1";
  int port = 0;  // 0 => a free port chosen by the OS
  bool tls = false;
  std::string region = "eu-de";
  Credentials credentials;
  std::string seed_file;
  std::vector<InstanceSpec> instances;  // from --instance flags
  SimSettings settings;
  std::string files_dir;  // --files DIR: served read-only under /files/ and at / (a mirror, a registry)
  std::vector<std::string> tls_names;       // --tls-name NAME: more names the TLS certificate is valid for
  std::optional<std::uint32_t> fault_seed;  // --fault-seed N: the draws of probability faults
  double rate_limit = 0;                    // --rate-limit N: calls per second per project, then 429
  bool quiet = false;                       // no per-request lines on stderr
  bool help = false;
};

struct CliError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Parses the arguments after the program name; throws CliError naming the bad flag.
SimOptions parse_cli(const std::vector<std::string>& args);

std::string usage();

}  // namespace rds::sim
