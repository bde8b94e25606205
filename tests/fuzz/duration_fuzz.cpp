// Durations as users write them in timeouts blocks (provider/shared/duration.h, timeouts.h). The input
// is read as one duration, and also as up to three lines for timeouts { create update delete } of an
// rds_instance_ssl config ("<null>" and "<unknown>" stand for those values). Contracts: parse_duration
// never throws and gives a duration >= 0 or a reason; format_duration prints a duration that parses back
// to exactly the same duration; validate_timeouts reports an error on exactly the timeouts that are not
// durations, not positive or longer than the maximum; timeout_for always gives a usable timeout: the
// one configured when it is valid, else the operation's default.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "provider/core/diagnostics.h"
#include "provider/resources/instance_ssl_schema.h"
#include "provider/resources/timeouts.h"
#include "provider/shared/duration.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using rds::core::Type;
using rds::core::Value;
using rds::shared::DurationResult;
using namespace rds::resources::instance_ssl;
using std::chrono::nanoseconds;

void check_duration(std::string_view text) {
  DurationResult parsed;
  try {
    parsed = rds::shared::parse_duration(text);
  } catch (const std::exception& e) {
    FUZZ_CHECK(false, std::string("parse_duration threw: ") + e.what());
  }
  const auto* duration = std::get_if<nanoseconds>(&parsed);
  if (duration == nullptr) {
    FUZZ_CHECK(!std::get<std::string>(parsed).empty(), "refused without a reason");
    return;
  }
  FUZZ_CHECK(duration->count() >= 0, "negative duration from \"" + std::string(text) + "\"");
  const std::string printed = rds::shared::format_duration(*duration);
  const DurationResult again = rds::shared::parse_duration(printed);
  FUZZ_CHECK(std::holds_alternative<nanoseconds>(again) && std::get<nanoseconds>(again) == *duration,
             "\"" + std::string(text) + "\" = " + std::to_string(duration->count()) + "ns prints as \"" +
                 printed + "\", which does not parse back to it");
}

Value timeout_value(const std::string& line) {
  if (line == "<null>") return Value::null(Type::string());
  if (line == "<unknown>") return Value::unknown(Type::string());
  return Value::string(line);
}

bool valid_timeout(const Value& text) {
  if (!text.is_known() || text.is_null()) return true;
  const DurationResult parsed = rds::shared::parse_duration(text.as_string());
  const auto* duration = std::get_if<nanoseconds>(&parsed);
  return duration != nullptr && *duration > nanoseconds(0) && *duration <= kMaxTimeout;
}

void check_timeouts(std::string_view text) {
  std::vector<std::string> lines;
  while (lines.size() < 3) {
    const auto newline = text.find('\n');
    lines.emplace_back(text.substr(0, newline));
    if (newline == std::string_view::npos) break;
    text.remove_prefix(newline + 1);
  }
  lines.resize(3, "<null>");
  const Type type = schema().value_type();
  const Type timeouts_type = type.attributes().at(std::string(kTimeouts));
  const std::map<std::string, Value> timeouts = {{std::string(kCreate), timeout_value(lines[0])},
                                                 {std::string(kUpdate), timeout_value(lines[1])},
                                                 {std::string(kDelete), timeout_value(lines[2])}};
  const Value config =
      Value::object(type, {{std::string(kInstanceId), Value::string("a1b2c3d4e5f6in01")},
                           {std::string(kSslEnable), Value::boolean(true)},
                           {std::string(kTimeouts), Value::object(timeouts_type, timeouts)}});

  rds::core::Diagnostics diags;
  validate_timeouts(config, diags);
  for (Operation operation : {Operation::create, Operation::update, Operation::destroy}) {
    const std::string name = timeout_name(operation);
    const Value& text_value = timeouts.at(name);
    const auto path = rds::core::AttributePath(std::string(kTimeouts)).attribute(name);
    bool reported = false;
    for (const auto& diag : diags) reported = reported || (diag.path == path);
    FUZZ_CHECK(reported != valid_timeout(text_value),
               "timeouts." + name + " = " + text_value.to_string() + (reported ? " refused" : " accepted"));

    const nanoseconds timeout = timeout_for(config, operation);
    FUZZ_CHECK(timeout > nanoseconds(0) && timeout <= kMaxTimeout,
               "timeout_for(" + name + ") = " + std::to_string(timeout.count()) + "ns");
    const nanoseconds fallback = operation == Operation::destroy  ? nanoseconds(kDefaultDeleteTimeout)
                                 : operation == Operation::update ? nanoseconds(kDefaultUpdateTimeout)
                                                                  : nanoseconds(kDefaultCreateTimeout);
    if (text_value.is_known() && !text_value.is_null() && !reported) {
      const auto parsed = std::get<nanoseconds>(rds::shared::parse_duration(text_value.as_string()));
      FUZZ_CHECK(timeout == std::max<nanoseconds>(parsed, std::chrono::seconds(1)),
                 "timeout_for(" + name + ") ignores the valid " + text_value.as_string());
    } else if (!reported) {
      FUZZ_CHECK(timeout == fallback, "timeout_for(" + name + ") is not the default for a null value");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check_duration(text);
  check_timeouts(text);
  return 0;
}
