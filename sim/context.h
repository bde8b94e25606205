#pragma once
// Everything the route handlers share. One per running sim; every member is thread-safe.
#include <httplib.h>

#include <atomic>
#include <functional>

#include "sim/authenticator.h"
#include "sim/ca_bundle_store.h"
#include "sim/faults.h"
#include "sim/rate_gate.h"
#include "sim/request_log.h"
#include "sim/state.h"
#include "sim/token_store.h"

namespace rds::sim {

struct SimContext {
  SimContext(Credentials creds, std::string region, Clocks c = {})
      : clocks(std::move(c)),
        credentials(std::move(creds)),
        state(clocks, std::move(region)),
        auth(credentials, tokens, clocks) {}

  Clocks clocks;
  Credentials credentials;
  SimState state;
  FaultQueue faults;
  RateGate gate;
  RequestLog log;
  TokenStore tokens;
  Authenticator auth;
  std::atomic<double> token_ttl_seconds{24 * 3600.0};  // IAM tokens are valid 24 h
  CaBundleStore ca_bundle;
  bool quiet = false;
  bool tls = false;  // serving https: the links to the CA bundle are https too
};

// Wraps an RDS or IAM handler with what every API call gets: an X-Request-Id, the request log, injected
// faults and (when `authenticate`) the credential check. Provided by the server to the route files.
using ApiWrapper =
    std::function<httplib::Server::Handler(httplib::Server::Handler handler, bool authenticate)>;

}  // namespace rds::sim
