// check_config: a configuration may not set what the schema leaves to the provider.
#include "provider/core/config_rules.h"

#include <gtest/gtest.h>

namespace rds::core {
namespace {

Schema schema() {
  Block timeouts{.attributes = {{.name = "create", .type = Type::string(), .optional = true},
                                {.name = "effective", .type = Type::string(), .computed = true}}};
  Block rule{.attributes = {{.name = "port", .type = Type::number(), .required = true},
                            {.name = "rule_id", .type = Type::string(), .computed = true}}};
  return Schema{
      .block = {.attributes = {{.name = "id", .type = Type::string(), .computed = true},
                               {.name = "name", .type = Type::string(), .optional = true, .computed = true},
                               {.name = "size", .type = Type::number(), .required = true}},
                .block_types = {{.type_name = "timeouts", .nesting = Nesting::single, .block = timeouts},
                                {.type_name = "rule", .nesting = Nesting::list, .block = rule}}}};
}

const Type kType = schema().value_type();
const Type kTimeouts = kType.attributes().at("timeouts");
const Type kRule = kType.attributes().at("rule").element();

std::vector<std::string> error_paths(const Diagnostics& diags) {
  std::vector<std::string> paths;
  for (const auto& d : diags) paths.push_back(d.path ? d.path->to_string() : "<none>");
  return paths;
}

TEST(ConfigRules, ArgumentsAndOptionalComputedAttributesMayBeSet) {
  Value config = Value::object(kType, {{"name", Value::string("x")}, {"size", Value::number(3)}});
  EXPECT_TRUE(check_config(schema(), config).empty());
  EXPECT_TRUE(check_config(schema(), Value::null(kType)).empty());
  EXPECT_TRUE(check_config(schema(), Value::unknown(kType)).empty());
}

TEST(ConfigRules, AComputedOnlyAttributeSetInTheConfigIsAnErrorOnIt) {
  auto diags = check_config(schema(), Value::object(kType, {{"id", Value::string("x")}}));
  ASSERT_EQ(error_paths(diags), std::vector<std::string>{"id"});
  EXPECT_TRUE(diags.has_errors());
  EXPECT_EQ(check_config(schema(), Value::object(kType, {{"id", Value::unknown(Type::string())}})).size(), 1u)
      << "an unknown value is set too";
}

TEST(ConfigRules, NestedBlocksAreCheckedWithTheirPaths) {
  Value config = Value::object(
      kType, {{"timeouts", Value::object(kTimeouts, {{"effective", Value::string("1m")}})},
              {"rule", Value::list(kRule, {Value::object(kRule, {{"port", Value::number(1)}}),
                                           Value::object(kRule, {{"port", Value::number(2)},
                                                                 {"rule_id", Value::string("r")}})})}});
  EXPECT_EQ(error_paths(check_config(schema(), config)),
            (std::vector<std::string>{"timeouts.effective", "rule[1].rule_id"}));
}

}  // namespace
}  // namespace rds::core
