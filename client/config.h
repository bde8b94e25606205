// Configuration of the RDS API client. The client knows nothing of Terraform: the provider layer maps
// its schema attributes (region, project_id, access_key, ...) onto this struct.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rds::client {

enum class LogLevel { trace, debug, info, warn, error };

// Structured log sink. Fields never contain secrets (keys, tokens, passwords, signatures, bodies of
// auth requests); the client guarantees that, so a sink may write them anywhere.
using LogFields = std::vector<std::pair<std::string, std::string>>;
using LogFunction = std::function<void(LogLevel, std::string_view message, const LogFields& fields)>;

struct ClientConfig {
  // RDS base URL, e.g. "https://rds.eu-de.otc.t-systems.com" or rds-sim's "http://127.0.0.1:PORT".
  // Empty => https://rds.{region}.otc.t-systems.com
  std::string endpoint;
  // IAM base URL including /v3. Empty => https://iam.{region}.otc.t-systems.com/v3
  std::string auth_url;
  std::string region;
  // The project every RDS call is addressed to. Empty: the client finds it through IAM at sign_in, by
  // name: project_name, else the region's name (the default project of a region is named after it).
  std::string project_id;
  std::string project_name;
  // Where endpoint and auth_url were set, for error messages that must say which setting to check:
  // e.g. "environment variable RDS_ENDPOINT". Empty: derived from region (or not known).
  std::string endpoint_origin, auth_url_origin;

  // Credentials; exactly one mode is used, in this order of preference:
  //   access_key + secret_key (+ security_token for temporary credentials) -> SDK-HMAC-SHA256 signing
  //   token                                                                 -> X-Auth-Token
  //   user_name + password + domain_name                                    -> IAM token, cached
  std::string access_key, secret_key, security_token;
  std::string token;
  std::string user_name, password, domain_name;
  // An agency of another account (assume role): when agency_name is set, every call uses the agency's
  // token, asked with the credentials above (a password login is then scoped to the user's domain).
  std::string agency_name, agency_domain_name;
  int agency_duration_seconds = 0;  // 0: IAM's default

  bool insecure = false;    // skip TLS verification (tests / private clouds only)
  std::string cacert_file;  // PEM bundle to trust instead of the system store
  // Calls per second for the whole client (every call: reads, PUTs, polls, IAM); 0 = no cap. 429s slow
  // the client down either way (rate_limiter.h).
  double max_requests_per_second = 0;
  // Single-instance reads sent at once go out as one paged list when that takes fewer calls
  // (read_coalescer.h); false: every read is its own GET.
  bool batch_reads = true;
  int max_retries = 5;  // for 429, 502/503/504 and connection errors (busy codes retry until deadline)
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds request_timeout{60'000};  // per HTTP request, total
  std::string user_agent;  // empty => "terraform-provider-rds/<version>"; else appended after it

  LogFunction log;  // optional
};

// "terraform-provider-rds/<version>", the version from CMake's project().
std::string default_user_agent();

}  // namespace rds::client
