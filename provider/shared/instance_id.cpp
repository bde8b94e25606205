#include "provider/shared/instance_id.h"

#include <algorithm>
#include <cctype>

#include "client/printable.h"

namespace rds::shared {

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

void check_instance_id(const rds::core::Value& value, const std::string& attribute, std::string_view what,
                       rds::core::Diagnostics& diags) {
  if (!value.is_known() || value.is_null()) return;
  const std::string& id = value.as_string();
  const std::string problem = instance_id_problem(id);
  if (problem.empty()) return;
  diags.error((id.empty() ? "Empty " : "Invalid ") + attribute,
              attribute + " must be the ID of " + std::string(what) + " (e.g. \"a1b2c3d4e5f6in01\"), got " +
                  quote_for_message(id) + ": " + problem + ".",
              rds::core::AttributePath(attribute));
}

}  // namespace rds::shared
