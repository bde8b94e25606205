// RdsClient: the calls the provider makes to the RDS v3 API, authenticated, retried and waited on.
//
//   auto client = rds::client::RdsClient::create(config);          // throws ConfigError
//   auto inst = client->get_instance(id);                           // std::nullopt => gone
//   auto job = client->set_ssl(id, true, deadline, cancel);         // job id when the cloud gives one
//   client->wait_until_ssl(id, true, deadline, cancel);
//
// Thread-safe: one client per configured provider, shared by all resources; it owns one connection
// pool, so consecutive calls reuse the same TCP/TLS connection.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "client/cancel.h"
#include "client/clock.h"
#include "client/config.h"
#include "client/errors.h"
#include "client/http.h"
#include "client/policy.h"
#include "client/types.h"

namespace rds::client {

// What the client needs from the outside world. Tests inject a fake transport and clock; create()
// without it uses libcurl and the system clock.
struct Dependencies {
  std::shared_ptr<Transport> transport;  // null => CurlTransport from the config
  std::shared_ptr<Clock> clock;          // null => system clock
  RandomFunction random;                 // null => default_random()
  PollPolicy poll;
  BackoffPolicy backoff;
};

class RdsClient {
 public:
  // Validates the config (project_id, one complete credential set, region or explicit URLs,
  // cacert_file readable) and throws ConfigError naming the attribute at fault.
  static std::shared_ptr<RdsClient> create(ClientConfig config);
  static std::shared_ptr<RdsClient> create(ClientConfig config, Dependencies deps);

  virtual ~RdsClient() = default;

  // Ids must be non-empty without spaces, control characters, / ? # or % (rds::client::Error otherwise).
  //
  // GET /v3/{project_id}/instances?id=... ; std::nullopt when the list is empty (instance gone).
  // Transient failures (429, 502/503/504, connection errors) are retried up to max_retries.
  virtual std::optional<Instance> get_instance(const std::string& id,
                                               const CancelToken& cancel = CancelToken()) = 0;

  // PUT /v3/{project_id}/instances/{id}/ssl {"ssl_option": enabled}. Checks first that the instance
  // exists (NotFoundError) and is MySQL (UnsupportedEngineError). Busy answers (the documented DBS
  // codes) are retried until `deadline`, waiting for ACTIVE between tries. Returns the job id when the
  // cloud answers one (Huawei), std::nullopt for "{}" (OTC).
  virtual std::optional<std::string> set_ssl(const std::string& id, bool enabled, Deadline deadline,
                                             const CancelToken& cancel) = 0;

  // GET /v3/{project_id}/jobs?id=... ; NotFoundError when unknown.
  virtual Job get_job(const std::string& job_id, const CancelToken& cancel = CancelToken()) = 0;

  // Polls (first check at once, then PollPolicy intervals) until the condition holds. Throw
  // TimeoutError at the deadline, CancelledError within 100 ms of a cancel, NotFoundError when the
  // instance disappears, InstanceFailedError on FAILED / CREATE FAIL, JobFailedError on a failed job.
  virtual Instance wait_until_ready(const std::string& id, Deadline deadline, const CancelToken& cancel) = 0;
  // Until enable_ssl == desired (the cloud flips it when the switch is done). If the API does not
  // report enable_ssl at all, returns once the instance is ACTIVE (nothing more can be observed).
  virtual Instance wait_until_ssl(const std::string& id, bool desired, Deadline deadline,
                                  const CancelToken& cancel) = 0;
  virtual Job wait_until_job_done(const std::string& job_id, Deadline deadline,
                                  const CancelToken& cancel) = 0;

  // The client's clock, so callers compute deadlines on the same time line as the waits.
  virtual Clock& clock() = 0;
};

}  // namespace rds::client
