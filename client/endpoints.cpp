#include "client/endpoints.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "client/errors.h"

namespace rds::client {
namespace {

constexpr std::string_view kCloudDomain = ".otc.t-systems.com";

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// `c` as a message shows it: "\"@\"", "whitespace", or "the byte 0x1B" for what a terminal would act on.
std::string shown_character(unsigned char c) {
  if (std::isspace(c)) return "whitespace";
  if (c < 0x20 || c >= 0x7f) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", c);
    return std::string("the byte ") + hex;
  }
  return "\"" + std::string(1, static_cast<char>(c)) + "\"";
}

std::string name_problem(std::string_view text, std::size_t max_length) {
  if (text.empty()) return "is empty";
  if (text.size() > max_length)
    return "is " + std::to_string(text.size()) + " characters long, more than the " +
           std::to_string(max_length) + " allowed";
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_') continue;
    return "contains " + shown_character(c) + " (only letters, digits, - and _ are allowed)";
  }
  return "";
}

bool is_host_character(unsigned char c) { return std::isalnum(c) || c == '-' || c == '.' || c == '_'; }

bool is_ipv6_character(unsigned char c) { return std::isxdigit(c) || c == ':' || c == '.'; }

// Whether `text` is a port from 1 to 65535.
bool is_port(std::string_view text) {
  if (text.empty() || text.size() > 5) return false;
  if (!std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); })) return false;
  const int port = std::stoi(std::string(text));
  return port >= 1 && port <= 65535;
}

UrlCheck failed(UrlProblem problem, std::string reason = "") {
  UrlCheck check;
  check.problem = problem;
  check.reason = std::move(reason);
  return check;
}

// The host and port of an authority without userinfo; a failed check when they break the rules.
UrlCheck parse_authority(std::string_view authority, Url url) {
  // The reasons never quote the authority: a mistyped password may sit in it.
  if (authority.empty()) return failed(UrlProblem::kUnparseable, "it has no host");
  std::string_view port;
  if (authority.front() == '[') {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos)
      return failed(UrlProblem::kUnparseable, "the [ that opens its IPv6 address is never closed");
    const std::string_view address = authority.substr(1, close - 1);
    if (address.empty() || !std::all_of(address.begin(), address.end(), is_ipv6_character))
      return failed(UrlProblem::kUnparseable, "its IPv6 address holds more than hex digits, : and .");
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty() && after.front() != ':')
      return failed(UrlProblem::kUnparseable, "something other than a port follows its IPv6 address");
    url.host = std::string(authority.substr(0, close + 1));
    if (!after.empty()) port = after.substr(1);
    if (!after.empty() && port.empty()) return failed(UrlProblem::kUnparseable, "it has a : but no port");
  } else {
    const std::size_t colon = authority.find(':');
    const std::string_view host = authority.substr(0, colon);
    if (host.empty()) return failed(UrlProblem::kUnparseable, "it has no host");
    for (unsigned char c : host) {
      if (is_host_character(c)) continue;
      if (c == '%') return failed(UrlProblem::kUnparseable, "its host is percent-encoded");
      if (c >= 0x80)
        return failed(UrlProblem::kUnparseable,
                      "its host is not plain ASCII (write an internationalised name in its xn-- form)");
      return failed(UrlProblem::kUnparseable, "its host contains " + shown_character(c));
    }
    url.host = std::string(host);
    if (colon != std::string_view::npos) {
      port = authority.substr(colon + 1);
      if (port.empty()) return failed(UrlProblem::kUnparseable, "it has a : but no port");
    }
  }
  if (!port.empty()) {
    if (!is_port(port)) return failed(UrlProblem::kUnparseable, "its port is not a number from 1 to 65535");
    url.port = std::stoi(std::string(port));
  }
  UrlCheck check;
  check.url = std::move(url);
  return check;
}

std::string default_url(std::string_view service, std::string_view what, std::string_view region,
                        std::string_view path) {
  if (const std::string problem = region_problem(region); !problem.empty())
    throw ConfigError("region " + problem + ", so the " + std::string(what) +
                      " URL cannot be derived from it.");
  const std::string host = std::string(service) + "." + std::string(region) + std::string(kCloudDomain);
  const std::string url = "https://" + host + std::string(path);
  // The rules above make this hold; checked anyway, since a mistake here sends credentials elsewhere.
  const UrlCheck check = check_url(url);
  if (!check.url || check.url->host != host || check.url->port || check.url->path != path)
    throw ConfigError("The " + std::string(what) + " URL derived from region would not go to host " + host +
                      "; nothing is sent. Set the URL explicitly.");
  return url;
}

}  // namespace

std::string region_problem(std::string_view region) { return name_problem(region, kMaxRegionLength); }

std::string project_id_problem(std::string_view project_id) {
  return name_problem(project_id, kMaxProjectIdLength);
}

UrlCheck check_url(std::string_view text) {
  const std::size_t separator = text.find("://");
  const std::string scheme = separator == std::string_view::npos ? "" : lower(text.substr(0, separator));
  if (scheme != "http" && scheme != "https") return failed(UrlProblem::kNotHttp);
  for (unsigned char c : text)
    if (c <= ' ' || c == 0x7f)
      return failed(UrlProblem::kUnparseable, "it contains a space or a control character");
  const std::string_view rest = text.substr(separator + 3);
  // Where the authority ends is where libcurl ends it too: at the first /, ? or #.
  const std::size_t end = std::min(rest.find_first_of("/?#"), rest.size());
  const std::string_view authority = rest.substr(0, end);
  if (authority.find('@') != std::string_view::npos) return failed(UrlProblem::kUserInfo);
  // Browsers read \ as /, libcurl does not: such a URL has two readings of its host.
  if (authority.find('\\') != std::string_view::npos)
    return failed(UrlProblem::kUnparseable, "it has a backslash before its path");
  Url url;
  url.scheme = scheme;
  const std::string_view after = rest.substr(end);
  url.path = std::string(after.substr(0, after.find_first_of("?#")));
  return parse_authority(authority, std::move(url));
}

std::string describe(const UrlCheck& check) {
  switch (check.problem) {
    case UrlProblem::kNone:
      return "is a valid URL";
    case UrlProblem::kNotHttp:
      return "is not an http:// or https:// URL";
    case UrlProblem::kUnparseable:
      return "is not a valid URL: " + check.reason;
    case UrlProblem::kUserInfo:
      return "holds a user name or password before its host; the provider never puts credentials in a URL";
  }
  return "";
}

std::string redact_url(std::string_view text) {
  const std::size_t separator = text.find("://");
  const std::size_t start = separator == std::string_view::npos ? 0 : separator + 3;
  // The last '@' anywhere, not only in the authority: a password may hold / ? or #, which end the
  // authority early. Redacting too much in a message is harmless, showing a password is not.
  const std::size_t at = text.rfind('@');
  if (at == std::string_view::npos || at < start) return std::string(text);
  return std::string(text.substr(0, start)) + "***" + std::string(text.substr(at));
}

bool is_loopback(const Url& url) {
  const std::string host = lower(url.host);
  return host == "localhost" || host == "[::1]" ||
         (host.starts_with("127.") && host.find_first_not_of("0123456789.") == std::string::npos);
}

std::string default_rds_endpoint(std::string_view region) { return default_url("rds", "RDS", region, ""); }

std::string default_iam_url(std::string_view region) { return default_url("iam", "IAM", region, "/v3"); }

}  // namespace rds::client
