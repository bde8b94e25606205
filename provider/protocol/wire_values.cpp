#include "provider/protocol/wire_values.h"

#include "provider/core/json.h"
#include "provider/core/msgpack.h"

namespace rds::protocol {

namespace {

// Length of the well-formed UTF-8 sequence starting at text[i] (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF), or 0 when the bytes there are not one.
size_t utf8_sequence_length(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  size_t length;
  unsigned char min_second = 0x80, max_second = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead == 0xe0) min_second = 0xa0;  // overlong
    if (lead == 0xed) max_second = 0x9f;  // surrogates
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead == 0xf0) min_second = 0x90;  // overlong
    if (lead == 0xf4) max_second = 0x8f;  // above U+10FFFF
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < min_second || byte(i + 1) > max_second) return 0;
  for (size_t k = 2; k < length; ++k) {
    if ((byte(i + k) & 0xc0) != 0x80) return 0;
  }
  return length;
}

}  // namespace

std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
      ++i;
    } else {
      out.append(text, i, length);
      i += length;
    }
  }
  return out;
}

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
