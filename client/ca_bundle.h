// Where the CA certificates that verify the API's TLS certificate are.
//
// A libcurl knows only the paths of the machine it was built on; the release executable is built on
// Debian but runs on RHEL, SUSE, Alpine and others. So the transport looks for them itself, in the places
// Go's crypto/x509 looks on Linux (the Go providers Terraform users also run find them there too):
// https://go.dev/src/crypto/x509/root_linux.go
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "client/errors.h"

namespace rds::client {

// Go's list of bundle files, in the order it tries them (the first that exists is used).
const std::vector<std::string>& ca_bundle_files();
// Go's list of certificate folders (every one that exists is used).
const std::vector<std::string>& ca_bundle_directories();

// What libcurl is told to trust.
struct CaBundle {
  std::string file;       // CURLOPT_CAINFO; empty: none
  std::string directory;  // CURLOPT_CAPATH: folders joined by ':' (OpenSSL splits on it); empty: none
};

// What the search reads: the environment and the file system below `root`. Tests pass a fake root.
struct CaSearchContext {
  std::function<std::optional<std::string>(const std::string& name)> getenv;
  std::filesystem::path root = "/";
};

// The process's environment and the real file system.
CaSearchContext system_ca_search();

// No CA certificates anywhere; what() names every place that was searched.
class CaBundleNotFound : public Error {
 public:
  using Error::Error;
};

// `cacert_file` when set (nothing else is trusted then). Otherwise, as Go does: SSL_CERT_FILE instead of
// the list of bundle files, SSL_CERT_DIR (folders separated by ':') instead of the list of folders; the
// first bundle file that exists and every folder that exists. Throws CaBundleNotFound when neither a file
// nor a folder exists. Paths come back below `context.root`.
CaBundle find_ca_bundle(const std::string& cacert_file, const CaSearchContext& context = system_ca_search());

}  // namespace rds::client
