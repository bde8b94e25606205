#include "provider/resources/instance_id.h"

#include <algorithm>
#include <cctype>

#include "client/printable.h"

namespace rds::resources {

std::string instance_id_problem(const std::string& id) {
  if (id.empty()) return "it is empty";
  if (id.size() > kMaxIdLength)
    return "it is " + std::to_string(id.size()) + " bytes long; RDS ids are at most " +
           std::to_string(kMaxIdLength) + " characters";
  if (std::all_of(id.begin(), id.end(), [](unsigned char c) { return std::isspace(c); }))
    return "it is only whitespace";
  if (id.front() == '*')
    return "it starts with *, which the RDS API reads as a fuzzy match of other instances";
  for (unsigned char c : id) {
    if (std::isspace(c) || c < 0x20 || c == 0x7f) return "it contains whitespace or a control character";
    if (c == '/' || c == '?' || c == '#' || c == '%')
      return std::string("it contains \"") + static_cast<char>(c) +
             "\", which an RDS id never has (it would change the API URL)";
  }
  return {};
}

std::string instance_name_length_problem(const std::string& name) {
  if (name.size() <= kMaxNameLength) return {};
  return "it is " + std::to_string(name.size()) + " bytes long; RDS instance names are at most " +
         std::to_string(kMaxNameLength) + " characters";
}

std::string quote_for_message(std::string_view value) {
  return "\"" + rds::client::printable(value, kMaxIdLength) + "\"";
}

}  // namespace rds::resources
