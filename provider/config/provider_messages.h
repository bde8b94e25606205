#pragma once
// How the provider block's checks name a setting and show a value in their messages.

#include <string>
#include <string_view>

#include "provider/config/provider_arguments.h"

namespace rds::config {

// "access_key (from environment variable OS_ACCESS_KEY)" or just "access_key".
template <class T>
std::string described(std::string_view name, const Setting<T>& setting) {
  if (setting.origin.empty() || setting.origin == kFromConfig) return std::string(name);
  return std::string(name) + " (from " + setting.origin + ")";
}

// "token (set in the provider block)" or "access_key (from environment variable OS_ACCESS_KEY)".
template <class T>
std::string described_origin(std::string_view name, const Setting<T>& setting) {
  if (setting.origin.empty() || setting.origin == kFromConfig)
    return std::string(name) + " (set in the provider block)";
  return described(name, setting);
}

// A user value for a message: bytes a terminal would act on as \xNN, and at most 80 characters (the
// value may be a megabyte long).
std::string shown_value(std::string_view value);

}  // namespace rds::config
