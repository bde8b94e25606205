// Where requests go (client/endpoints.h): the input is offered as a region and as a URL. Contracts: a
// region either builds default URLs whose host is exactly rds.{region}.otc.t-systems.com (iam.… with
// /v3), https, without a port, or is refused with ConfigError (and then region_problem says why); a URL
// check never throws, a URL it accepts has a host without '@' and a port from 1 to 65535, and one it
// refuses for a user name or password is shown redacted ("***@").
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "client/endpoints.h"
#include "client/errors.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using rds::client::ConfigError;

void check_default(std::string_view region, std::string (*build)(std::string_view),
                   const std::string& service, const std::string& path) {
  std::string url;
  if (!rds::fuzz::returns_or_throws<ConfigError>([&] { url = build(region); })) return;
  FUZZ_CHECK(rds::client::region_problem(region).empty(), "a region with a problem built " + url);
  const auto check = rds::client::check_url(url);
  FUZZ_CHECK(check.problem == rds::client::UrlProblem::kNone, "the default URL does not parse: " + url);
  FUZZ_CHECK(check.url->scheme == "https" && !check.url->port, "the default URL is not plain https: " + url);
  FUZZ_CHECK(check.url->host == service + "." + std::string(region) + ".otc.t-systems.com",
             "the default URL goes to " + check.url->host);
  FUZZ_CHECK(check.url->path == path, "the default URL has the path " + check.url->path);
}

void check_any_url(std::string_view text) {
  rds::client::UrlCheck check;
  std::string redacted;
  try {
    check = rds::client::check_url(text);
    redacted = rds::client::redact_url(text);
    (void)rds::client::describe(check);
  } catch (const std::exception& e) {
    FUZZ_CHECK(false, std::string("checking a URL threw: ") + e.what());
  }
  FUZZ_CHECK(check.url.has_value() == (check.problem == rds::client::UrlProblem::kNone),
             "a URL is returned exactly when there is no problem");
  if (check.url) {
    FUZZ_CHECK(!check.url->host.empty() && check.url->host.find('@') == std::string::npos,
               "an accepted URL has the host " + check.url->host);
    FUZZ_CHECK(!check.url->port || (*check.url->port >= 1 && *check.url->port <= 65535),
               "an accepted URL has the port " + std::to_string(*check.url->port));
  }
  if (check.problem == rds::client::UrlProblem::kUserInfo)
    FUZZ_CHECK(redacted.find("***@") != std::string::npos, "a URL with a password is shown as " + redacted);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check_default(text, &rds::client::default_rds_endpoint, "rds", "");
  check_default(text, &rds::client::default_iam_url, "iam", "/v3");
  check_any_url(text);
  return 0;
}
