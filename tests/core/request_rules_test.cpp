// What Terraform guarantees of the values it sends, checked before a resource sees them.
#include "provider/core/request_rules.h"

#include <gtest/gtest.h>

namespace rds::core {
namespace {

Schema two_attributes() {
  Schema schema;
  schema.block.attributes = {Attribute{.name = "id", .type = Type::string(), .required = true},
                             Attribute{.name = "note", .type = Type::string(), .optional = true}};
  return schema;
}

TEST(RequestRules, FirstUnknownNamesThePathInsideCollections) {
  const Value value = Value::object(
      {{"a", Value::string("x")},
       {"b", Value::list(Type::string(), {Value::string("y"), Value::unknown(Type::string())})}});
  ASSERT_TRUE(first_unknown(value).has_value());
  EXPECT_EQ(first_unknown(value)->to_string(), "b[1]");
  EXPECT_FALSE(first_unknown(Value::object({{"a", Value::null(Type::string())}})).has_value());
  EXPECT_TRUE(first_unknown(Value::unknown(Type::string()))->empty());
}

TEST(RequestRules, AStateWithAnUnknownIsRefusedNamingTheCallAndTheAttribute) {
  Diagnostics diags;
  EXPECT_FALSE(require_wholly_known(Value::object({{"id", Value::unknown(Type::string())}}), "current_state",
                                    "ReadResource", diags));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags.items()[0].summary, "Invalid ReadResource request");
  EXPECT_EQ(diags.items()[0].path, AttributePath("id"));
  EXPECT_NE(diags.items()[0].detail.find("current_state of ReadResource holds an unknown value at id"),
            std::string::npos)
      << diags.items()[0].detail;
}

TEST(RequestRules, ARequiredAttributeLeftNullIsRefusedNamingIt) {
  const Schema schema = two_attributes();
  Diagnostics diags;
  EXPECT_FALSE(require_required(schema, Value::object(schema.value_type(), {}), "planned_state",
                                "ApplyResourceChange", diags));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags.items()[0].path, AttributePath("id"));
  EXPECT_NE(diags.items()[0].detail.find("no value for the required attribute id"), std::string::npos);

  Diagnostics fine;
  EXPECT_TRUE(require_required(schema, Value::object(schema.value_type(), {{"id", Value::string("x")}}),
                               "config", "PlanResourceChange", fine));
  EXPECT_TRUE(
      require_required(schema, Value::null(schema.value_type()), "config", "PlanResourceChange", fine))
      << "a destroy has no config";
  EXPECT_TRUE(fine.empty());
}

TEST(RequestRules, AValueUnknownAsAWholeIsRefused) {
  const Schema schema = two_attributes();
  Diagnostics diags;
  EXPECT_FALSE(require_required(schema, Value::unknown(schema.value_type()), "planned_state",
                                "ApplyResourceChange", diags));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_NE(diags.items()[0].detail.find("unknown as a whole"), std::string::npos);
}

}  // namespace
}  // namespace rds::core
