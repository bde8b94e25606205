#include "provider/resources/client_log.h"

#include <algorithm>
#include <string>

#include "provider/logging/hclog.h"

namespace rds::resources {
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

// rds::logging takes its fields as an initializer_list, which cannot be built at run time, so the
// first few fields go as fields (the client sends at most a handful) and any further ones are appended
// to the message rather than lost.
constexpr size_t kFieldSlots = 6;

void forward(rds::client::LogLevel client_level, std::string_view message,
             const rds::client::LogFields& fields) {
  const rds::logging::Level level = to_level(client_level);
  if (!rds::logging::enabled(level)) return;
  std::string text(message);
  for (size_t i = kFieldSlots; i < fields.size(); ++i) text += " " + fields[i].first + "=" + fields[i].second;
  auto f = [&](size_t i) { return rds::logging::Field{fields[i].first, fields[i].second}; };
  switch (std::min(fields.size(), kFieldSlots)) {
    case 0:
      return rds::logging::log(level, text);
    case 1:
      return rds::logging::log(level, text, {f(0)});
    case 2:
      return rds::logging::log(level, text, {f(0), f(1)});
    case 3:
      return rds::logging::log(level, text, {f(0), f(1), f(2)});
    case 4:
      return rds::logging::log(level, text, {f(0), f(1), f(2), f(3)});
    case 5:
      return rds::logging::log(level, text, {f(0), f(1), f(2), f(3), f(4)});
    default:
      return rds::logging::log(level, text, {f(0), f(1), f(2), f(3), f(4), f(5)});
  }
}

}  // namespace

rds::client::LogFunction client_log_sink() { return forward; }

}  // namespace rds::resources
