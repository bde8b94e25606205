// set_ssl returning the SslChange it fills, for tests that look at what it did.
#pragma once

#include <string>

#include "client/rds_client.h"

namespace rds::client::testing {

inline SslChange set_ssl(RdsClient& client, const std::string& id, bool enabled, Deadline deadline,
                         const CancelToken& cancel = CancelToken()) {
  SslChange change;
  client.set_ssl(id, enabled, deadline, cancel, change);
  return change;
}

}  // namespace rds::client::testing
