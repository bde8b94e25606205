#include "provider/data_sources/data_source_read.h"

#include "provider/config/provider_context.h"

namespace rds::data_sources {

rds::client::Deadline read_deadline(rds::client::RdsClient& client) {
  return client.clock().now() + rds::config::kReadTimeout;
}

bool check_known(const rds::core::Value& config, const std::string& type_name,
                 rds::core::Diagnostics& diags) {
  if (!config.is_null() && config.is_wholly_known()) return true;
  diags.error("Cannot read " + type_name,
              "The data source's arguments are not all known yet, so there is nothing to look up.");
  return false;
}

}  // namespace rds::data_sources
