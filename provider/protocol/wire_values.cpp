#include "provider/protocol/wire_values.h"

#include "provider/core/json.h"
#include "provider/core/msgpack.h"

namespace rds::protocol {

std::optional<core::Value> decode_dynamic_value(const std::string& msgpack, const std::string& json,
                                                const core::Type& type, std::string_view field,
                                                core::Diagnostics& diagnostics) {
  try {
    if (!msgpack.empty()) return core::decode_msgpack(msgpack, type);
    if (!json.empty()) return core::decode_json(json, type);
    return core::Value::null(type);
  } catch (const core::CodecError& e) {
    std::optional<core::AttributePath> path;
    if (!e.path().empty()) path = e.path();
    diagnostics.error("Invalid " + std::string(field) + " value from Terraform",
                      "The provider could not decode the " + std::string(field) + " it received (" +
                          (msgpack.empty() ? "json" : "msgpack") + "): " + e.what(),
                      path);
    return std::nullopt;
  }
}

bool encode_dynamic_value(const core::Value& value, const core::Type& type, std::string_view field,
                          std::string* msgpack, core::Diagnostics& diagnostics) {
  try {
    *msgpack = core::encode_msgpack(value, type);
    return true;
  } catch (const core::CodecError& e) {
    diagnostics.error("Provider produced an invalid " + std::string(field),
                      "The provider's " + std::string(field) + " does not match the schema: " + e.what() +
                          ". This is a bug in the provider.");
    return false;
  }
}

}  // namespace rds::protocol
