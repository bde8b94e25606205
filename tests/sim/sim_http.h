#pragma once
// Helpers for the integration tests: an httplib client pointed at a running sim, token headers, and
// AK/SK-signed headers made with the tests' own signer.
#include <httplib.h>

#include <chrono>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "tests/support/sim_process.h"

namespace rds::sim::testing {

using Query = std::vector<std::pair<std::string, std::string>>;

// A keep-alive client for the sim (trusting its CA under --tls).
std::unique_ptr<httplib::Client> client_for(const rds::testing::SimProcess& sim);

httplib::Headers token_headers(const std::string& token = "sim-token");

// "/path?k=v&..." with the query encoded as the signer encodes it.
std::string target(const std::string& path, const Query& query);

struct SignOptions {
  std::string access_key = "sim-ak";
  std::string secret_key = "sim-sk";
  long long date_offset_seconds = 0;
  std::string project_id = "sim-project";
  std::string security_token;  // sent and signed when not empty
};

// Headers for a request signed like the SDK does: Host, X-Sdk-Date, X-Project-Id (and X-Security-Token)
// signed; Content-Type sent but not signed.
httplib::Headers signed_headers(const rds::testing::SimProcess& sim, const std::string& method,
                                const std::string& path, const Query& query, const std::string& body,
                                const SignOptions& options = {});

// Polls `condition` every 20 ms until it holds or `timeout` passes; its last result. Tests wait for the
// sim's timed changes this way, so a slow machine makes them slower, not flaky.
bool eventually(const std::function<bool()>& condition,
                std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));

// The JSON body of a result (fails the test on a transport error or non-JSON body).
nlohmann::json json_of(const httplib::Result& result);

}  // namespace rds::sim::testing
