#include "provider/resources/timeouts.h"

#include <algorithm>
#include <array>
#include <string>
#include <variant>

#include "provider/resources/instance_ssl_schema.h"
#include "provider/shared/duration.h"
#include "provider/shared/instance_id.h"

namespace rds::resources::instance_ssl {
namespace {

using rds::core::AttributePath;
using rds::core::Value;

// The timeouts block object of a resource value, or nullptr when it is absent, null or unknown.
const Value* timeouts_block(const Value& resource) {
  if (resource.is_null() || !resource.is_known()) return nullptr;
  const Value& block = resource.attr(kTimeouts);
  if (block.is_null() || !block.is_known()) return nullptr;
  return &block;
}

}  // namespace

const char* timeout_name(Operation operation) {
  switch (operation) {
    case Operation::create:
      return "create";
    case Operation::update:
      return "update";
    case Operation::destroy:
      return "delete";
  }
  return "create";
}

void validate_timeouts(const Value& resource, rds::core::Diagnostics& diags) {
  const Value* block = timeouts_block(resource);
  if (block == nullptr) return;
  for (Operation operation : {Operation::create, Operation::update, Operation::destroy}) {
    const Value& text = block->attr(timeout_name(operation));
    if (text.is_null() || text.is_unknown()) continue;
    const std::string name = "timeouts." + std::string(timeout_name(operation));
    const AttributePath path = AttributePath(std::string(kTimeouts)).attribute(timeout_name(operation));
    const rds::shared::DurationResult parsed = rds::shared::parse_duration(text.as_string());
    if (const auto* error = std::get_if<std::string>(&parsed)) {
      diags.error("Invalid timeout", name + ": " + *error, path);
    } else if (std::get<std::chrono::nanoseconds>(parsed) <= std::chrono::nanoseconds(0)) {
      diags.error("Invalid timeout",
                  name + " is " + rds::shared::quote_for_message(text.as_string()) +
                      ": a timeout must be longer than zero, or the operation could not make a single call.",
                  path);
    } else if (std::get<std::chrono::nanoseconds>(parsed) > kMaxTimeout) {
      diags.error("Invalid timeout",
                  name + " is " + rds::shared::quote_for_message(text.as_string()) +
                      ", longer than the maximum of " + rds::shared::format_duration(kMaxTimeout) +
                      ". An SSL switch takes minutes; use a shorter timeout.",
                  path);
    }
  }
}

std::chrono::nanoseconds timeout_for(const Value& resource, Operation operation) {
  std::chrono::nanoseconds fallback = kDefaultCreateTimeout;
  if (operation == Operation::update) fallback = kDefaultUpdateTimeout;
  if (operation == Operation::destroy) fallback = kDefaultDeleteTimeout;

  const Value* block = timeouts_block(resource);
  if (block == nullptr) return fallback;
  const Value& text = block->attr(timeout_name(operation));
  if (text.is_null() || text.is_unknown()) return fallback;
  const rds::shared::DurationResult parsed = rds::shared::parse_duration(text.as_string());
  // Validation refuses values outside (0, kMaxTimeout]; clamp anyway so no deadline can overflow.
  if (const auto* duration = std::get_if<std::chrono::nanoseconds>(&parsed))
    return std::clamp<std::chrono::nanoseconds>(*duration, std::chrono::seconds(1), kMaxTimeout);
  return fallback;
}

std::string timeout_argument(Operation operation) {
  return "timeouts." + std::string(timeout_name(operation));
}

}  // namespace rds::resources::instance_ssl
