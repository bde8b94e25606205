#include "client/types.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

namespace rds::client {

namespace {
bool iequals(const std::string& a, const std::string& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  });
}
}  // namespace

bool is_ready(const Instance& instance) { return instance.status == "ACTIVE"; }

bool is_stuck(const Instance& instance) {
  static constexpr std::array<std::string_view, 5> kStuck{"FAILED", "CREATE FAIL", "FROZEN", "SHUTDOWN",
                                                          "STOPPED"};
  return std::find(kStuck.begin(), kStuck.end(), instance.status) != kStuck.end();
}

bool supports_ssl(const Instance& instance) { return iequals(instance.engine, "MySQL"); }

bool matches(const InstanceFilter& filter, const Instance& instance) {
  const bool fuzzy_name = filter.name.starts_with('*');
  if (!filter.name.empty() && !fuzzy_name && instance.name != filter.name) return false;
  if (!filter.type.empty() && !iequals(instance.type, filter.type)) return false;
  if (!filter.engine.empty() && !iequals(instance.engine, filter.engine)) return false;
  return true;
}

}  // namespace rds::client
