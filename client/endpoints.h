// The hosts the client talks to, and the rules that keep them the hosts the user meant.
//
// region and project_id end up inside URLs: the default hosts are rds.{region}.otc.t-systems.com and
// iam.{region}.otc.t-systems.com, and every path starts /v3/{project_id}. A region like "a@evil.com/"
// once turned https://rds.{region}.otc.t-systems.com into a URL whose host is evil.com, and the
// requests went there with their token or signature. These are the only copies of the
// rules: the provider turns their problems into diagnostics that name the attribute, and
// RdsClient::create() applies them again for any other caller.
//
//   if (auto problem = rds::client::region_problem(region); !problem.empty()) ...  // "contains \"@\"..."
//   const UrlCheck check = rds::client::check_url(endpoint);  // check.problem, check.url->host
//   log(redact_url(endpoint));                                // "https://***@host/" when it has a password
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace rds::client {

// Regions look like "eu-de" or "ap-southeast-1" and project ids are 32 hex digits; 64 leaves room for
// private clouds without letting a megabyte through into every URL.
inline constexpr std::size_t kMaxRegionLength = 64;
inline constexpr std::size_t kMaxProjectIdLength = 64;

// Empty when `region` (resp. `project_id`) is 1 to 64 letters, digits, '-' or '_'; otherwise why not, as a
// clause that follows the value: "contains \"@\" (only letters, digits, - and _ are allowed)".
std::string region_problem(std::string_view region);
std::string project_id_problem(std::string_view project_id);

// The parts of an http(s) URL that decide where a request goes.
struct Url {
  std::string scheme;       // "http" or "https" (lower case)
  std::string host;         // a name or IPv4 address as written, or an IPv6 address with its brackets
  std::optional<int> port;  // when the URL names one
  std::string path;         // from the first '/' up to '?' or '#'; "" when there is none
};

enum class UrlProblem {
  kNone,
  kNotHttp,      // no http:// or https:// in front
  kUnparseable,  // not a URL a reader and libcurl would agree on; `reason` says why
  kUserInfo,     // a user name or password before the host (user:password@host)
};

struct UrlCheck {
  UrlProblem problem = UrlProblem::kNone;
  std::string reason;      // for kUnparseable: "the [ of the IPv6 address is never closed"
  std::optional<Url> url;  // set exactly when problem is kNone
};

// Parses `text` strictly enough that the host found here is the host libcurl connects to: no spaces or
// control characters, no backslash, no '@' and no percent-encoding before the path, a port from 1 to
// 65535, a bracketed IPv6 address made only of hex digits, ':' and '.'.
UrlCheck check_url(std::string_view text);

// What a problem means, as a clause for "endpoint \"...\" <clause>": "is not an http:// or https:// URL".
std::string describe(const UrlCheck& check);

// `text` with anything before an '@' in its authority replaced by ***: "https://***@host/v3". Works on
// text that does not parse too, so every message or log line that shows a URL can pass it through here.
std::string redact_url(std::string_view text);

// Whether the URL's host is a loopback address (127.0.0.0/8, ::1 or localhost).
bool is_loopback(const Url& url);

// https://rds.{region}.otc.t-systems.com and https://iam.{region}.otc.t-systems.com/v3. Each URL is
// parsed back and its host must be exactly rds.{region}.otc.t-systems.com (iam.…): throws ConfigError
// naming region when the region breaks the rules above or the host comes out different.
std::string default_rds_endpoint(std::string_view region);
std::string default_iam_url(std::string_view region);

}  // namespace rds::client
