#include "provider/config/client_log.h"

#include <string>
#include <vector>

#include "provider/logging/hclog.h"

namespace rds::config {
namespace {

rds::logging::Level to_level(rds::client::LogLevel level) {
  switch (level) {
    case rds::client::LogLevel::trace:
      return rds::logging::Level::trace;
    case rds::client::LogLevel::debug:
      return rds::logging::Level::debug;
    case rds::client::LogLevel::info:
      return rds::logging::Level::info;
    case rds::client::LogLevel::warn:
      return rds::logging::Level::warn;
    case rds::client::LogLevel::error:
      return rds::logging::Level::error;
  }
  return rds::logging::Level::debug;
}

void forward(rds::client::LogLevel client_level, std::string_view message,
             const rds::client::LogFields& fields) {
  const rds::logging::Level level = to_level(client_level);
  if (!rds::logging::enabled(level)) return;
  std::vector<rds::logging::Field> hclog_fields;
  hclog_fields.reserve(fields.size());
  for (const auto& [key, value] : fields) hclog_fields.emplace_back(key, value);
  rds::logging::log(level, message, hclog_fields);
}

}  // namespace

rds::client::LogFunction client_log_sink() { return forward; }

}  // namespace rds::config
