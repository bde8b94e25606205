// AK/SK request signing, algorithm SDK-HMAC-SHA256 (API gateway signing of the Huawei Cloud SDK v3,
// also used by Open Telekom Cloud). Each step is a function of its own so tests can pin it byte for
// byte against the published vectors (docs/API-NOTES.md, "AK/SK request signing").
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "client/http.h"

namespace rds::client::signer {

inline constexpr std::string_view kAlgorithm = "SDK-HMAC-SHA256";

// Percent-encodes every byte except A-Z a-z 0-9 - _ . ~ (space => %20), upper-case hex.
std::string escape(std::string_view raw);
// Each path segment escaped, '/' kept, and a trailing '/' added: "/v3/p/instances" -> "/v3/p/instances/".
std::string canonical_uri(std::string_view path);
// Keys sorted, values of a repeated key sorted, "k=v" escaped and joined with '&'.
std::string canonical_query(const QueryParams& params);
// Lower-case names of the headers to sign, sorted; Content-Type and names containing '_' excluded.
std::vector<std::string> signed_header_names(const HeaderList& headers);
// "name:trimmed-value\n" per signed header, in signed-name order.
std::string canonical_headers(const HeaderList& headers, const std::vector<std::string>& signed_names);
std::string canonical_request(std::string_view method, std::string_view path, const QueryParams& query,
                              const HeaderList& headers, std::string_view body);
std::string string_to_sign(std::string_view sdk_date, std::string_view canonical_request);
// hex(HMAC-SHA256(secret_key, string_to_sign))
std::string signature(std::string_view secret_key, std::string_view string_to_sign);
// "SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, Signature=hex" for the given headers (which must
// already contain X-Sdk-Date).
std::string authorization(std::string_view access_key, std::string_view secret_key, std::string_view method,
                          std::string_view path, const QueryParams& query, const HeaderList& headers,
                          std::string_view body);

// "YYYYMMDDTHHMMSSZ" in UTC.
std::string sdk_date(std::chrono::system_clock::time_point when);

std::string hex_sha256(std::string_view data);

// Signs a request as the cloud expects: adds Host, X-Sdk-Date, X-Project-Id and (temporary
// credentials) X-Security-Token, then Authorization over all of them.
struct Credentials {
  std::string access_key, secret_key, security_token, project_id;
};
void sign_request(HttpRequest& request, const Credentials& credentials,
                  std::chrono::system_clock::time_point now);

}  // namespace rds::client::signer
