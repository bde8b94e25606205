#include "client/ca_bundle_download.h"

#include <algorithm>
#include <initializer_list>

#include "client/endpoints.h"
#include "client/error_body.h"
#include "client/executor.h"
#include "client/printable.h"

namespace rds::client {

namespace {

std::string origin_of(const Url& url) {
  return url.scheme + "://" + url.host + (url.port ? ":" + std::to_string(*url.port) : "");
}

std::string shown(const Url& url) { return printable(origin_of(url) + url.path, 300); }

// The link, parsed and checked against the schemes the download may use ("https" or "http" or both);
// `rule` says why, after "but".
Url checked_link(const std::string& link, std::initializer_list<std::string_view> allowed_schemes,
                 const std::string& what, const std::string& rule) {
  const UrlCheck check = check_url(link);
  if (check.problem != UrlProblem::kNone)
    throw UnsafeLinkError(what + " \"" + printable(redact_url(link), 300) + "\" " + describe(check) + ".");
  if (std::find(allowed_schemes.begin(), allowed_schemes.end(), check.url->scheme) == allowed_schemes.end())
    throw UnsafeLinkError(what + " " + shown(*check.url) + " is " + check.url->scheme + "://, but " + rule);
  return *check.url;
}

// Where a redirect's Location points: an absolute URL, or a path on the same origin.
std::string resolve_location(const Url& from, const std::string& location) {
  if (location.starts_with("/") && !location.starts_with("//")) return origin_of(from) + location;
  return location;
}

bool is_redirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

}  // namespace

std::string shown_link(const std::string& link) {
  const UrlCheck check = check_url(link);
  return check.url ? shown(*check.url) : printable(redact_url(link), 300);
}

SslCaBundle download_ssl_ca_bundle(Executor& executor, const std::string& endpoint, const std::string& link,
                                   Deadline deadline, const CancelToken& cancel) {
  // Plain http only where the API itself is plain http already: a private cloud or rds-sim.
  const UrlCheck endpoint_check = check_url(endpoint);
  const bool http_endpoint = endpoint_check.url && endpoint_check.url->scheme == "http";
  std::string current = link;
  Url url = http_endpoint
                ? checked_link(current, {"https", "http"}, "The certificate link", "")
                : checked_link(current, {"https"}, "The certificate link",
                               "the RDS endpoint is https://, so only an https:// download is followed.");
  for (int redirects = 0;; ++redirects) {
    HttpRequest request;
    request.method = "GET";
    request.base_url = origin_of(url);
    request.path = url.path;
    request.raw_url = current;
    request.headers.emplace_back("Accept", "application/zip, application/octet-stream, */*");
    request.cancel = cancel;
    request.max_body_bytes = kMaxCaBundleDownloadBytes;
    const std::string operation = "download the SSL CA bundle (GET " + shown(url) + ")";
    const HttpResponse response = executor.fetch(std::move(request), operation, deadline);
    if (is_redirect(response.status)) {
      const std::string location = response.header("Location");
      if (location.empty())
        throw UnsafeLinkError(operation + " answered HTTP " + std::to_string(response.status) +
                              " without a Location to go to.");
      if (redirects == kMaxRedirects)
        throw UnsafeLinkError(operation + " redirected more than " + std::to_string(kMaxRedirects) +
                              " times; the provider stops there.");
      current = resolve_location(url, location);
      url = checked_link(current, {url.scheme}, "The redirect from " + shown(url) + " to",
                         "the download started over " + url.scheme +
                             "://, and a redirect to another scheme is not followed.");
      continue;
    }
    if (response.status < 200 || response.status > 299) throw_api_error(operation, response);
    SslCaBundle bundle;
    try {
      bundle.certificates = ca_certificates_in_zip(response.body, ZipLimits{});
    } catch (const ZipError& error) {
      throw ZipError("The CA bundle downloaded from " + shown(url) + " cannot be read: " + error.what() +
                     ".");
    } catch (const CaBundleError& error) {
      throw CaBundleError("The CA bundle downloaded from " + shown(url) + " cannot be used: " + error.what() +
                          ".");
    }
    bundle.plain_http = url.scheme == "http";
    bundle.loopback = is_loopback(url);
    return bundle;
  }
}

}  // namespace rds::client
