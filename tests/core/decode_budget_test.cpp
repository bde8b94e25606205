// No request costs more than a small multiple of its size: the codecs fill the attributes an object
// leaves out with nulls (as cty does), but only as many as the input's bytes pay for. A list of empty maps
// for a 13-attribute object type used to cost 1.9 KB per input byte.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <string>

#include "provider/core/codec_error.h"
#include "provider/core/json.h"
#include "provider/core/msgpack.h"

namespace rds::core {
namespace {

Type thirteen_attributes() {
  std::map<std::string, Type> attributes;
  for (int i = 0; i < 13; ++i) attributes["attribute_" + std::to_string(i)] = Type::string();
  return Type::object(attributes);
}

std::string msgpack_array_of(std::size_t count, const std::string& element) {
  std::string out = "\xdd";
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((count >> shift) & 0xff);
  for (std::size_t i = 0; i < count; ++i) out += element;
  return out;
}

std::string codec_error(const std::function<void()>& decode) {
  try {
    decode();
  } catch (const CodecError& error) {
    return error.what();
  }
  return "no CodecError";
}

TEST(DecodeBudget, MsgpackEmptyMapsForAnObjectTypeAreRefusedInsteadOfAmplified) {
  const Type list = Type::list(thirteen_attributes());
  const std::string bytes = msgpack_array_of(100000, "\x80");
  const std::string error = codec_error([&] { decode_msgpack(bytes, list); });
  EXPECT_NE(error.find("attributes left out"), std::string::npos) << error;
}

TEST(DecodeBudget, JsonEmptyObjectsForAnObjectTypeAreRefusedInsteadOfAmplified) {
  const Type list = Type::list(thirteen_attributes());
  std::string text = "[{}";
  for (int i = 1; i < 100000; ++i) text += ",{}";
  text += "]";
  const std::string error = codec_error([&] { decode_json(text, list); });
  EXPECT_NE(error.find("attributes left out"), std::string::npos) << error;
}

TEST(DecodeBudget, CompleteObjectsOfAnySizeAreDecoded) {
  const Type object = thirteen_attributes();
  std::string element = "\x8d";  // a map of 13 entries: each name, and a null
  for (int i = 0; i < 13; ++i) {
    const std::string name = "attribute_" + std::to_string(i);
    element += static_cast<char>(0xa0 | name.size()) + name + "\xc0";
  }
  const Value decoded = decode_msgpack(msgpack_array_of(10000, element), Type::list(object));
  EXPECT_EQ(decoded.elements().size(), 10000u);
}

TEST(DecodeBudget, AnObjectLeavingOutAFewAttributesIsStillFilledWithNulls) {
  // Stored state written by an older schema lacks the attributes added since: read as null, as cty does.
  const Value decoded = decode_json(R"({"attribute_0":"x"})", thirteen_attributes());
  EXPECT_EQ(decoded.attr("attribute_0"), Value::string("x"));
  EXPECT_TRUE(decoded.attr("attribute_12").is_null());
}

}  // namespace
}  // namespace rds::core
