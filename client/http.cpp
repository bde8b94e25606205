#include "client/http.h"

#include <algorithm>
#include <cctype>

#include "client/printable.h"
#include "client/signer.h"

namespace rds::client {

namespace {
std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// Splits base_url into "scheme://authority" and the path prefix ("" or "/prefix").
std::pair<std::string, std::string> split_base(const std::string& base_url) {
  auto scheme_end = base_url.find("://");
  auto authority_start = scheme_end == std::string::npos ? 0 : scheme_end + 3;
  auto path_start = base_url.find('/', authority_start);
  if (path_start == std::string::npos) return {base_url, ""};
  std::string prefix = base_url.substr(path_start);
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  return {base_url.substr(0, path_start), prefix};
}

// Percent-encodes each segment of a path, keeping the separators.
std::string escape_path(const std::string& path) {
  std::string out;
  std::size_t start = 0;
  while (true) {
    auto slash = path.find('/', start);
    out += signer::escape(std::string_view(path).substr(start, slash - start));
    if (slash == std::string::npos) break;
    out += '/';
    start = slash + 1;
  }
  return out;
}
}  // namespace

std::string HttpRequest::full_path() const { return split_base(base_url).second + path; }

std::string HttpRequest::url() const {
  if (!raw_url.empty()) return raw_url;
  std::string result = split_base(base_url).first + escape_path(full_path());
  if (!query.empty()) result += "?" + signer::canonical_query(query);
  return result;
}

std::string HttpRequest::host_header() const {
  auto origin = split_base(base_url).first;
  auto scheme_end = origin.find("://");
  return scheme_end == std::string::npos ? origin : origin.substr(scheme_end + 3);
}

std::string HttpResponse::header(const std::string& name) const {
  auto found = headers.find(lower(name));
  return found == headers.end() ? std::string() : found->second;
}

std::string HttpResponse::request_id() const {
  auto id = header("X-Request-Id");
  return printable(id.empty() ? header("X-Openstack-Request-Id") : id, kMaxShownRequestId);
}

}  // namespace rds::client
