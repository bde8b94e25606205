#pragma once
// The one API procedure behind create, update and destroy-with-disable_on_destroy: bring an instance's
// SSL to the wanted value and wait until the API shows it.

#include <optional>
#include <string>

#include "client/rds_client.h"
#include "provider/core/diagnostics.h"

namespace rds::resources {

struct ConvergeRequest {
  std::string instance_id;
  bool wanted = false;
  rds::client::Deadline deadline;
  rds::CancelToken cancel;
  // Destroy: an instance that is gone, or not MySQL, has no SSL to turn off, so that is success.
  bool nothing_to_do_if_missing = false;
  // The timeouts argument to raise when the deadline passes ("timeouts.create"), for the diagnostic.
  std::string timeout_argument;
  // A switch requested earlier may still be running: see SslChange::switch_may_be_running.
  bool switch_may_be_running = false;
};

struct ConvergeOutcome {
  bool succeeded = false;
  bool instance_missing = false;  // the instance does not exist (only reported, never an error for destroy)
  // A PUT left and was not refused: the instance is changing, has changed, or (no answer came) may be.
  bool change_requested = false;
  std::optional<bool> last_seen;                  // enable_ssl as the API last reported it
  bool ssl_reported = true;                       // false when the API's answer had no enable_ssl at all
  std::optional<rds::client::Instance> instance;  // the instance as last read
};

// Steps, each logged at debug level with the instance id:
//   read the instance (missing → error naming it; not MySQL → error naming it and its engine)
//   → if enable_ssl already equals `wanted`, stop: no wait, no PUT
//   → wait until ACTIVE → PUT; after a busy answer read again, and stop without a PUT once enable_ssl
//     has the wanted value (someone else's switch finished) → wait for the job when one came back
//   → wait until enable_ssl equals `wanted`.
// Failures become error diagnostics (with API code, message and request id); nothing is thrown. An
// instance whose answer has no enable_ssl gets a warning: the result cannot be confirmed.
ConvergeOutcome converge_ssl(rds::client::RdsClient& client, const ConvergeRequest& request,
                             rds::core::Diagnostics& diags);

}  // namespace rds::resources
