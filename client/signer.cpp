#include "client/signer.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <map>

namespace rds::client::signer {

namespace {
constexpr char kHex[] = "0123456789abcdef";

std::string to_hex(const unsigned char* data, std::size_t size) {
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out += kHex[data[i] >> 4];
    out += kHex[data[i] & 0x0f];
  }
  return out;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string trim(std::string_view text) {
  auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  auto end = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(begin, end - begin + 1));
}

bool is_unreserved(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~';
}

void set_header(HeaderList& headers, const std::string& name, const std::string& value) {
  auto lname = lower(name);
  headers.erase(std::remove_if(headers.begin(), headers.end(),
                               [&](const auto& header) { return lower(header.first) == lname; }),
                headers.end());
  headers.emplace_back(name, value);
}
}  // namespace

std::string escape(std::string_view raw) {
  static constexpr char kUpperHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(raw.size());
  for (unsigned char c : raw) {
    if (is_unreserved(c)) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kUpperHex[c >> 4];
      out += kUpperHex[c & 0x0f];
    }
  }
  return out;
}

std::string canonical_uri(std::string_view path) {
  std::string out;
  std::size_t start = 0;
  while (true) {
    auto slash = path.find('/', start);
    out +=
        escape(path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (slash == std::string_view::npos) break;
    out += '/';
    start = slash + 1;
  }
  if (out.empty() || out.back() != '/') out += '/';
  return out;
}

std::string canonical_query(const QueryParams& params) {
  std::map<std::string, std::vector<std::string>> by_key;
  for (const auto& [key, value] : params) by_key[key].push_back(value);
  std::string out;
  for (auto& [key, values] : by_key) {
    std::sort(values.begin(), values.end());
    for (const auto& value : values) {
      if (!out.empty()) out += '&';
      out += escape(key) + "=" + escape(value);
    }
  }
  return out;
}

std::vector<std::string> signed_header_names(const HeaderList& headers) {
  std::vector<std::string> names;
  for (const auto& [name, value] : headers) {
    auto lname = lower(name);
    // The SDK never signs Content-Type, and header names with '_' are dropped by many proxies.
    if (lname.starts_with("content-type") || lname.find('_') != std::string::npos) continue;
    if (std::find(names.begin(), names.end(), lname) == names.end()) names.push_back(lname);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string canonical_headers(const HeaderList& headers, const std::vector<std::string>& signed_names) {
  std::string out;
  for (const auto& name : signed_names) {
    std::vector<std::string> values;
    for (const auto& [header_name, value] : headers)
      if (lower(header_name) == name) values.push_back(trim(value));
    std::sort(values.begin(), values.end());
    for (const auto& value : values) out += name + ":" + value + "\n";
  }
  return out;
}

std::string hex_sha256(std::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  return to_hex(digest, sizeof digest);
}

std::string canonical_request(std::string_view method, std::string_view path, const QueryParams& query,
                              const HeaderList& headers, std::string_view body) {
  auto names = signed_header_names(headers);
  std::string joined;
  for (const auto& name : names) joined += (joined.empty() ? "" : ";") + name;
  return std::string(method) + "\n" + canonical_uri(path) + "\n" + canonical_query(query) + "\n" +
         canonical_headers(headers, names) + "\n" + joined + "\n" + hex_sha256(body);
}

std::string string_to_sign(std::string_view sdk_date, std::string_view canonical_request) {
  return std::string(kAlgorithm) + "\n" + std::string(sdk_date) + "\n" + hex_sha256(canonical_request);
}

std::string signature(std::string_view secret_key, std::string_view string_to_sign) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret_key.data(), static_cast<int>(secret_key.size()),
       reinterpret_cast<const unsigned char*>(string_to_sign.data()), string_to_sign.size(), digest, &length);
  return to_hex(digest, length);
}

std::string authorization(std::string_view access_key, std::string_view secret_key, std::string_view method,
                          std::string_view path, const QueryParams& query, const HeaderList& headers,
                          std::string_view body) {
  std::string date;
  for (const auto& [name, value] : headers)
    if (lower(name) == "x-sdk-date") date = trim(value);
  auto names = signed_header_names(headers);
  std::string joined;
  for (const auto& name : names) joined += (joined.empty() ? "" : ";") + name;
  auto to_sign = string_to_sign(date, canonical_request(method, path, query, headers, body));
  return std::string(kAlgorithm) + " Access=" + std::string(access_key) + ", SignedHeaders=" + joined +
         ", Signature=" + signature(secret_key, to_sign);
}

std::string sdk_date(std::chrono::system_clock::time_point when) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(when);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y%m%dT%H%M%SZ", &utc);
  return buffer;
}

void sign_request(HttpRequest& request, const Credentials& credentials,
                  std::chrono::system_clock::time_point now) {
  // A retried request carries the previous attempt's Authorization; it must not sign itself.
  request.headers.erase(
      std::remove_if(request.headers.begin(), request.headers.end(),
                     [](const auto& header) { return lower(header.first) == "authorization"; }),
      request.headers.end());
  set_header(request.headers, "Host", request.host_header());
  set_header(request.headers, "X-Sdk-Date", sdk_date(now));
  if (!credentials.project_id.empty()) set_header(request.headers, "X-Project-Id", credentials.project_id);
  if (!credentials.security_token.empty())
    set_header(request.headers, "X-Security-Token", credentials.security_token);
  auto value = authorization(credentials.access_key, credentials.secret_key, request.method,
                             request.full_path(), request.query, request.headers, request.body);
  request.headers.emplace_back("Authorization", value);
}

}  // namespace rds::client::signer
