// JSON codec for values (cty's JSON form: objects, arrays, numbers, strings, bools, null; a dynamic
// value is {"value": ..., "type": <cty type JSON>}). Terraform sends JSON for UpgradeResourceState's
// raw_state and may send DynamicValue.json instead of msgpack.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "provider/core/codec_error.h"
#include "provider/core/value.h"

namespace rds::core {

struct JsonDecodeOptions {
  // Object attributes the type does not have: dropped when true (state stored under an older schema),
  // an error when false (strict, as Terraform's own decoder is for DynamicValue.json).
  bool drop_unknown_attributes = false;
};

// Object attributes missing from the JSON are null. Throws CodecError on malformed JSON or a mismatch.
// Numbers are taken exactly as written, in number and string attributes alike.
Value decode_json(std::string_view text, const Type& type, JsonDecodeOptions options = {});
// The same for JSON already parsed, whose numbers are what nlohmann holds (int64, uint64 or double).
Value value_from_json(const nlohmann::json& json, const Type& type, JsonDecodeOptions options = {});

// For UpgradeResourceState: decode stored state leniently (attributes no longer in the schema dropped).
inline Value decode_state_json(std::string_view raw_state, const Type& type) {
  return decode_json(raw_state, type, JsonDecodeOptions{.drop_unknown_attributes = true});
}

// Throws CodecError for unknown values (JSON cannot carry them) or a type mismatch.
nlohmann::json value_to_json(const Value& value, const Type& type);
inline std::string encode_json(const Value& value, const Type& type) {
  return value_to_json(value, type).dump();
}

}  // namespace rds::core
