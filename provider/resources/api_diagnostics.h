#pragma once
// Turns failures of the RDS API client into diagnostics a user can act on: what the provider was
// doing, the API call, HTTP status, error code and message, the request id to quote to support.

#include <exception>
#include <string>

#include "provider/core/diagnostics.h"

namespace rds::resources {

// `summary` says what failed ("Cannot enable SSL on RDS instance abc"); the detail comes from the
// exception (rds::client errors in full, anything else by its what()). `timeout_argument` names the
// timeouts argument to raise when the error is a timeout ("timeouts.create"); may be empty.
void add_api_error(rds::core::Diagnostics& diags, const std::string& summary, const std::exception& error,
                   const std::string& timeout_argument = {});

}  // namespace rds::resources
