#include "provider/logging/hclog.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <mutex>

namespace rds::logging {
namespace {

// hclog names the module after the plugin; Terraform shows it in its own log lines.
constexpr std::string_view kModule = "provider.terraform-provider-rds";

std::mutex& output_mutex() {
  static std::mutex mutex;
  return mutex;
}
std::ostream* g_sink = nullptr;  // guarded by output_mutex()
std::optional<Level> g_forced_level;
std::mutex g_level_mutex;

std::string_view level_name(Level level) {
  switch (level) {
    case Level::trace:
      return "trace";
    case Level::debug:
      return "debug";
    case Level::info:
      return "info";
    case Level::warn:
      return "warn";
    case Level::error:
      return "error";
    case Level::off:
      return "off";
  }
  return "info";
}

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

std::string now_timestamp() {
  const auto now = std::chrono::system_clock::now();
  const auto seconds = std::chrono::system_clock::to_time_t(now);
  const auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count() % 1000000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &utc);
  char out[64];
  std::snprintf(out, sizeof out, "%s.%06lldZ", buf, static_cast<long long>(micros));
  return out;
}

}  // namespace

std::optional<Level> parse_level(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "trace" || lower == "json") return Level::trace;
  if (lower == "debug") return Level::debug;
  if (lower == "info") return Level::info;
  if (lower == "warn") return Level::warn;
  if (lower == "error") return Level::error;
  if (lower == "off") return Level::off;
  return std::nullopt;
}

Level level_from_environment() {
  {
    std::lock_guard lock(g_level_mutex);
    if (g_forced_level) return *g_forced_level;
  }
  // TF_LOG_PROVIDER narrows logging to providers and wins over TF_LOG.
  for (const char* variable : {"TF_LOG_PROVIDER", "TF_LOG"}) {
    const char* value = std::getenv(variable);
    if (value != nullptr && *value != '\0') return parse_level(value).value_or(Level::info);
  }
  return Level::info;
}

bool enabled(Level level) {
  if (level == Level::off) return false;
  const Level threshold = level_from_environment();
  return threshold != Level::off && level >= threshold;
}

std::string format_line(Level level, std::string_view message, std::span<const Field> fields,
                        std::string_view timestamp) {
  std::string line = "{\"@level\":";
  append_json_string(line, level_name(level));
  line += ",\"@message\":";
  append_json_string(line, message);
  line += ",\"@module\":";
  append_json_string(line, kModule);
  line += ",\"@timestamp\":";
  append_json_string(line, timestamp);
  for (const auto& [key, value] : fields) {
    line += ',';
    append_json_string(line, key);
    line += ':';
    append_json_string(line, value);
  }
  line += "}\n";
  return line;
}

std::string format_line(Level level, std::string_view message, std::initializer_list<Field> fields,
                        std::string_view timestamp) {
  return format_line(level, message, std::span<const Field>(fields.begin(), fields.size()), timestamp);
}

void log(Level level, std::string_view message, std::initializer_list<Field> fields) {
  log(level, message, std::span<const Field>(fields.begin(), fields.size()));
}

namespace {

// Writes one line to the sink; the caller holds output_mutex().
void write_line(const std::string& line) {
  if (g_sink != nullptr) {
    *g_sink << line << std::flush;
  } else {
    // One fwrite per line keeps lines whole even if other code writes to stderr.
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
  }
}

}  // namespace

void log(Level level, std::string_view message, std::span<const Field> fields) {
  if (!enabled(level)) return;
  const std::string line = format_line(level, message, fields, now_timestamp());
  std::lock_guard lock(output_mutex());
  write_line(line);
}

void log_unless_busy(Level level, std::string_view message, std::initializer_list<Field> fields) {
  if (!enabled(level)) return;
  const std::string line =
      format_line(level, message, std::span<const Field>(fields.begin(), fields.size()), now_timestamp());
  std::unique_lock lock(output_mutex(), std::try_to_lock);
  if (lock.owns_lock()) write_line(line);
}

void trace(std::string_view message, std::initializer_list<Field> fields) {
  log(Level::trace, message, fields);
}
void debug(std::string_view message, std::initializer_list<Field> fields) {
  log(Level::debug, message, fields);
}
void info(std::string_view message, std::initializer_list<Field> fields) {
  log(Level::info, message, fields);
}
void warn(std::string_view message, std::initializer_list<Field> fields) {
  log(Level::warn, message, fields);
}
void error(std::string_view message, std::initializer_list<Field> fields) {
  log(Level::error, message, fields);
}

void set_sink_for_testing(std::ostream* sink) {
  std::lock_guard lock(output_mutex());
  g_sink = sink;
}

void set_level_for_testing(std::optional<Level> level) {
  std::lock_guard lock(g_level_mutex);
  g_forced_level = level;
}

}  // namespace rds::logging
