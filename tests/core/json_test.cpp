#include "provider/core/json.h"

#include <gtest/gtest.h>

namespace rds::core {
namespace {

const Type kState = Type::object({{"id", Type::string()},
                                  {"ssl_enable", Type::boolean()},
                                  {"port", Type::number()},
                                  {"tags", Type::map(Type::string())},
                                  {"timeouts", Type::object({{"create", Type::string()}})}});

TEST(Json, DecodesStoredStateWithMissingAttributesAsNull) {
  Value v = decode_json(R"({"id":"abc","ssl_enable":true,"port":3306})", kState);
  EXPECT_EQ(v.get_string("id"), "abc");
  EXPECT_EQ(v.get_bool("ssl_enable"), true);
  EXPECT_EQ(v.attr("port"), Value::number(3306));
  EXPECT_TRUE(v.attr("tags").is_null());
  EXPECT_TRUE(v.attr("timeouts").is_null());
}

TEST(Json, StateDecodingDropsAttributesTheSchemaNoLongerHas) {
  Value v =
      decode_state_json(R"({"id":"abc","removed_long_ago":"x","timeouts":{"create":"5m","gone":1}})", kState);
  EXPECT_EQ(v.get_string("id"), "abc");
  EXPECT_EQ(v.attr("timeouts").get_string("create"), "5m");
}

TEST(Json, StrictDecodingRejectsUnknownAttributes) {
  try {
    decode_json(R"({"timeouts":{"gone":1}})", kState);
    FAIL();
  } catch (const CodecError& e) {
    EXPECT_EQ(e.path(), AttributePath("timeouts"));
  }
}

TEST(Json, NumbersKeepTheirPrecision) {
  EXPECT_TRUE(decode_json("1.5", Type::number()).as_number().is_double());
  EXPECT_EQ(decode_json("0.1", Type::number()).as_number().to_string(), "0.1");
  EXPECT_EQ(decode_json("18446744073709551615", Type::number()).as_number().to_string(),
            "18446744073709551615");
  EXPECT_EQ(decode_json(R"("12")", Type::number()), Value::number(12));
}

TEST(Json, NumberInAStringAttributeKeepsItsLiteralText) {
  // cty's JSON decoder keeps a number as the json.Number text it read; a double would print
  // 123456789012345678901234567890 as 1.2345678901234568e+29.
  for (const std::string literal :
       {"123456789012345678901234567890", "0.1", "1e2", "1.0", "-2.50E-3", "1e400"}) {
    EXPECT_EQ(decode_state_json(R"({"id":)" + literal + "}", kState).get_string("id"), literal);
  }
  EXPECT_EQ(decode_json(R"({"create":18446744073709551616})", kState.attributes().at("timeouts"))
                .get_string("create"),
            "18446744073709551616");
}

TEST(Json, NumberAttributesKeepEveryDigit) {
  for (const std::string literal : {"123456789012345678901234567890", "1e400", "-1.5e-400", "0.1",
                                    "123456789012345678901234567890.000000000000000000001"}) {
    const Number n = decode_state_json(R"({"port":)" + literal + "}", kState).attr("port").as_number();
    EXPECT_TRUE(n.is_decimal()) << literal;
    EXPECT_EQ(n.to_string(), literal);
  }
  const std::string huge = "9" + std::string(100000, '0');
  EXPECT_EQ(decode_json(huge, Type::number()).as_number().to_string(), huge);
  EXPECT_EQ(decode_json(R"(["1e400"])", Type::list(Type::number())).elements().at(0).as_number().to_string(),
            "1e400");
}

TEST(Json, MalformedTextIsACodecError) {
  for (const char* text :
       {"",         " ",       "[1,]", "[1 2]", R"({"a" 1})", R"({"a":1,})", "{1:2}",   "01",
        "1.",       "-",       "+1",   "tru",   "nul",        "1 2",         R"("\x")", "\"a\tb\"",
        "\"\xff\"", R"("abc)", "[",    "]",     "{}}",        "NaN",         "\"\\\""}) {
    try {
      decode_json(text, Type::string());
      ADD_FAILURE() << "decoded " << text;
    } catch (const CodecError& e) {
      EXPECT_EQ(std::string(e.what()).rfind("malformed JSON: ", 0), 0u) << e.what();
    }
  }
}

TEST(Json, DynamicValueWhoseTypeIsAHugeNumberIsACodecError) {
  for (const char* text : {R"({"value":1,"type":1e400})", R"({"value":1,"type":["list",1e400]})",
                           R"({"value":1,"type":123456789012345678901234567890})"}) {
    EXPECT_THROW(decode_json(text, Type::dynamic()), CodecError) << text;
  }
}

TEST(Json, RepeatedKeysKeepTheLastValueAndWhitespaceIsIgnored) {
  Value v = decode_json(" {\t\"id\" : \"a\" ,\n\"id\":\"b\", \"tags\":{ } }\r\n", kState);
  EXPECT_EQ(v.get_string("id"), "b");
  EXPECT_TRUE(v.attr("tags").entries().empty());
  EXPECT_EQ(decode_json(R"("\u00e9\ud83d\ude00")", Type::string()), Value::string("\u00e9\U0001F600"));
}

TEST(Json, PrimitivesConvertLikeCty) {
  EXPECT_EQ(decode_json("true", Type::string()), Value::string("true"));
  EXPECT_EQ(decode_json("7", Type::string()), Value::string("7"));
  EXPECT_EQ(decode_json(R"("false")", Type::boolean()), Value::boolean(false));
}

TEST(Json, CollectionsAndDynamicValues) {
  Value m = decode_json(R"({"a":"x"})", Type::map(Type::string()));
  EXPECT_EQ(m.entries().at("a"), Value::string("x"));
  Value s = decode_json(R"(["a","a","b"])", Type::set(Type::string()));
  EXPECT_EQ(s.elements().size(), 2u);
  Value d = decode_json(R"({"value":["x"],"type":["list","string"]})", Type::dynamic());
  EXPECT_EQ(d, Value::list(Type::string(), {Value::string("x")}));
}

TEST(Json, ErrorsNameThePath) {
  try {
    decode_json(R"({"tags":{"env":{}}})", kState);
    FAIL();
  } catch (const CodecError& e) {
    EXPECT_EQ(e.path().to_string(), "tags[\"env\"]");
  }
  EXPECT_THROW(decode_json("{", kState), CodecError);
  EXPECT_THROW(decode_json(R"({"port":"many"})", kState), CodecError);
}

TEST(Json, EncodeRoundTripsAndRefusesUnknowns) {
  Value v = Value::object(kState, {{"id", Value::string("abc")}, {"port", Value::number(1.5)}});
  EXPECT_EQ(encode_json(v, kState),
            R"({"id":"abc","port":1.5,"ssl_enable":null,"tags":null,"timeouts":null})");
  EXPECT_EQ(decode_json(encode_json(v, kState), kState), v);
  EXPECT_THROW(encode_json(v.with_attr("id", Value::unknown(Type::string())), kState), CodecError);
  EXPECT_EQ(encode_json(Value::boolean(true), Type::dynamic()), R"({"type":"bool","value":true})");
  EXPECT_THROW(encode_json(Value::number(Number::parse("1e999")), Type::number()), CodecError);
}

}  // namespace
}  // namespace rds::core
