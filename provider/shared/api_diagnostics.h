#pragma once
// Turns failures of the RDS API client into diagnostics a user can act on: what the provider was
// doing, the API call, HTTP status, error code and message, the request id to quote to support.

#include <exception>
#include <string>

#include "client/errors.h"
#include "provider/core/diagnostics.h"

namespace rds::shared {

// What the operation knows beyond the exception, for the advice the diagnostic gives.
struct ErrorContext {
  // The timeouts argument that bounds the operation ("timeouts.create"); empty when none does.
  std::string timeout_argument;
  // The operation's deadline had passed when it failed: the timeout ran out, whatever the error says.
  bool deadline_passed = false;
  // A switch was requested and not refused: it may still complete on the cloud.
  bool switch_requested = false;
};

// `summary` says what failed ("Cannot enable SSL on RDS instance abc"); the detail comes from the
// exception (rds::client errors in full, anything else by its what()) and the context.
void add_api_error(rds::core::Diagnostics& diags, const std::string& summary, const std::exception& error,
                   const ErrorContext& context = {});
// The lines add_api_error ends an API error's detail with ("API call: ...\nHTTP status: 404\n..."), for a
// diagnostic that explains the error in its own words first.
std::string api_answer_lines(const rds::client::ApiError& error);

}  // namespace rds::shared
