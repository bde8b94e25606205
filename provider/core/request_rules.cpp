#include "provider/core/request_rules.h"

#include <string>

namespace rds::core {
namespace {

std::optional<AttributePath> first_unknown_at(const Value& value, const AttributePath& at) {
  if (!value.is_known()) return at;
  if (value.is_null() || value.is_wholly_known()) return std::nullopt;
  const Type::Kind kind = value.type().kind();
  if (kind == Type::Kind::list || kind == Type::Kind::set) {
    int64_t index = 0;
    for (const auto& element : value.elements())
      if (auto found = first_unknown_at(element, at.index(index++))) return found;
  } else if (kind == Type::Kind::object) {
    for (const auto& [name, element] : value.entries())
      if (auto found = first_unknown_at(element, at.empty() ? AttributePath(name) : at.attribute(name)))
        return found;
  } else if (kind == Type::Kind::map) {
    for (const auto& [key, element] : value.entries())
      if (auto found = first_unknown_at(element, at.key(key))) return found;
  }
  return std::nullopt;
}

std::string where(std::string_view field, std::string_view rpc) {
  return "The " + std::string(field) + " of " + std::string(rpc);
}

void refuse(std::string_view rpc, const std::string& detail, std::optional<AttributePath> path,
            Diagnostics& diags) {
  diags.error("Invalid " + std::string(rpc) + " request",
              detail + ". Terraform never sends such a request; the provider did nothing with it.", path);
}

}  // namespace

std::optional<AttributePath> first_unknown(const Value& value) { return first_unknown_at(value, {}); }

bool require_wholly_known(const Value& value, std::string_view field, std::string_view rpc,
                          Diagnostics& diags) {
  const auto unknown = first_unknown(value);
  if (!unknown) return true;
  if (unknown->empty()) {
    refuse(rpc, where(field, rpc) + " is unknown as a whole", std::nullopt, diags);
  } else {
    refuse(rpc, where(field, rpc) + " holds an unknown value at " + unknown->to_string(), unknown, diags);
  }
  return false;
}

bool require_required(const Schema& schema, const Value& value, std::string_view field, std::string_view rpc,
                      Diagnostics& diags) {
  if (value.is_null()) return true;
  if (!value.is_known()) {
    refuse(rpc, where(field, rpc) + " is unknown as a whole", std::nullopt, diags);
    return false;
  }
  bool fine = true;
  for (const auto& attribute : schema.block.attributes) {
    if (!attribute.required || !value.attr(attribute.name).is_null()) continue;
    refuse(rpc, where(field, rpc) + " has no value for the required attribute " + attribute.name,
           AttributePath(attribute.name), diags);
    fine = false;
  }
  return fine;
}

}  // namespace rds::core
