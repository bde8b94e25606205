#include "provider/core/msgpack.h"

#include <gtest/gtest.h>

#include <limits>

#include "tests/core/hex.h"

namespace rds::core {
namespace {

using rds::testing::from_hex;
using rds::testing::to_hex;

std::string enc(const Value& v, const Type& t) { return to_hex(encode_msgpack(v, t)); }
Value dec(std::string_view hex, const Type& t) { return decode_msgpack(from_hex(hex), t); }

TEST(Msgpack, StringsUseFixstrAndStr8) {
  EXPECT_EQ(enc(Value::string("abc"), Type::string()), "a3 61 62 63");
  EXPECT_EQ(enc(Value::string(""), Type::string()), "a0");
  std::string s32(32, 'x');
  EXPECT_EQ(encode_msgpack(Value::string(s32), Type::string()), from_hex("d9 20") + s32);
  EXPECT_EQ(dec("a3 61 62 63", Type::string()), Value::string("abc"));
  EXPECT_EQ(dec("d9 03 61 62 63", Type::string()), Value::string("abc"));
}

TEST(Msgpack, BoolsAreC2AndC3) {
  EXPECT_EQ(enc(Value::boolean(true), Type::boolean()), "c3");
  EXPECT_EQ(enc(Value::boolean(false), Type::boolean()), "c2");
  EXPECT_EQ(dec("c3", Type::boolean()), Value::boolean(true));
}

TEST(Msgpack, IntegersUseTheSmallestForm) {
  EXPECT_EQ(enc(Value::number(0), Type::number()), "00");
  EXPECT_EQ(enc(Value::number(127), Type::number()), "7f");
  EXPECT_EQ(enc(Value::number(128), Type::number()), "cc 80");
  EXPECT_EQ(enc(Value::number(65536), Type::number()), "ce 00 01 00 00");
  EXPECT_EQ(enc(Value::number(-1), Type::number()), "ff");
  EXPECT_EQ(enc(Value::number(-33), Type::number()), "d0 df");
  EXPECT_EQ(enc(Value::number(int64_t{-5000000000}), Type::number()), "d3 ff ff ff fe d5 fa 0e 00");
  EXPECT_EQ(dec("d1 ff 00", Type::number()), Value::number(-256));
  EXPECT_EQ(dec("cf 00 00 00 00 00 00 00 2a", Type::number()), Value::number(42));
}

TEST(Msgpack, IntegralFloatsEncodeAsIntegersAsCtyDoes) {
  EXPECT_EQ(enc(Value::number(3.0), Type::number()), "03");
}

TEST(Msgpack, FractionsEncodeAsFloat64) {
  EXPECT_EQ(enc(Value::number(1.5), Type::number()), "cb 3f f8 00 00 00 00 00 00");
  EXPECT_EQ(dec("cb 3f f8 00 00 00 00 00 00", Type::number()), Value::number(1.5));
  EXPECT_EQ(dec("ca 3f c0 00 00", Type::number()), Value::number(1.5));  // float32 accepted
}

TEST(Msgpack, BigDecimalsTravelAsText) {
  Number big = Number::parse("123456789012345678901234567890");
  ASSERT_TRUE(big.is_decimal());
  std::string text = "123456789012345678901234567890";
  EXPECT_EQ(encode_msgpack(Value::number(big), Type::number()), from_hex("be") + text);
  EXPECT_EQ(decode_msgpack(from_hex("be") + text, Type::number()).as_number().as_decimal(), text);
  // 0.1 is not exactly a float64, so it stays decimal text; uint64 beyond int64 becomes decimal text.
  EXPECT_EQ(enc(Value::number(Number::parse("0.1")), Type::number()), "a3 30 2e 31");
  EXPECT_EQ(dec("cf ff ff ff ff ff ff ff ff", Type::number()).as_number().to_string(),
            "18446744073709551615");
}

TEST(Msgpack, NullIsNilForEveryTypeIncludingObjects) {
  Type obj = Type::object({{"a", Type::string()}});
  EXPECT_EQ(enc(Value::null(obj), obj), "c0");
  EXPECT_EQ(enc(Value::null(Type::string()), Type::string()), "c0");
  Value v = dec("c0", obj);
  EXPECT_TRUE(v.is_null());
  EXPECT_EQ(v.type(), obj);
}

TEST(Msgpack, UnknownIsExtensionZero) {
  EXPECT_EQ(enc(Value::unknown(Type::string()), Type::string()), "d4 00 00");
  EXPECT_TRUE(dec("d4 00 00", Type::string()).is_unknown());
}

TEST(Msgpack, AnyExtensionTypeDecodesAsUnknown) {
  EXPECT_TRUE(dec("d5 05 01 02", Type::number()).is_unknown());
  EXPECT_TRUE(dec("c7 03 07 01 02 03", Type::boolean()).is_unknown());
}

TEST(Msgpack, RefinedUnknownIsToleratedAndDecodesAsUnknown) {
  // Extension 12 with refinements {1: false (not null), 2: "ab" (string prefix)} inside an object.
  Type t = Type::object({{"id", Type::string()}, {"n", Type::number()}});
  std::string refinement = from_hex("82 01 c2 02 a2 61 62");
  std::string bytes = from_hex("82 a2 69 64 c7") + std::string(1, static_cast<char>(refinement.size())) +
                      from_hex("0c") + refinement + from_hex("a1 6e 05");
  Value v = decode_msgpack(bytes, t);
  EXPECT_TRUE(v.attr("id").is_unknown());
  EXPECT_EQ(v.attr("n"), Value::number(5));
}

TEST(Msgpack, NestedObjectsEncodeEveryAttributeInNameOrder) {
  Type inner = Type::object({{"create", Type::string()}});
  Type t = Type::object({{"b", Type::boolean()}, {"t", inner}, {"a", Type::string()}});
  Value v = Value::object(t, {{"a", Value::string("x")}, {"t", Value::object(inner, {})}});
  EXPECT_EQ(enc(v, t), "83 a1 61 a1 78 a1 62 c0 a1 74 81 a6 63 72 65 61 74 65 c0");
  EXPECT_EQ(dec(enc(v, t), t), v);
}

TEST(Msgpack, MissingObjectAttributesDecodeAsNull) {
  Type t = Type::object({{"a", Type::string()}, {"b", Type::boolean()}});
  Value v = dec("81 a1 61 a1 78", t);
  EXPECT_TRUE(v.attr("b").is_null());
}

TEST(Msgpack, ListsSetsAndMapsRoundTrip) {
  Type lt = Type::list(Type::string());
  Value l = Value::list(Type::string(), {Value::string("a"), Value::unknown(Type::string())});
  EXPECT_EQ(enc(l, lt), "92 a1 61 d4 00 00");
  EXPECT_EQ(dec("92 a1 61 d4 00 00", lt), l);

  Type st = Type::set(Type::number());
  EXPECT_EQ(dec("92 01 02", st), Value::set(Type::number(), {Value::number(2), Value::number(1)}));

  Type mt = Type::map(Type::boolean());
  Value m = Value::map(Type::boolean(), {{"x", Value::boolean(true)}, {"y", Value::null(Type::boolean())}});
  EXPECT_EQ(enc(m, mt), "82 a1 78 c3 a1 79 c0");
  EXPECT_EQ(dec("82 a1 78 c3 a1 79 c0", mt), m);
}

TEST(Msgpack, DynamicValuesCarryTheirTypeAsJson) {
  // [ "\"string\"" as bytes, "hi" ]
  EXPECT_EQ(enc(Value::string("hi"), Type::dynamic()), "92 c4 08 22 73 74 72 69 6e 67 22 a2 68 69");
  Value v = dec("92 c4 08 22 73 74 72 69 6e 67 22 a2 68 69", Type::dynamic());
  EXPECT_EQ(v, Value::string("hi"));
  // The type may come as a msgpack string too; unknown and null dynamic values are not wrapped.
  EXPECT_EQ(dec("92 a6 22 62 6f 6f 6c 22 c3", Type::dynamic()), Value::boolean(true));
  EXPECT_EQ(enc(Value::unknown(Type::dynamic()), Type::dynamic()), "d4 00 00");
  Value list = Value::list(Type::number(), {Value::number(1)});
  EXPECT_EQ(dec(enc(list, Type::dynamic()), Type::dynamic()), list);
}

// Found by tests/fuzz/msgpack_fuzz: a NaN float was taken as a number, so the decoded value was not equal
// to itself (nor a set holding it free of duplicates). Terraform never sends one; infinities it does.
TEST(Msgpack, NaNIsRefusedAndInfinitiesAreNumbers) {
  EXPECT_THROW(dec("cb 7f f8 00 00 00 00 00 00", Type::number()), CodecError);
  EXPECT_THROW(dec("cb ff f8 00 00 00 00 00 01", Type::number()), CodecError);
  EXPECT_THROW(dec("ca 7f c0 00 00", Type::number()), CodecError);
  EXPECT_THROW(dec("91 cb 7f f8 00 00 00 00 00 00", Type::set(Type::number())), CodecError);
  const Value infinity = dec("cb 7f f0 00 00 00 00 00 00", Type::number());
  EXPECT_EQ(infinity, Value::number(std::numeric_limits<double>::infinity()));
  EXPECT_EQ(dec(enc(infinity, Type::number()), Type::number()), infinity);
  EXPECT_EQ(dec("ca ff 80 00 00", Type::number()), Value::number(-std::numeric_limits<double>::infinity()));
}

// Found by tests/fuzz/msgpack_fuzz: a null or unknown string in a dynamic attribute was written as a bare
// nil / unknown and read back as a null or unknown of type dynamic, a different value.
TEST(Msgpack, NullAndUnknownOfAKnownTypeInADynamicSlotKeepTheirType) {
  // [ "\"string\"" as bytes, nil ] and [ "\"bool\"" as bytes, unknown ]
  EXPECT_EQ(enc(Value::null(Type::string()), Type::dynamic()), "92 c4 08 22 73 74 72 69 6e 67 22 c0");
  EXPECT_EQ(enc(Value::unknown(Type::boolean()), Type::dynamic()), "92 c4 06 22 62 6f 6f 6c 22 d4 00 00");
  for (const Value& v : {Value::null(Type::string()), Value::unknown(Type::boolean()),
                         Value::null(Type::list(Type::number()))}) {
    const Value back = dec(enc(v, Type::dynamic()), Type::dynamic());
    EXPECT_EQ(back, v) << v.type().to_string() << " came back as " << back.type().to_string();
  }
  EXPECT_EQ(enc(Value::null(Type::dynamic()), Type::dynamic()), "c0");
}

TEST(Msgpack, MalformedInputIsAnErrorNamingThePath) {
  Type t = Type::object({{"ssl", Type::boolean()}});
  try {
    dec("81 a3 73 73 6c a1 78", t);
    FAIL() << "expected CodecError";
  } catch (const CodecError& e) {
    EXPECT_EQ(e.path(), AttributePath("ssl"));
    EXPECT_NE(std::string(e.what()).find("ssl: expected bool"), std::string::npos) << e.what();
  }
  EXPECT_THROW(dec("81 a3 66 6f 6f c3", t), CodecError);                        // unsupported attribute
  EXPECT_THROW(dec("a5 61", Type::string()), CodecError);                       // truncated
  EXPECT_THROW(dec("", Type::string()), CodecError);                            // empty
  EXPECT_THROW(dec("c3 c3", Type::boolean()), CodecError);                      // trailing bytes
  EXPECT_THROW(dec("dd ff ff ff ff", Type::list(Type::string())), CodecError);  // impossible length
  EXPECT_THROW(dec("92 a3 22 78 22 c0", Type::dynamic()), CodecError);          // bad dynamic type
}

TEST(Msgpack, EncodingAValueOfTheWrongTypeIsAnError) {
  Type t = Type::object({{"ssl", Type::boolean()}});
  Value wrong = Value::object({{"ssl", Value::string("yes")}});
  EXPECT_THROW(encode_msgpack(wrong, t), CodecError);
}

TEST(Msgpack, DeeplyNestedInputIsRejectedNotACrash) {
  std::string bytes(300, static_cast<char>(0x91));
  bytes += from_hex("c0");
  Type t = Type::dynamic();
  for (int i = 0; i < 300; ++i) t = Type::list(t);
  EXPECT_THROW(decode_msgpack(bytes, t), CodecError);
}

// Found with tests/fuzz/msgpack_fuzz and a large hand-made input: a dynamic value's type of 200,000
// nested lists (1.8 MB of type JSON) overflowed the stack while the type was read.
TEST(Msgpack, DeeplyNestedDynamicTypeIsRejectedNotACrash) {
  const int depth = 200000;
  std::string type_json;
  for (int i = 0; i < depth; ++i) type_json += R"(["list",)";
  type_json += R"("string")" + std::string(depth, ']');
  std::string bytes = from_hex("92 db");
  for (int shift = 24; shift >= 0; shift -= 8) bytes += static_cast<char>((type_json.size() >> shift) & 0xff);
  bytes += type_json + from_hex("c0");
  try {
    decode_msgpack(bytes, Type::dynamic());
    FAIL() << "expected CodecError";
  } catch (const CodecError& e) {
    EXPECT_NE(std::string(e.what()).find("nested"), std::string::npos) << e.what();
  }
  EXPECT_THROW(Type::from_json(nlohmann::json::parse(type_json)), std::invalid_argument);
}

}  // namespace
}  // namespace rds::core
