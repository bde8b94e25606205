#include "client/types.h"

#include <algorithm>
#include <cctype>

namespace rds::client {

namespace {
bool iequals(const std::string& a, const std::string& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  });
}
}  // namespace

bool is_ready(const Instance& instance) { return instance.status == "ACTIVE"; }

bool is_terminal_failure(const Instance& instance) {
  return instance.status == "FAILED" || instance.status == "CREATE FAIL";
}

bool supports_ssl(const Instance& instance) { return iequals(instance.engine, "MySQL"); }

}  // namespace rds::client
