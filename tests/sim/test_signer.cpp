#include "tests/sim/test_signer.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <iomanip>
#include <sstream>

namespace rds::sim::testing {

namespace {

std::string hex(const unsigned char* data, unsigned int len) {
  std::ostringstream out;
  for (unsigned int i = 0; i < len; ++i) out << std::hex << std::setw(2) << std::setfill('0') << int(data[i]);
  return out.str();
}

std::string sha256(const std::string& data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
  return hex(md, len);
}

std::string hmac(const std::string& key, const std::string& data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), int(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
       data.size(), md, &len);
  return hex(md, len);
}

}  // namespace

std::string encode(const std::string& raw) {
  std::ostringstream out;
  for (unsigned char c : raw) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '_' || c == '-' || c == '~' || c == '.';
    if (unreserved) {
      out << c;
    } else {
      out << '%' << std::uppercase << std::hex << std::setw(2) << std::setfill('0') << int(c)
          << std::nouppercase;
    }
  }
  return out.str();
}

std::string query_string(const std::vector<std::pair<std::string, std::string>>& query) {
  std::vector<std::pair<std::string, std::string>> sorted = query;
  std::sort(sorted.begin(), sorted.end());
  std::string out;
  for (const auto& [k, v] : sorted) out += (out.empty() ? "" : "&") + encode(k) + "=" + encode(v);
  return out;
}

std::string canonical_request(const SigningRequest& req) {
  std::string uri;
  std::stringstream segments(req.path);
  std::string segment;
  std::getline(segments, segment, '/');  // the empty segment before the leading "/"
  uri = encode(segment);
  while (std::getline(segments, segment, '/')) uri += "/" + encode(segment);
  if (uri.empty() || uri.back() != '/') uri += "/";

  std::string headers;
  std::string names;
  for (const auto& name : req.signed_names) {
    for (const auto& [k, v] : req.headers) {
      std::string lower = k;
      std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
      if (lower == name) headers += name + ":" + v + "\n";
    }
    names += (names.empty() ? "" : ";") + name;
  }
  return req.method + "\n" + uri + "\n" + query_string(req.query) + "\n" + headers + "\n" + names + "\n" +
         sha256(req.body);
}

std::string sign(const SigningRequest& req, const std::string& sdk_date, const std::string& secret_key) {
  return hmac(secret_key, "SDK-HMAC-SHA256\n" + sdk_date + "\n" + sha256(canonical_request(req)));
}

std::string authorization(const SigningRequest& req, const std::string& sdk_date,
                          const std::string& access_key, const std::string& secret_key) {
  std::string names;
  for (const auto& n : req.signed_names) names += (names.empty() ? "" : ";") + n;
  return "SDK-HMAC-SHA256 Access=" + access_key + ", SignedHeaders=" + names +
         ", Signature=" + sign(req, sdk_date, secret_key);
}

std::string sdk_date_now(long long offset_seconds) {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()) + offset_seconds;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

}  // namespace rds::sim::testing
