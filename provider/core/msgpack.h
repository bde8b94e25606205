// MessagePack codec for Terraform's DynamicValue, driven by the schema type, following hashicorp/terraform
// docs/plugin-protocol/object-wire-format.md (as implemented by cty's msgpack package):
// - null = nil (0xc0), also for a null object; unknown = extension 0 (encoded d4 00 00); when decoding,
//   ANY extension type is unknown (type 12 carries refinements, which we tolerate and drop);
// - numbers: int when the value is an exact int64, else float64, else the decimal string;
// - objects are maps with every attribute of the type; lists/sets are arrays; maps are maps;
// - a value of type dynamic is a 2-element array [cty type JSON (bytes), value encoded by that type].
#pragma once

#include <string>
#include <string_view>

#include "provider/core/codec_error.h"
#include "provider/core/value.h"

namespace rds::core {

// Throws CodecError if `value` does not conform to `type` (the path names where).
std::string encode_msgpack(const Value& value, const Type& type);

// Throws CodecError on malformed bytes, trailing bytes, or data that does not fit `type`.
Value decode_msgpack(std::string_view bytes, const Type& type);

}  // namespace rds::core
