#include "sim/aksk_verifier.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <algorithm>
#include <ctime>
#include <map>

namespace rds::sim::aksk {

namespace {

std::string to_hex(const unsigned char* data, std::size_t len) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(len * 2);
  for (std::size_t i = 0; i < len; ++i) {
    hex.push_back(kDigits[data[i] >> 4]);
    hex.push_back(kDigits[data[i] & 0xf]);
  }
  return hex;
}

std::string_view trim(std::string_view s) {
  const char* ws = " \t\r\n";
  auto begin = s.find_first_not_of(ws);
  if (begin == std::string_view::npos) return {};
  auto end = s.find_last_not_of(ws);
  return s.substr(begin, end - begin + 1);
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace

std::string percent_encode(std::string_view raw) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : raw) {
    if (std::isalnum(c) || c == '_' || c == '-' || c == '~' || c == '.') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kDigits[c >> 4]);
      out.push_back(kDigits[c & 0xf]);
    }
  }
  return out;
}

std::string canonical_uri(std::string_view path) {
  std::string out;
  std::size_t start = 0;
  while (true) {
    auto slash = path.find('/', start);
    out += percent_encode(
        path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (slash == std::string_view::npos) break;
    out.push_back('/');
    start = slash + 1;
  }
  if (out.empty() || out.back() != '/') out.push_back('/');
  return out;
}

std::string canonical_query(const httplib::Params& params) {
  std::map<std::string, std::vector<std::string>> sorted;
  for (const auto& [k, v] : params) sorted[k].push_back(v);
  std::string out;
  for (auto& [key, values] : sorted) {
    std::sort(values.begin(), values.end());
    for (const auto& v : values) {
      if (!out.empty()) out.push_back('&');
      out += percent_encode(key) + "=" + percent_encode(v);
    }
  }
  return out;
}

std::optional<std::string> canonical_headers(const httplib::Headers& headers,
                                             const std::vector<std::string>& signed_headers) {
  std::string out;
  for (const auto& name : signed_headers) {
    auto it = headers.find(name);  // httplib::Headers compares names case-insensitively
    if (it == headers.end()) return std::nullopt;
    out += name + ":" + std::string(trim(it->second)) + "\n";
  }
  return out;
}

std::string sha256_hex(std::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  return to_hex(digest, sizeof digest);
}

std::string hmac_sha256_hex(std::string_view key, std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest, &len);
  return to_hex(digest, len);
}

std::optional<std::string> canonical_request(const CanonicalInput& in,
                                             const std::vector<std::string>& signed_headers) {
  auto headers = canonical_headers(in.headers, signed_headers);
  if (!headers) return std::nullopt;
  std::string joined;
  for (const auto& h : signed_headers) joined += (joined.empty() ? "" : ";") + h;
  // The gateway accepts an unsigned payload when the client says so explicitly.
  auto payload = in.headers.find("X-Sdk-Content-Sha256");
  std::string body_hash = payload != in.headers.end() && payload->second == "UNSIGNED-PAYLOAD"
                              ? "UNSIGNED-PAYLOAD"
                              : sha256_hex(in.body);
  return in.method + "\n" + canonical_uri(in.path) + "\n" + canonical_query(in.params) + "\n" + *headers +
         "\n" + joined + "\n" + body_hash;
}

std::string signature(std::string_view canonical_request, std::string_view sdk_date,
                      std::string_view secret_key) {
  std::string to_sign =
      std::string(kAlgorithm) + "\n" + std::string(sdk_date) + "\n" + sha256_hex(canonical_request);
  return hmac_sha256_hex(secret_key, to_sign);
}

std::optional<Authorization> parse_authorization(std::string_view header) {
  header = trim(header);
  if (header.substr(0, kAlgorithm.size()) != kAlgorithm || header.size() == kAlgorithm.size() ||
      header[kAlgorithm.size()] != ' ') {
    return std::nullopt;
  }
  std::map<std::string, std::string> parts;
  std::string_view rest = header.substr(kAlgorithm.size() + 1);
  while (!rest.empty()) {
    auto comma = rest.find(',');
    std::string_view item = trim(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    auto eq = item.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    parts[std::string(trim(item.substr(0, eq)))] = std::string(trim(item.substr(eq + 1)));
  }
  if (!parts.count("Access") || !parts.count("SignedHeaders") || !parts.count("Signature"))
    return std::nullopt;
  Authorization auth;
  auth.access_key = parts["Access"];
  auth.signature = lower(parts["Signature"]);
  std::string_view names = parts["SignedHeaders"];
  while (!names.empty()) {
    auto semi = names.find(';');
    auto name = lower(trim(names.substr(0, semi)));
    if (name.empty()) return std::nullopt;
    auth.signed_headers.push_back(name);
    names = semi == std::string_view::npos ? std::string_view{} : names.substr(semi + 1);
  }
  if (auth.access_key.empty() || auth.signed_headers.empty() || auth.signature.empty()) return std::nullopt;
  return auth;
}

std::optional<long long> parse_sdk_date(std::string_view value) {
  if (value.size() != 16 || value[8] != 'T' || value[15] != 'Z') return std::nullopt;
  for (std::size_t i = 0; i < 15; ++i) {
    if (i != 8 && !std::isdigit(static_cast<unsigned char>(value[i]))) return std::nullopt;
  }
  auto num = [&](std::size_t pos, std::size_t len) { return std::stoi(std::string(value.substr(pos, len))); };
  std::tm tm{};
  tm.tm_year = num(0, 4) - 1900;
  tm.tm_mon = num(4, 2) - 1;
  tm.tm_mday = num(6, 2);
  tm.tm_hour = num(9, 2);
  tm.tm_min = num(11, 2);
  tm.tm_sec = num(13, 2);
  if (tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 ||
      tm.tm_sec > 60) {
    return std::nullopt;
  }
  return static_cast<long long>(timegm(&tm));
}

}  // namespace rds::sim::aksk
