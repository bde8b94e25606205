#pragma once
// An SDK-HMAC-SHA256 signer written for the tests only, straight from the algorithm in
// docs/API-NOTES.md, so the sim's verifier is checked against an independent
// implementation (first proven on the published vectors) rather than against itself.
#include <string>
#include <utility>
#include <vector>

namespace rds::sim::testing {

struct SigningRequest {
  std::string method;                                      // "GET"
  std::string path;                                        // "/v3/p/instances" (unencoded)
  std::vector<std::pair<std::string, std::string>> query;  // unencoded
  std::vector<std::pair<std::string, std::string>>
      headers;                            // all sent headers; only `signed_names` are signed
  std::vector<std::string> signed_names;  // lower case, sorted
  std::string body;
};

std::string encode(const std::string& raw);
std::string query_string(const std::vector<std::pair<std::string, std::string>>& query);  // encoded, sorted
std::string canonical_request(const SigningRequest& req);
std::string sign(const SigningRequest& req, const std::string& sdk_date, const std::string& secret_key);
std::string authorization(const SigningRequest& req, const std::string& sdk_date,
                          const std::string& access_key, const std::string& secret_key);
// X-Sdk-Date for now + offset_seconds.
std::string sdk_date_now(long long offset_seconds = 0);

}  // namespace rds::sim::testing
