#include "client/ca_bundle.h"

#include <cstdlib>
#include <sstream>
#include <system_error>

namespace rds::client {

namespace fs = std::filesystem;

const std::vector<std::string>& ca_bundle_files() {
  static const std::vector<std::string> files{
      "/etc/ssl/certs/ca-certificates.crt",                 // Debian, Ubuntu, Gentoo, Arch
      "/etc/pki/tls/certs/ca-bundle.crt",                   // Fedora, RHEL 6
      "/etc/ssl/ca-bundle.pem",                             // openSUSE
      "/etc/pki/tls/cacert.pem",                            // OpenELEC
      "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",  // CentOS, RHEL 7 and later
      "/etc/ssl/cert.pem",                                  // Alpine
  };
  return files;
}

const std::vector<std::string>& ca_bundle_directories() {
  static const std::vector<std::string> directories{
      "/etc/ssl/certs",      // SLES10, SLES11
      "/etc/pki/tls/certs",  // Fedora, RHEL
  };
  return directories;
}

CaSearchContext system_ca_search() {
  return {.getenv = [](const std::string& name) -> std::optional<std::string> {
            const char* value = std::getenv(name.c_str());
            if (value == nullptr) return std::nullopt;
            return std::string(value);
          },
          .root = "/"};
}

namespace {

std::vector<std::string> split_on_colons(const std::string& text) {
  std::vector<std::string> parts;
  std::stringstream in(text);
  for (std::string part; std::getline(in, part, ':');) {
    if (!part.empty()) parts.push_back(part);
  }
  return parts;
}

// Empty counts as unset, as in Go.
std::optional<std::string> non_empty(const CaSearchContext& context, const std::string& name) {
  auto value = context.getenv ? context.getenv(name) : std::nullopt;
  if (value && value->empty()) return std::nullopt;
  return value;
}

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string joined;
  for (const auto& item : items) joined += (joined.empty() ? "" : separator) + item;
  return joined;
}

}  // namespace

CaBundle find_ca_bundle(const std::string& cacert_file, const CaSearchContext& context) {
  if (!cacert_file.empty()) return {.file = cacert_file, .directory = {}};

  auto below_root = [&](const std::string& path) {
    const fs::path p(path);
    return (p.is_absolute() ? context.root / p.relative_path() : p).string();
  };
  std::error_code error;  // an unreadable path counts as missing, as a failed read does in Go

  const auto cert_file = non_empty(context, "SSL_CERT_FILE");
  const auto cert_dir = non_empty(context, "SSL_CERT_DIR");
  const std::vector<std::string> files = cert_file ? std::vector<std::string>{*cert_file} : ca_bundle_files();
  const std::vector<std::string> directories =
      cert_dir ? split_on_colons(*cert_dir) : ca_bundle_directories();

  CaBundle bundle;
  for (const auto& file : files) {
    if (fs::is_regular_file(below_root(file), error)) {
      bundle.file = below_root(file);
      break;
    }
  }
  std::vector<std::string> found_directories;
  for (const auto& directory : directories) {
    if (fs::is_directory(below_root(directory), error)) found_directories.push_back(below_root(directory));
  }
  bundle.directory = join(found_directories, ":");
  if (!bundle.file.empty() || !bundle.directory.empty()) return bundle;

  throw CaBundleNotFound(
      "no CA certificates to verify the API's TLS certificate with: cacert_file is not set, and none of "
      "these "
      "exists: " +
      (cert_file ? "SSL_CERT_FILE=" + *cert_file : "SSL_CERT_FILE (not set), " + join(files, ", ")) + ", " +
      (cert_dir ? "SSL_CERT_DIR=" + *cert_dir : "SSL_CERT_DIR (not set), " + join(directories, ", ")) +
      ". Install your distribution's CA certificates (e.g. the ca-certificates package) or set cacert_file "
      "(or SSL_CERT_FILE) to a PEM bundle of the CAs to trust");
}

}  // namespace rds::client
