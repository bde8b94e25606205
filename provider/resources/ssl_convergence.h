#pragma once
// The one API procedure behind create, update and destroy-with-disable_on_destroy: bring an instance's
// SSL to the wanted value and wait until the API shows it (issue 4, "Apply").

#include <optional>
#include <string>

#include "client/rds_client.h"
#include "provider/core/diagnostics.h"

namespace rds::resources {

struct ConvergeRequest {
  std::string instance_id;
  bool wanted = false;
  rds::client::Deadline deadline;
  rds::client::CancelToken cancel;
  // Destroy: an instance that is gone, or not MySQL, has no SSL to turn off, so that is success.
  bool nothing_to_do_if_missing = false;
  // The timeouts argument to raise when the deadline passes ("timeouts.create"), for the diagnostic.
  std::string timeout_argument;
};

struct ConvergeOutcome {
  bool succeeded = false;
  bool instance_missing = false;  // the instance does not exist (only reported, never an error for destroy)
  bool change_requested = false;  // the API accepted the PUT: the instance is changing or has changed
  std::optional<bool> last_seen;  // enable_ssl as the API last reported it
};

// Steps, each logged at debug level with the instance id:
//   read the instance (missing → error naming it; not MySQL → error naming it and its engine)
//   → wait until ACTIVE → if enable_ssl already equals `wanted`, stop (no PUT)
//   → PUT (the client retries the busy codes until the deadline) → wait for the job when one came back
//   → wait until enable_ssl equals `wanted`.
// Failures become error diagnostics (with API code, message and request id); nothing is thrown.
ConvergeOutcome converge_ssl(rds::client::RdsClient& client, const ConvergeRequest& request,
                             rds::core::Diagnostics& diags);

}  // namespace rds::resources
