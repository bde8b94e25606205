// RdsClient: the calls the provider makes to the RDS v3 API, authenticated, retried and waited on.
//
//   auto client = rds::client::RdsClient::create(config);          // throws ConfigError
//   auto inst = client->get_instance(id, deadline, cancel);         // std::nullopt => gone
//   auto all = client->list_instances({.engine = "MySQL"}, deadline, cancel);  // every page
//   SslChange change;
//   client->set_ssl(id, true, deadline, cancel, change);            // no PUT when SSL already is on
//   if (change.accepted) client->wait_until_ssl(id, true, deadline, cancel);
//
// Thread-safe: one client per configured provider, shared by all resources; it owns one connection
// pool, so consecutive calls reuse the same TCP/TLS connection.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "client/ca_bundle_download.h"
#include "client/clock.h"
#include "client/config.h"
#include "client/errors.h"
#include "client/http.h"
#include "client/policy.h"
#include "client/rate_limiter.h"
#include "client/types.h"
#include "common/cancel.h"

namespace rds::client {

// What the client needs from the outside world. Tests inject a fake transport and clock; create()
// without it uses libcurl and the system clock.
struct Dependencies {
  std::shared_ptr<Transport> transport;  // null => CurlTransport from the config
  std::shared_ptr<Clock> clock;          // null => system clock
  RandomFunction random;                 // null => default_random()
  PollPolicy poll;
  // The process's shared call budget; null => one of its own, from the config's max_requests_per_second.
  std::shared_ptr<RateLimiter> rate_limiter;
  BackoffPolicy backoff;
};

// What set_ssl has done so far. It is filled in as the call goes, so that after an exception the
// caller still knows whether a switch may be under way and what SSL was last seen.
struct SslChange {
  // In: a switch requested earlier may still be running (a create that timed out or was interrupted
  // after its PUT). An enable_ssl that already reads as wanted then proves nothing, since the switch may
  // still flip it, so the PUT goes out all the same; the API refuses it as busy until that switch ends.
  bool switch_may_be_running = false;
  // Out:
  std::optional<Instance> last_read;  // the instance as last read before deciding
  bool put_sent = false;              // a PUT left; without an answer it may still have reached the cloud
  bool accepted = false;              // the cloud accepted a PUT: a switch is under way
  std::optional<std::string> job_id;  // when the cloud answered one (Huawei); OTC answers {}
};

class RdsClient {
 public:
  // Validates the config (project_id, one complete credential set, region or explicit URLs,
  // cacert_file readable) and throws ConfigError naming the attribute at fault.
  static std::shared_ptr<RdsClient> create(ClientConfig config);
  static std::shared_ptr<RdsClient> create(ClientConfig config, Dependencies deps);

  virtual ~RdsClient() = default;

  // Every call runs within `deadline`: its transfers, its retries of transient failures (500, 502/503/
  // 504, 429, refused or reset connections, a request's timeout; at most max_retries) and its waits.
  // Ids must be non-empty without spaces, control characters, / ? # or % (rds::client::Error otherwise).

  // Logs in now (password → IAM token) so that a refusal is one error, seen before any resource needs
  // the token; later calls reuse the token, and a refusal is not asked again. No-op for AK/SK and token.
  virtual void sign_in(Deadline deadline, const CancelToken& cancel) = 0;

  // GET /v3/{project_id}/instances?id=... ; std::nullopt when the list is empty (instance gone). Reads
  // sent at once go out as one paged list when that takes fewer calls, and a refresh's reads
  // (Freshness::kRecentList) may be answered by a list of the last few seconds (read_coalescer.h);
  // absence is always confirmed by the instance's own GET.
  virtual std::optional<Instance> get_instance(const std::string& id, Deadline deadline,
                                               const CancelToken& cancel,
                                               Freshness freshness = Freshness::kFresh) = 0;

