// hclog-style JSON-lines logging on stderr, the format Terraform understands for plugin logs
// (hashicorp/go-hclog JSON format): one object per line with "@level", "@message", "@module",
// "@timestamp" and the caller's fields. Terraform re-prints these lines under TF_LOG /
// TF_LOG_PROVIDER with the plugin's name, so a provider that logs here is visible when debugging.
//
// The level comes from TF_LOG_PROVIDER, else TF_LOG: trace|debug|info|warn|error|off
// (case-insensitive); "JSON" means trace; unset or unrecognised means info.
// Thread-safe: each call writes exactly one complete line.
// Never pass secrets (secret_key, password, token, security_token) as message or field values.
#pragma once

#include <initializer_list>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace rds::logging {

enum class Level { trace, debug, info, warn, error, off };

// A key and its already-formatted value; values are written as JSON strings.
using Field = std::pair<std::string_view, std::string>;

// Writes one line at `level` if that level is enabled. The span form serves callers whose fields are
// only known at run time (e.g. the API client's log sink).
void log(Level level, std::string_view message, std::span<const Field> fields);
void log(Level level, std::string_view message, std::initializer_list<Field> fields = {});
void trace(std::string_view message, std::initializer_list<Field> fields = {});
void debug(std::string_view message, std::initializer_list<Field> fields = {});
void info(std::string_view message, std::initializer_list<Field> fields = {});
void warn(std::string_view message, std::initializer_list<Field> fields = {});
void error(std::string_view message, std::initializer_list<Field> fields = {});

// Like log(), but gives the line up instead of waiting when another thread is writing one: that thread
// may be stuck on a stderr nobody reads. For a process about to end without waiting for its threads.
void log_unless_busy(Level level, std::string_view message, std::initializer_list<Field> fields = {});

// True when a line at `level` would be written (use it to skip building expensive fields).
bool enabled(Level level);

// The level named by a TF_LOG value (case-insensitive; "json" => trace); nullopt if unrecognised.
std::optional<Level> parse_level(std::string_view name);

// The level from the environment as described above (read at each call; cheap).
Level level_from_environment();

// Formats one hclog JSON line (with trailing '\n') without writing it; used by log() and tests.
// `timestamp` is RFC 3339 UTC with microseconds, e.g. "2026-11-28T00:00:00.000000Z".
std::string format_line(Level level, std::string_view message, std::span<const Field> fields,
                        std::string_view timestamp);
std::string format_line(Level level, std::string_view message, std::initializer_list<Field> fields,
                        std::string_view timestamp);

// Test hooks: send lines to `sink` instead of stderr (nullptr restores stderr), and force a level
// instead of reading the environment (nullopt restores the environment).
void set_sink_for_testing(std::ostream* sink);
void set_level_for_testing(std::optional<Level> level);

}  // namespace rds::logging
