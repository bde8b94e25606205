#include "sim/authenticator.h"

#include <openssl/crypto.h>

#include <cstdlib>

#include "sim/aksk_verifier.h"

namespace rds::sim {

namespace {
// Error codes the API gateway uses for authentication failures.
AuthFailure unauthorized(std::string code, std::string msg) { return {401, std::move(code), std::move(msg)}; }
}  // namespace

std::string to_string(AuthMethod method) {
  switch (method) {
    case AuthMethod::aksk:
      return "aksk";
    case AuthMethod::token:
      return "token";
    case AuthMethod::none:
      return "none";
  }
  return "none";
}

AuthMethod presented_auth(const httplib::Request& req) {
  if (req.has_header("X-Auth-Token")) return AuthMethod::token;
  if (req.has_header("Authorization")) return AuthMethod::aksk;
  return AuthMethod::none;
}

Authenticator::Authenticator(Credentials credentials, const TokenStore& tokens, Clocks clocks)
    : credentials_(std::move(credentials)), tokens_(tokens), clocks_(std::move(clocks)) {}

std::optional<AuthFailure> Authenticator::check(const httplib::Request& req) const {
  switch (presented_auth(req)) {
    case AuthMethod::token:
      return check_token(req.get_header_value("X-Auth-Token"));
    case AuthMethod::aksk:
      return check_signature(req);
    case AuthMethod::none:
      break;
  }
  return unauthorized("APIGW.0301",
                      "Incorrect IAM authentication information: no X-Auth-Token or Authorization header");
}

std::optional<AuthFailure> Authenticator::check_token(const std::string& token) const {
  if (!token.empty() && token == credentials_.static_token) return std::nullopt;
  if (tokens_.valid(token, clocks_.wall())) return std::nullopt;
  return unauthorized("APIGW.0301",
                      "Incorrect IAM authentication information: the token is invalid or expired");
}

std::optional<AuthFailure> Authenticator::check_signature(const httplib::Request& req) const {
  auto auth = aksk::parse_authorization(req.get_header_value("Authorization"));
  if (!auth) {
    return unauthorized("APIGW.0301",
                        "Incorrect IAM authentication information: the Authorization header is not "
                        "\"SDK-HMAC-SHA256 Access=..., SignedHeaders=..., Signature=...\"");
  }
  if (auth->access_key != credentials_.access_key) {
    return unauthorized("APIGW.0301", "Incorrect IAM authentication information: unknown access key");
  }
  const std::string sdk_date = req.get_header_value("X-Sdk-Date");
  auto signed_at = aksk::parse_sdk_date(sdk_date);
  if (!signed_at) {
    return unauthorized("APIGW.0301",
                        "Incorrect IAM authentication information: X-Sdk-Date is missing or not "
                        "YYYYMMDDTHHMMSSZ");
  }
  long long now = std::chrono::duration_cast<std::chrono::seconds>(clocks_.wall().time_since_epoch()).count();
  if (std::llabs(now - *signed_at) > kMaxClockSkewSeconds) {
    return unauthorized("APIGW.0303", "Incorrect app authentication information: X-Sdk-Date " + sdk_date +
                                          " is more than 15 minutes away from the server time");
  }
  if (!credentials_.security_token.empty() &&
      req.get_header_value("X-Security-Token") != credentials_.security_token) {
    return unauthorized("APIGW.0301",
                        "Incorrect IAM authentication information: X-Security-Token is invalid");
  }
  aksk::CanonicalInput input{req.method, req.path, req.params, req.headers, req.body};
  auto canonical = aksk::canonical_request(input, auth->signed_headers);
  if (!canonical) {
    return unauthorized("APIGW.0301",
                        "Incorrect IAM authentication information: a header named in SignedHeaders "
                        "is missing from the request");
  }
  std::string expected = aksk::signature(*canonical, sdk_date, credentials_.secret_key);
  if (expected.size() != auth->signature.size() ||
      CRYPTO_memcmp(expected.data(), auth->signature.data(), expected.size()) != 0) {
    return unauthorized("APIGW.0301", "Incorrect IAM authentication information: verify aksk signature fail");
  }
  return std::nullopt;
}

}  // namespace rds::sim
