// The real Transport on libcurl. A bounded pool of easy handles (each keeps its connection alive, see
// client/curl_pool.h) plus a curl share object for DNS and TLS sessions: consecutive calls, from any
// thread, reuse one TCP/TLS connection instead of a new handshake per call. Answer bodies are capped
// (client/answer_limits.h).
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "client/http.h"

namespace rds::client {

class CurlPool;
struct PoolLimits;

struct TransportOptions {
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds request_timeout{60'000};
  bool insecure = false;  // no peer / host verification
  // The CA bundle to trust, as PEM (client/cacert_file.h reads cacert_file); empty => the
  // CA certificates client/ca_bundle.h finds on the machine.
  // libcurl gets the bytes, never the path: a file swapped for a FIFO after the check cannot block a call.
  std::string cacert_file;  // where the bundle came from, for messages
  std::string ca_bundle_pem;
  std::string user_agent;
};

class CurlTransport : public Transport {
 public:
  explicit CurlTransport(TransportOptions options);
  // With other pool limits than the defaults (tests make idle handles expire quickly).
  CurlTransport(TransportOptions options, PoolLimits limits);
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  HttpResponse send(const HttpRequest& request) override;

 private:
  TransportOptions options_;
  std::unique_ptr<CurlPool> pool_;
};

}  // namespace rds::client
