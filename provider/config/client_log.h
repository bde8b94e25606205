#pragma once
// Routes the API client's log lines (rds::client::LogFunction) into the provider's hclog output, so
// `TF_LOG_PROVIDER=debug` shows every API call. The client guarantees its fields carry no secrets.

#include "client/config.h"

namespace rds::config {

rds::client::LogFunction client_log_sink();

}  // namespace rds::config
