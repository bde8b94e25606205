#pragma once
// With --tls the sim serves https with a certificate made at start-up: a fresh CA (printed on stdout
// so clients can trust it) and a server certificate for localhost / 127.0.0.1 / ::1 (and --host and any
// --tls-name) signed by it.
#include <filesystem>
#include <string>
#include <vector>

namespace rds::sim {

struct TlsFiles {
  std::filesystem::path dir;  // private (0700) temp directory holding the three files
  std::filesystem::path ca_cert, server_cert, server_key;
};

// Generates the CA and server certificate (EC P-256, valid 7 days) into a new private temp directory.
// The server certificate names localhost, 127.0.0.1 and ::1, plus each of `extra_hosts` (IP addresses or
// DNS names). Throws std::runtime_error with OpenSSL's reason on failure.
TlsFiles generate_tls_files(const std::vector<std::string>& extra_hosts = {});

// A fresh self-signed CA certificate (EC P-256, "O=rds-sim,CN=<common_name>", valid from an hour ago for
// `valid_seconds`), as PEM; its key is thrown away. Throws std::runtime_error with OpenSSL's reason.
std::string self_signed_ca_pem(const std::string& common_name, long valid_seconds);

// Removes the directory made by generate_tls_files (best effort).
void remove_tls_files(const TlsFiles& files);

}  // namespace rds::sim
