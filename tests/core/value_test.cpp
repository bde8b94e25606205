#include "provider/core/value.h"

#include <gtest/gtest.h>

#include "provider/core/diagnostics.h"
#include "provider/core/schema.h"

namespace rds::core {
namespace {

TEST(Type, RoundTripsThroughCtyJson) {
  Type t = Type::object(
      {{"a", Type::list(Type::string())}, {"m", Type::map(Type::number())}, {"d", Type::dynamic()}});
  EXPECT_EQ(t.to_json_string(), R"(["object",{"a":["list","string"],"d":"dynamic","m":["map","number"]}])");
  EXPECT_EQ(Type::from_json(t.to_json()), t);
  EXPECT_EQ(Type::from_json("bool"), Type::boolean());
  EXPECT_THROW(Type::from_json(nlohmann::json::parse(R"(["tuple",["string"]])")), std::invalid_argument);
  EXPECT_THROW(Type::from_json("strin"), std::invalid_argument);
}

TEST(Type, ToStringReadsLikeTerraform) {
  EXPECT_EQ(Type::set(Type::object({{"x", Type::boolean()}})).to_string(), "set(object({x: bool}))");
}

TEST(Number, ParseKeepsIntegersFloatsAndExactDecimals) {
  EXPECT_TRUE(Number::parse("42").is_int());
  EXPECT_EQ(Number::parse("4.2e1"), Number(42));
  EXPECT_TRUE(Number::parse("1.5").is_double());
  EXPECT_TRUE(Number::parse("0.1").is_decimal());
  EXPECT_TRUE(Number::parse("99999999999999999999").is_decimal());
  EXPECT_EQ(Number::parse("-9223372036854775808"), Number(INT64_MIN));
  EXPECT_THROW(Number::parse("1.2.3"), std::invalid_argument);
  EXPECT_THROW(Number::parse(""), std::invalid_argument);
}

TEST(Number, IntAndIntegralDoubleAreEqual) {
  EXPECT_EQ(Number(3), Number(3.0));
  EXPECT_FALSE(Number(3) == Number(3.5));
  EXPECT_EQ(Number(3.0).to_int64(), 3);
}

TEST(Value, NullUnknownAndKnownAreDistinct) {
  EXPECT_TRUE(Value().is_null());
  EXPECT_FALSE(Value::null(Type::string()) == Value::unknown(Type::string()));
  EXPECT_FALSE(Value::null(Type::string()) == Value::null(Type::boolean()));
  EXPECT_TRUE(Value::unknown(Type::string()).is_unknown());
  EXPECT_FALSE(Value::unknown(Type::string()).is_known());
}

TEST(Value, AccessorsOnTheWrongKindThrowValueError) {
  EXPECT_THROW(Value::null(Type::string()).as_string(), ValueError);
  EXPECT_THROW(Value::boolean(true).as_string(), ValueError);
  EXPECT_THROW(Value::string("x").attr("a"), ValueError);
}

TEST(Value, ObjectFillsMissingAttributesWithNullAndRejectsExtraOnes) {
  Type t = Type::object({{"a", Type::string()}, {"b", Type::boolean()}});
  Value v = Value::object(t, {{"a", Value::string("x")}});
  EXPECT_TRUE(v.attr("b").is_null());
  EXPECT_EQ(v.attr("b").type(), Type::boolean());
  EXPECT_EQ(v.get_string("a"), "x");
  EXPECT_EQ(v.get_bool("b"), std::nullopt);
  EXPECT_THROW(Value::object(t, {{"c", Value::string("x")}}), ValueError);
}

TEST(Value, WithAttrReplacesOneAttributeAndLeavesTheOriginalAlone) {
  Type t = Type::object({{"a", Type::string()}});
  Value v = Value::object(t, {{"a", Value::string("x")}});
  Value w = v.with_attr("a", Value::string("y"));
  EXPECT_EQ(v.get_string("a"), "x");
  EXPECT_EQ(w.get_string("a"), "y");
  EXPECT_THROW(v.with_attr("zz", Value::string("y")), ValueError);
}

TEST(Value, WhollyKnownLooksInsideCollections) {
  Value l = Value::list(Type::string(), {Value::string("a"), Value::unknown(Type::string())});
  EXPECT_TRUE(l.is_known());
  EXPECT_FALSE(l.is_wholly_known());
  EXPECT_TRUE(Value::object({{"a", Value::null(Type::string())}}).is_wholly_known());
}

TEST(Value, SetsIgnoreOrderAndDuplicates) {
  Value a = Value::set(Type::string(), {Value::string("x"), Value::string("y"), Value::string("x")});
  Value b = Value::set(Type::string(), {Value::string("y"), Value::string("x")});
  EXPECT_EQ(a.elements().size(), 2u);
  EXPECT_EQ(a, b);
}

TEST(AttributePath, FormatsLikeTerraformAddresses) {
  EXPECT_EQ(AttributePath("timeouts").attribute("create").to_string(), "timeouts.create");
  EXPECT_EQ(AttributePath("tags").key("env").to_string(), "tags[\"env\"]");
  EXPECT_EQ(AttributePath("rules").index(0).attribute("x").to_string(), "rules[0].x");
}

TEST(Diagnostics, HasErrorsOnlyWithAnError) {
  Diagnostics d;
  d.warning("careful");
  EXPECT_FALSE(d.has_errors());
  Diagnostics e;
  e.error("bad", "detail", AttributePath("instance_id"));
  d.append(e);
  EXPECT_TRUE(d.has_errors());
  EXPECT_EQ(d.size(), 2u);
  EXPECT_EQ(d.items()[1].path->to_string(), "instance_id");
}

TEST(Schema, ValueTypeNestsBlocksByTheirNesting) {
  Block timeouts{.attributes = {{.name = "create", .type = Type::string(), .optional = true}}};
  Schema schema{
      .block = {.attributes = {{.name = "id", .type = Type::string(), .computed = true}},
                .block_types = {{.type_name = "timeouts", .nesting = Nesting::single, .block = timeouts},
                                {.type_name = "rule", .nesting = Nesting::list, .block = timeouts}}}};
  Type inner = Type::object({{"create", Type::string()}});
  EXPECT_EQ(schema.value_type(),
            Type::object({{"id", Type::string()}, {"timeouts", inner}, {"rule", Type::list(inner)}}));
  EXPECT_NE(schema.block.find_attribute("id"), nullptr);
  EXPECT_NE(schema.block.find_block("timeouts"), nullptr);
  EXPECT_EQ(schema.block.find_attribute("nope"), nullptr);
}

}  // namespace
}  // namespace rds::core
