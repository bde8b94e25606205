#pragma once
// Verification of the API gateway's AK/SK signature, SDK-HMAC-SHA256 (see
// docs/API-NOTES.md, "AK/SK request signing"). The sim recomputes the signature from the
// request exactly as received and compares; nothing is shared with the client's signer.
#include <httplib.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rds::sim::aksk {

inline constexpr std::string_view kAlgorithm = "SDK-HMAC-SHA256";

// Percent-encodes every byte except A-Z a-z 0-9 _ - ~ . (space becomes %20).
std::string percent_encode(std::string_view raw);

// Each segment of the (decoded) path percent-encoded, with a trailing "/" added.
std::string canonical_uri(std::string_view path);

// Keys sorted, then values sorted, as k=v percent-encoded and joined with "&".
std::string canonical_query(const httplib::Params& params);

// "name:trimmed-value\n" per signed header in SignedHeaders order; std::nullopt when a signed
// header is missing from the request.
std::optional<std::string> canonical_headers(const httplib::Headers& headers,
                                             const std::vector<std::string>& signed_headers);

std::string sha256_hex(std::string_view data);
std::string hmac_sha256_hex(std::string_view key, std::string_view data);

struct CanonicalInput {
  std::string method;
  std::string path;        // decoded, as httplib::Request::path
  httplib::Params params;  // decoded query parameters
  httplib::Headers headers;
  std::string body;
};

std::optional<std::string> canonical_request(const CanonicalInput& in,
                                             const std::vector<std::string>& signed_headers);

// hex(HMAC-SHA256(secret_key, "SDK-HMAC-SHA256\n" + sdk_date + "\n" + hex(sha256(canonical_request)))).
std::string signature(std::string_view canonical_request, std::string_view sdk_date,
                      std::string_view secret_key);

struct Authorization {
  std::string access_key;
  std::vector<std::string> signed_headers;  // lower case, in the order given
  std::string signature;
};

// Parses "SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, Signature=hex"; std::nullopt if malformed.
std::optional<Authorization> parse_authorization(std::string_view header);

// Parses X-Sdk-Date "YYYYMMDDTHHMMSSZ" to seconds since the epoch; std::nullopt if malformed.
std::optional<long long> parse_sdk_date(std::string_view value);

}  // namespace rds::sim::aksk
