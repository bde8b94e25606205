// The HTTP seam: RdsClient talks to a Transport, so tests can replace the network with a fake.
// CurlTransport (curl_transport.h) is the real one.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/cancel.h"

namespace rds::client {

using QueryParams = std::vector<std::pair<std::string, std::string>>;
using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method;    // GET, PUT, POST
  std::string base_url;  // scheme://host[:port], no trailing slash, may include a path prefix
  std::string path;      // absolute path below base_url, e.g. /v3/P/instances
  QueryParams query;     // sent (and signed) in canonical order
  HeaderList headers;    // as sent; Host is added by the signer when signing
  std::string body;
  CancelToken cancel;  // aborts the transfer within 100 ms when cancelled
  // Upper bound for this transfer, below the transport's own request timeout (set from a deadline).
  std::optional<std::chrono::milliseconds> timeout;
  // When set, the URL put on the wire as is (a download link the API gave, whose query may be signed
  // and must not be re-encoded); base_url and path then only name it in logs.
  std::string raw_url;
  // The largest body accepted: a larger answer (announced or as it arrives) fails the transfer at once.
  std::optional<std::size_t> max_body_bytes;

  // base_url + path + "?" + canonical query: the exact URL put on the wire.
  std::string url() const;
  // "scheme://host:port" part of base_url, and "host[:port]" as the Host header carries it.
  std::string host_header() const;
  // Path prefix of base_url ("" for most endpoints) + path; what the server sees and the signer signs.
  std::string full_path() const;
};

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;

  // Value of a header (case-insensitive name) or "".
  std::string header(const std::string& name) const;
  // X-Request-Id, else X-Openstack-Request-Id, else "".
  std::string request_id() const;
};

class Transport {
 public:
  virtual ~Transport() = default;
  // Sends one request. Throws TransportError when no HTTP answer arrives, CancelledError when the
  // request's token is cancelled. Any HTTP status (including 4xx/5xx) is a normal return.
  virtual HttpResponse send(const HttpRequest& request) = 0;
};

}  // namespace rds::client