  // GET /v3/{project_id}/instances?offset=..&limit=.. with the filter's name, type and datastore_type,
  // page after page (kPageSize each) until every match is read, all within `deadline`; each page is
  // retried like get_instance. Returns the instances that match the filter (see matches()), each once,
  // in the API's order. The API is not believed blindly: pages that repeat an id (overlapping pages, an
  // API that ignores offset, a duplicate), an empty id, pages that disagree with total_count and a list
  // longer than kMaxPages are ResponseFormatError naming the call, so that a partial or wrong list is
  // never taken for the whole.
  virtual std::vector<Instance> list_instances(const InstanceFilter& filter, Deadline deadline,
                                               const CancelToken& cancel) = 0;
  // The API's largest page (a larger limit is a parameter error).
  static constexpr int kPageSize = 100;
  // The most pages one list reads (100,000 instances): an API whose paging never ends is an error, not a
  // read that runs until its deadline.
  static constexpr int kMaxPages = 1000;

  // GET /v3/{project_id}/instances/{id}/ssl-cert/download-link: where to download the CA bundle.
  // Throws NotOfferedError when the cloud or the instance's engine does not offer it (HTTP 404 without
  // an instance-not-found code, or HTTP 400 with a DBS code), NotFoundError when the instance is gone.
  virtual std::vector<SslCertificateLink> get_ssl_cert_links(const std::string& id, Deadline deadline,
                                                             const CancelToken& cancel) = 0;

  // Downloads the CA bundle zip at `link` (a download_link of get_ssl_cert_links) with the retries and
  // timeouts of an API call but without credentials, and reads its certificates. What is refused, and
  // what is thrown, is in client/ca_bundle_download.h.
  virtual SslCaBundle download_ssl_ca_bundle(const std::string& link, Deadline deadline,
                                             const CancelToken& cancel) = 0;

  // Brings SSL to `enabled` unless it already is, and never sends a needless switch: before every PUT
  // (the first and each one after a busy answer or a transient failure) it reads the instance, and
  // returns without a PUT as soon as enable_ssl has the wanted value (someone else's switch may have
  // finished meanwhile). Otherwise it waits for ACTIVE, then sends
  // PUT /v3/{project_id}/instances/{id}/ssl {"ssl_option": enabled}; busy answers (the documented DBS
  // codes) are tried again until `deadline`. Throws NotFoundError, UnsupportedEngineError (not MySQL),
  // InstanceFailedError (a status it never leaves by itself), TimeoutError, CancelledError, ApiError.
  // `change` tells what happened (see SslChange), also when it throws.
  virtual void set_ssl(const std::string& id, bool enabled, Deadline deadline, const CancelToken& cancel,
                       SslChange& change) = 0;

  // GET /v3/{project_id}/jobs?id=... ; NotFoundError when unknown.
  virtual Job get_job(const std::string& job_id, Deadline deadline, const CancelToken& cancel) = 0;

  // Polls (first check at once, then PollPolicy intervals) until the condition holds, logging what
  // each poll saw. Throw TimeoutError at the deadline, CancelledError within 100 ms of a cancel,
  // NotFoundError when the instance disappears, InstanceFailedError on a status the instance never
  // leaves by itself (FAILED, FROZEN, ...), JobFailedError (with the job's fail_reason) on a failed job.
  virtual Instance wait_until_ready(const std::string& id, Deadline deadline, const CancelToken& cancel) = 0;
  // Until enable_ssl == desired (the cloud flips it when the switch is done). If the API does not
  // report enable_ssl at all, returns once the instance is ACTIVE (nothing more can be observed).
  virtual Instance wait_until_ssl(const std::string& id, bool desired, Deadline deadline,
                                  const CancelToken& cancel) = 0;
  virtual Job wait_until_job_done(const std::string& job_id, Deadline deadline,
                                  const CancelToken& cancel) = 0;

  // Conveniences for one-off calls, bounded by kDefaultCallLimit.
  static constexpr std::chrono::minutes kDefaultCallLimit{5};
  std::optional<Instance> get_instance(const std::string& id, const CancelToken& cancel = CancelToken()) {
    return get_instance(id, clock().now() + kDefaultCallLimit, cancel);
  }
  Job get_job(const std::string& job_id, const CancelToken& cancel = CancelToken()) {
    return get_job(job_id, clock().now() + kDefaultCallLimit, cancel);
  }

  // The client's clock, so callers compute deadlines on the same time line as the waits.
  virtual Clock& clock() = 0;
};

}  // namespace rds::client
