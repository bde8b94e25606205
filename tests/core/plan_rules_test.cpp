#include "provider/core/plan_rules.h"

#include <gtest/gtest.h>

namespace rds::core {
namespace {

// A schema shaped like rds_instance_ssl's, plus a computed attribute of each plan behaviour.
Schema test_schema() {
  Block timeouts{.attributes = {{.name = "create", .type = Type::string(), .optional = true}}};
  return Schema{
      .block = {
          .attributes =
              {{.name = "id", .type = Type::string(), .computed = true, .use_state_for_unknown = true},
               {.name = "instance_id", .type = Type::string(), .required = true, .requires_replace = true},
               {.name = "ssl_enable", .type = Type::boolean(), .required = true},
               {.name = "disable_on_destroy",
                .type = Type::boolean(),
                .optional = true,
                .computed = true,
                .default_value = Value::boolean(false)},
               {.name = "status", .type = Type::string(), .computed = true}},
          .block_types = {{.type_name = "timeouts", .nesting = Nesting::single, .block = timeouts}}}};
}

const Schema kSchema = test_schema();
const Type kType = kSchema.value_type();

Value object(std::map<std::string, Value> attrs) { return Value::object(kType, std::move(attrs)); }

Value config(const std::string& instance, bool ssl) {
  return object({{"instance_id", Value::string(instance)}, {"ssl_enable", Value::boolean(ssl)}});
}

Value applied_state(const std::string& instance, bool ssl) {
  return object({{"id", Value::string(instance)},
                 {"instance_id", Value::string(instance)},
                 {"ssl_enable", Value::boolean(ssl)},
                 {"disable_on_destroy", Value::boolean(false)},
                 {"status", Value::string("ACTIVE")}});
}

// What Terraform proposes: config values, with computed attributes the config leaves null taken from prior.
Value proposed(const Value& prior, const Value& cfg) {
  Value out = cfg;
  if (prior.is_null()) return out;
  for (const char* computed : {"id", "disable_on_destroy", "status"})
    out = out.with_attr(computed, prior.attr(computed));
  return out;
}

TEST(PlanRules, CreateMarksComputedUnknownAndAppliesDefaults) {
  Value cfg = config("i-1", true);
  auto change = plan_from_schema(kSchema, Value::null(kType), proposed(Value::null(kType), cfg), cfg);
  const Value& p = change.planned_state;
  EXPECT_TRUE(p.attr("id").is_unknown());
  EXPECT_TRUE(p.attr("status").is_unknown());
  EXPECT_EQ(p.attr("disable_on_destroy"), Value::boolean(false));
  EXPECT_EQ(p.attr("instance_id"), Value::string("i-1"));
  EXPECT_TRUE(p.attr("timeouts").is_null());
  EXPECT_TRUE(change.requires_replace.empty());
}

TEST(PlanRules, NoChangeKeepsPriorSoThePlanIsEmpty) {
  Value prior = applied_state("i-1", true);
  Value cfg = config("i-1", true);
  auto change = plan_from_schema(kSchema, prior, proposed(prior, cfg), cfg);
  EXPECT_EQ(change.planned_state, prior);
  EXPECT_TRUE(change.requires_replace.empty());
}

TEST(PlanRules, UpdateKeepsUseStateForUnknownAttributesAndMarksOthersUnknown) {
  Value prior = applied_state("i-1", false);
  Value cfg = config("i-1", true);
  auto change = plan_from_schema(kSchema, prior, proposed(prior, cfg), cfg);
  EXPECT_EQ(change.planned_state.attr("id"), Value::string("i-1"));
  EXPECT_TRUE(change.planned_state.attr("status").is_unknown());
  EXPECT_EQ(change.planned_state.attr("ssl_enable"), Value::boolean(true));
  EXPECT_TRUE(change.requires_replace.empty());
}

TEST(PlanRules, ChangedRequiresReplaceAttributeIsListed) {
  Value prior = applied_state("i-1", true);
  Value cfg = config("i-2", true);
  auto change = plan_from_schema(kSchema, prior, proposed(prior, cfg), cfg);
  ASSERT_EQ(change.requires_replace.size(), 1u);
  EXPECT_EQ(change.requires_replace[0], AttributePath("instance_id"));
}

TEST(PlanRules, UnknownRequiresReplaceAttributeCountsAsAChange) {
  Value prior = applied_state("i-1", true);
  Value cfg = config("i-1", true).with_attr("instance_id", Value::unknown(Type::string()));
  auto change = plan_from_schema(kSchema, prior, proposed(prior, cfg), cfg);
  EXPECT_EQ(change.requires_replace.size(), 1u);
}

TEST(PlanRules, ConfigValuesAreNeverOverridden) {
  Value cfg = config("i-1", true).with_attr("disable_on_destroy", Value::boolean(true));
  auto change = plan_from_schema(kSchema, Value::null(kType), cfg, cfg);
  EXPECT_EQ(change.planned_state.attr("disable_on_destroy"), Value::boolean(true));
}

TEST(PlanRules, DestroyPlansNull) {
  Value prior = applied_state("i-1", true);
  auto change = plan_from_schema(kSchema, prior, Value::null(kType), Value::null(kType));
  EXPECT_TRUE(change.planned_state.is_null());
}

TEST(PlanRules, NestedBlockAttributesFollowTheSameRules) {
  Block inner{.attributes = {{.name = "x", .type = Type::string(), .requires_replace = true},
                             {.name = "c", .type = Type::string(), .computed = true}}};
  Schema schema{.block = {.block_types = {{.type_name = "b", .nesting = Nesting::list, .block = inner}}}};
  Type t = schema.value_type();
  Type et = inner.value_type();
  auto state = [&](const char* x, Value c) {
    return Value::object(t,
                         {{"b", Value::list(et, {Value::object(et, {{"x", Value::string(x)}, {"c", c}})})}});
  };
  Value prior = state("1", Value::string("computed"));
  Value cfg = state("2", Value::null(Type::string()));
  Value prop = state("2", Value::string("computed"));
  auto change = plan_from_schema(schema, prior, prop, cfg);
  ASSERT_EQ(change.requires_replace.size(), 1u);
  EXPECT_EQ(change.requires_replace[0].to_string(), "b[0].x");
  EXPECT_TRUE(change.planned_state.attr("b").elements()[0].attr("c").is_unknown());
}

}  // namespace
}  // namespace rds::core
