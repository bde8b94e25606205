// The Authorization header the client's requests must carry, computed by an implementation that shares
// no code with client/signer: tests/sim/test_signer, written from the algorithm's description in
// docs/API-NOTES.md and pinned to the published vectors (tests/sim/aksk_verifier_test).
// Comparing the client's header with client/signer's own functions would only prove that the signer
// agrees with itself.
#pragma once

#include <string>
#include <vector>

#include "client/http.h"
#include "tests/sim/test_signer.h"

namespace rds::client::testing {

// SDK-HMAC-SHA256 over `request` as sent (its X-Sdk-Date header, query, headers and body), signing the
// headers named in `signed_names` (lower case, sorted).
inline std::string independent_authorization(const HttpRequest& request,
                                             const std::vector<std::string>& signed_names,
                                             const std::string& access_key, const std::string& secret_key) {
  rds::sim::testing::SigningRequest reference;
  reference.method = request.method;
  reference.path = request.full_path();
  reference.query = request.query;
  std::string sdk_date;
  for (const auto& [name, value] : request.headers) {
    if (name == "Authorization") continue;
    if (name == "X-Sdk-Date") sdk_date = value;
    reference.headers.emplace_back(name, value);
  }
  reference.signed_names = signed_names;
  reference.body = request.body;
  return rds::sim::testing::authorization(reference, sdk_date, access_key, secret_key);
}

}  // namespace rds::client::testing
