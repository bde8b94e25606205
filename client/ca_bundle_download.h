// Downloading the CA bundle zip behind a certificate link (RdsClient::get_ssl_cert_links) and reading its
// certificates (client/ca_certificates.h).
//
// The link comes from the API's answer, so it is treated as hostile: it must be https://, or http:// only
// when the RDS endpoint itself is (rds-sim, a private cloud without TLS); redirects are followed only to
// the same scheme and at most kMaxRedirects times; the answer may be at most kMaxCaBundleDownloadBytes and
// unpack to at most the ZipLimits. No credentials are sent (Executor::fetch): the link may point at object
// storage on another host.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "client/ca_certificates.h"
#include "client/errors.h"
#include "client/types.h"
#include "common/cancel.h"

namespace rds::client {

class Executor;

inline constexpr std::size_t kMaxCaBundleDownloadBytes = 1024 * 1024;
inline constexpr int kMaxRedirects = 3;

struct SslCaBundle {
  std::vector<CaCertificate> certificates;  // in bundle order
  // Downloaded over http:// (allowed only with an http:// endpoint): anyone on the path could have
  // replaced the CA, so callers warn unless the host is a loopback address.
  bool plain_http = false;
  bool loopback = false;  // the link's host is a loopback address
};

// The link is not one the provider follows: another scheme, credentials in it, a redirect elsewhere.
class UnsafeLinkError : public Error {
 public:
  using Error::Error;
};

// "https://host:port/path" of `link`, without its query (presigned links carry a signature there) or
// user info; the link redacted when it does not parse.
std::string shown_link(const std::string& link);

// Downloads and reads the bundle at `link`. `endpoint` is the RDS endpoint (it decides whether http:// is
// allowed). Throws UnsafeLinkError, TransportError (unreachable host, too large an answer, after the
// executor's retries), ApiError (an error status), ZipError, CaBundleError, CancelledError.
SslCaBundle download_ssl_ca_bundle(Executor& executor, const std::string& endpoint, const std::string& link,
                                   Deadline deadline, const CancelToken& cancel);

}  // namespace rds::client
