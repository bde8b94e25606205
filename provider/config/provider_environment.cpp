// The environment fallback of the provider block, argument by argument, as in the Go providers of both
// clouds: each argument the block leaves null takes its own environment variable (OS_*, then HW_*).
// Which credential method that makes is checked afterwards, on the result (check_settings), so a
// conflict names where each value came from.
#include <cstdlib>
#include <limits>

#include "provider/config/provider_arguments.h"
#include "provider/config/provider_settings.h"

namespace rds::config {
namespace {

using rds::core::AttributePath;
using rds::core::Diagnostics;

// Go's strconv.ParseBool, which the Go providers use for OS_INSECURE.
std::optional<bool> parse_bool(std::string_view text) {
  for (std::string_view yes : {"1", "t", "T", "true", "TRUE", "True"})
    if (text == yes) return true;
  for (std::string_view no : {"0", "f", "F", "false", "FALSE", "False"})
    if (text == no) return false;
  return std::nullopt;
}

template <class T>
void set_from_env(Setting<T>& setting, T value, std::string_view variable) {
  setting.value = std::move(value);
  setting.origin = "environment variable " + std::string(variable);
}

// A boolean argument the block leaves unset takes `variable` when it is set: true or false.
void bool_from_env(Setting<bool>& setting, const std::string& argument, const std::string& variable,
                   const Environment& env, Diagnostics& diags) {
  if (setting.maybe_set()) return;
  auto text = env(variable);
  if (!text || text->empty()) return;
  if (auto parsed = parse_bool(*text)) {
    set_from_env(setting, *parsed, variable);
    return;
  }
  diags.error("Invalid " + variable,
              "Environment variable " + variable + " (the default of " + argument +
                  ") must be true or false, got \"" + *text + "\".",
              AttributePath(argument));
}

bool is_huawei(std::string_view variable) { return variable.starts_with("HW_"); }

// The first variable of `argument` set (non-empty) in `env` within one family (OS_*/RDS_* or HW_*).
struct Found {
  std::string_view variable;
  std::string value;
};
std::optional<Found> first_set(const StringArgument& argument, const Environment& env, bool huawei) {
  for (std::string_view variable : argument.env) {
    if (variable.empty() || is_huawei(variable) != huawei) continue;
    if (auto value = env(variable); value && !value->empty()) return Found{variable, std::move(*value)};
  }
  return std::nullopt;
}

}  // namespace

Environment process_environment() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

void apply_environment(ProviderSettings& settings, const Environment& env, Diagnostics& diags) {
  for (const StringArgument& argument : kStringArguments) {
    Setting<std::string>& setting = settings.*argument.member;
    // Set in the block (or to be known later, or set empty, which check_settings refuses): the block wins.
    if (setting.maybe_set() || setting.empty_in_block) continue;
    auto open_stack = first_set(argument, env, false);
    auto huawei = first_set(argument, env, true);
    if (open_stack && huawei && open_stack->value != huawei->value) {
      // Values are not shown: most of these arguments are secrets.
      diags.error("Conflicting environment variables",
                  std::string(open_stack->variable) + " and " + std::string(huawei->variable) +
                      " are both set, to different values, and both are the default of " +
                      std::string(argument.name) + ". Unset one of them, or set " +
                      std::string(argument.name) + " in the provider block.",
                  AttributePath(std::string(argument.name)));
      continue;
    }
    if (auto found = open_stack ? std::move(open_stack) : std::move(huawei))
      set_from_env(setting, std::move(found->value), found->variable);
  }
  if (!settings.max_requests_per_second.maybe_set()) {
    if (auto text = env("RDS_MAX_REQUESTS_PER_SECOND"); text && !text->empty()) {
      char* end = nullptr;
      const double rate = std::strtod(text->c_str(), &end);
      set_from_env(settings.max_requests_per_second,
                   end != nullptr && *end == '\0' ? rate : std::numeric_limits<double>::quiet_NaN(),
                   "RDS_MAX_REQUESTS_PER_SECOND");
    }
  }
  bool_from_env(settings.insecure, "insecure", "OS_INSECURE", env, diags);
  bool_from_env(settings.batch_reads, "batch_reads", "RDS_BATCH_READS", env, diags);
}

}  // namespace rds::config
