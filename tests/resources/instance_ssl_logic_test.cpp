// rds_instance_ssl logic that needs no API: validation, planning, state upgrade, forgetful destroy.
#include <gtest/gtest.h>

#include "provider/resources/instance_ssl_private.h"
#include "provider/resources/instance_ssl_schema.h"
#include "provider/resources/rds_instance_ssl.h"
#include "provider/resources/timeouts.h"

namespace rds::resources {
namespace {

using rds::core::AttributePath;
using rds::core::Type;
using rds::core::Value;
namespace ssl = instance_ssl;

const Type& resource_type() {
  static const Type type = ssl::schema().value_type();
  return type;
}
const Type& timeouts_type() { return resource_type().attributes().at("timeouts"); }

Value timeouts(std::map<std::string, Value> values) {
  return Value::object(timeouts_type(), std::move(values));
}

// A resource value; attributes not given are null.
Value resource(std::map<std::string, Value> attributes) {
  return Value::object(resource_type(), std::move(attributes));
}

Value state(const std::string& id, bool ssl_enable, bool disable_on_destroy = false) {
  return resource({{"id", Value::string(id)},
                   {"instance_id", Value::string(id)},
                   {"ssl_enable", Value::boolean(ssl_enable)},
                   {"disable_on_destroy", Value::boolean(disable_on_destroy)}});
}

// What Terraform proposes: the config, with computed attributes the config leaves null taken from the
// prior state.
Value proposed(const Value& config, const Value& prior) {
  Value result = config;
  if (prior.is_null()) return result;
  for (const char* computed : {"id", "disable_on_destroy"}) {
    if (config.attr(computed).is_null()) result = result.with_attr(computed, prior.attr(computed));
  }
  return result;
}

class InstanceSslLogic : public ::testing::Test {
 protected:
  rds::core::PlanResult plan(const Value& prior, const Value& config) {
    return resource_.plan({prior, proposed(config, prior), config, ""});
  }
  InstanceSslResource resource_{std::make_shared<rds::config::ProviderContext>()};
};

TEST_F(InstanceSslLogic, SchemaDeclaresTheIssueAttributes) {
  const auto& block = ssl::schema().block;
  ASSERT_NE(block.find_attribute("id"), nullptr);
  EXPECT_TRUE(block.find_attribute("id")->computed);
  EXPECT_TRUE(block.find_attribute("instance_id")->required);
  EXPECT_TRUE(block.find_attribute("instance_id")->requires_replace);
  EXPECT_TRUE(block.find_attribute("ssl_enable")->required);
  EXPECT_TRUE(block.find_attribute("disable_on_destroy")->optional);
  EXPECT_EQ(block.find_attribute("disable_on_destroy")->default_value, Value::boolean(false));
  ASSERT_NE(block.find_block("timeouts"), nullptr);
  for (const char* name : {"create", "update", "delete"}) {
    EXPECT_TRUE(block.find_block("timeouts")->block.find_attribute(name)->optional) << name;
  }
  for (const auto& attribute : block.attributes) {
    EXPECT_FALSE(attribute.description.empty()) << attribute.name;
    EXPECT_FALSE(attribute.markdown_description.empty()) << attribute.name;
  }
}

TEST_F(InstanceSslLogic, ValidateRejectsEmptyInstanceIdOnItsPath) {
  auto diags = resource_.validate(
      resource({{"instance_id", Value::string("")}, {"ssl_enable", Value::boolean(true)}}));
  ASSERT_TRUE(diags.has_errors());
  EXPECT_EQ(diags.items()[0].path, AttributePath("instance_id"));
}

// A megabyte id used to come back five times in the plan reply and in every message.
TEST_F(InstanceSslLogic, ValidateRejectsAnInstanceIdLongerThan64AndQuotesItCut) {
  const std::string id(1 << 20, 'a');
  auto diags = resource_.validate(
      resource({{"instance_id", Value::string(id)}, {"ssl_enable", Value::boolean(true)}}));
  ASSERT_TRUE(diags.has_errors());
  EXPECT_EQ(diags.items()[0].path, AttributePath("instance_id"));
  EXPECT_NE(diags.items()[0].detail.find("1048576 bytes long; RDS ids are at most 64 characters"),
            std::string::npos)
      << diags.items()[0].detail.substr(0, 400);
  EXPECT_LT(diags.items()[0].detail.size(), 400u);
  EXPECT_FALSE(resource_
                   .validate(resource({{"instance_id", Value::string(std::string(64, 'a'))},
                                       {"ssl_enable", Value::boolean(true)}}))
                   .has_errors());
}

TEST_F(InstanceSslLogic, ValidateQuotesABadInstanceIdWithoutItsControlCharacters) {
  auto diags = resource_.validate(
      resource({{"instance_id", Value::string("a\x1b]0;pwned\x07")}, {"ssl_enable", Value::boolean(true)}}));
  ASSERT_TRUE(diags.has_errors());
  EXPECT_EQ(diags.items()[0].detail.find('\x1b'), std::string::npos) << diags.items()[0].detail;
  EXPECT_NE(diags.items()[0].detail.find("\"a ]0;pwned \""), std::string::npos) << diags.items()[0].detail;
}

TEST_F(InstanceSslLogic, ValidateRejectsUnparsableTimeoutsOnTheirPaths) {
  auto diags = resource_.validate(resource({{"instance_id", Value::string("i")},
                                            {"ssl_enable", Value::boolean(true)},
                                            {"timeouts", timeouts({{"create", Value::string("ten minutes")},
                                                                   {"update", Value::string("10m")},
                                                                   {"delete", Value::string("5")}})}}));
  ASSERT_EQ(diags.size(), 2u);
  EXPECT_EQ(diags.items()[0].path, AttributePath("timeouts").attribute("create"));
  EXPECT_NE(diags.items()[0].detail.find("ten minutes"), std::string::npos);
  EXPECT_EQ(diags.items()[1].path, AttributePath("timeouts").attribute("delete"));
}

TEST_F(InstanceSslLogic, ValidateToleratesUnknownValues) {
  auto diags =
      resource_.validate(resource({{"instance_id", Value::unknown(Type::string())},
                                   {"ssl_enable", Value::unknown(Type::boolean())},
                                   {"timeouts", timeouts({{"create", Value::unknown(Type::string())}})}}));
  EXPECT_TRUE(diags.empty());
  EXPECT_TRUE(resource_.validate(Value::unknown(resource_type())).empty());
}

TEST_F(InstanceSslLogic, TimeoutsDefaultToThirtyThirtyAndTenMinutes) {
  using namespace std::chrono_literals;
  const Value without_block = state("abc", true);
  EXPECT_EQ(ssl::timeout_for(without_block, ssl::Operation::create), 30min);
  EXPECT_EQ(ssl::timeout_for(without_block, ssl::Operation::update), 30min);
  EXPECT_EQ(ssl::timeout_for(without_block, ssl::Operation::destroy), 10min);

  const Value with_block = without_block.with_attr(
      "timeouts", timeouts({{"create", Value::string("45s")}, {"delete", Value::string("1h30m")}}));
  EXPECT_EQ(ssl::timeout_for(with_block, ssl::Operation::create), 45s);
  EXPECT_EQ(ssl::timeout_for(with_block, ssl::Operation::update), 30min);  // not given: default
  EXPECT_EQ(ssl::timeout_for(with_block, ssl::Operation::destroy), 90min);
}

TEST_F(InstanceSslLogic, PlanCreateKnowsIdFromInstanceIdAndDefaultsDisableOnDestroy) {
  const Value config =
      resource({{"instance_id", Value::string("abc")}, {"ssl_enable", Value::boolean(true)}});
  auto result = plan(Value::null(resource_type()), config);
  EXPECT_FALSE(result.diagnostics.has_errors());
  EXPECT_EQ(result.planned_state.attr("id"), Value::string("abc"));
  EXPECT_EQ(result.planned_state.attr("ssl_enable"), Value::boolean(true));
  EXPECT_EQ(result.planned_state.attr("disable_on_destroy"), Value::boolean(false));
  EXPECT_TRUE(result.requires_replace.empty());
}

TEST_F(InstanceSslLogic, PlanWithUnknownInstanceIdLeavesIdUnknown) {
  const Value config =
      resource({{"instance_id", Value::unknown(Type::string())}, {"ssl_enable", Value::boolean(true)}});
  auto result = plan(Value::null(resource_type()), config);
  EXPECT_FALSE(result.diagnostics.has_errors());
  EXPECT_TRUE(result.planned_state.attr("id").is_unknown());
  EXPECT_TRUE(result.planned_state.attr("instance_id").is_unknown());
}

TEST_F(InstanceSslLogic, PlanRightAfterApplyIsEmpty) {
  const Value prior = state("abc", true);
  const Value config =
      resource({{"instance_id", Value::string("abc")}, {"ssl_enable", Value::boolean(true)}});
  auto result = plan(prior, config);
  EXPECT_EQ(result.planned_state, prior) << result.planned_state.to_string();
  EXPECT_TRUE(result.requires_replace.empty());
  EXPECT_EQ(result.planned_private, "") << "an object with no switch pending keeps no private state";
}

TEST_F(InstanceSslLogic, PlanOfAnObjectWhoseSwitchMayStillRunKeepsSayingSo) {
  const Value config =
      resource({{"instance_id", Value::string("abc")}, {"ssl_enable", Value::boolean(false)}});
  auto result = resource_.plan({state("abc", true), proposed(config, state("abc", true)), config,
                                ssl::encode_private(ssl::PrivateState::kept(true))});
  EXPECT_EQ(ssl::decode_private(result.planned_private).state, ssl::PrivateState::kept(true));
}

TEST_F(InstanceSslLogic, PlanChangingSslEnableUpdatesInPlaceKeepingId) {
  const Value config =
      resource({{"instance_id", Value::string("abc")}, {"ssl_enable", Value::boolean(false)}});
  auto result = plan(state("abc", true), config);
  // No API client here: the instance's name, engine and version cannot be read, so they are unknown.
  const Value unknown = Value::unknown(Type::string());
  EXPECT_EQ(result.planned_state, state("abc", false)
                                      .with_attr("name", unknown)
                                      .with_attr("instance_name", unknown)
                                      .with_attr("engine", unknown)
                                      .with_attr("engine_version", unknown))
      << result.planned_state.to_string();
  EXPECT_TRUE(result.requires_replace.empty());
}

TEST_F(InstanceSslLogic, PlanChangingInstanceIdRequiresReplacement) {
  const Value config =
      resource({{"instance_id", Value::string("other")}, {"ssl_enable", Value::boolean(true)}});
  auto result = plan(state("abc", true), config);
  ASSERT_EQ(result.requires_replace.size(), 1u);
  EXPECT_EQ(result.requires_replace[0], AttributePath("instance_id"));
  EXPECT_EQ(result.planned_state.attr("id"), Value::string("other"));
}

TEST_F(InstanceSslLogic, PlanDestroyIsNull) {
  auto result =
      resource_.plan({state("abc", true), Value::null(resource_type()), Value::null(resource_type()), ""});
  EXPECT_TRUE(result.planned_state.is_null());
}

TEST_F(InstanceSslLogic, AnUnplannedDestroyByDefaultOnlyForgetsWithAWarning) {
  // Terraform before 1.3 applies destroys it never planned: the apply is the only place to warn.
  // No client configured: the default destroy must not need the API at all.
  auto result =
      resource_.apply({state("abc", true), Value::null(resource_type()), Value::null(resource_type()), ""});
  EXPECT_TRUE(result.new_state.is_null());
  ASSERT_EQ(result.diagnostics.size(), 1u);
  const auto& warning = result.diagnostics.items()[0];
  EXPECT_EQ(warning.severity, rds::core::Severity::warning);
  EXPECT_NE(warning.summary.find("abc"), std::string::npos);
  EXPECT_NE(warning.detail.find("stays enabled"), std::string::npos);
  EXPECT_NE(warning.detail.find("disable_on_destroy"), std::string::npos);
}

TEST_F(InstanceSslLogic, PlanOfANewObjectNamesTheInstanceItTakesOverForTheDestroyHalf) {
  const Value config =
      resource({{"instance_id", Value::string("abc")}, {"ssl_enable", Value::boolean(true)}});
  auto result = plan(Value::null(resource_type()), config);
  EXPECT_EQ(ssl::decode_private(result.planned_private).state, ssl::PrivateState::of_new_object("abc"))
      << result.planned_private;
}

TEST_F(InstanceSslLogic, PlanOfANewObjectWithUnknownInstanceIdNamesNoSuccessor) {
  const Value config =
      resource({{"instance_id", Value::unknown(Type::string())}, {"ssl_enable", Value::boolean(true)}});
  auto result = plan(Value::null(resource_type()), config);
  EXPECT_EQ(ssl::decode_private(result.planned_private).state, ssl::PrivateState{}) << result.planned_private;
}

TEST_F(InstanceSslLogic, PlanDestroyWarnsOnceAndTellsTheApplyWhetherASwitchMayBeRunning) {
  const std::string pending = ssl::encode_private(ssl::PrivateState::kept(true));
  auto result = resource_.plan(
      {state("abc", false, true), Value::null(resource_type()), Value::null(resource_type()), pending});
  EXPECT_EQ(ssl::decode_private(result.planned_private).state, ssl::PrivateState::of_planned_destroy(true));
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics.items()[0].summary,
            "Destroying rds_instance_ssl turns SSL off on RDS instance abc");
  EXPECT_NE(result.diagnostics.items()[0].detail.find("may still be running"), std::string::npos);
}

TEST_F(InstanceSslLogic, PlanDestroyOfAnInstanceWithSslOffDoesNotSuggestDisableOnDestroy) {
  auto result =
      resource_.plan({state("abc", false), Value::null(resource_type()), Value::null(resource_type()), ""});
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_NE(result.diagnostics.items()[0].detail.find("stays disabled"), std::string::npos);
  EXPECT_EQ(result.diagnostics.items()[0].detail.find("Set disable_on_destroy"), std::string::npos);
}

TEST_F(InstanceSslLogic, TheDestroyHalfOfAReplacementForTheSameInstanceSwitchesNothingAndSaysNothing) {
  // No client configured: turning SSL off would fail; the replacement's new object takes the instance over.
  auto result =
      resource_.apply({state("abc", true, true), Value::null(resource_type()), Value::null(resource_type()),
                       ssl::encode_private(ssl::PrivateState::of_new_object("abc"))});
  EXPECT_TRUE(result.new_state.is_null());
  EXPECT_TRUE(result.diagnostics.empty()) << result.diagnostics.items()[0].summary;
}

TEST_F(InstanceSslLogic, TheDestroyHalfOfAMoveTurnsSslOffOnTheOldInstance) {
  auto result =
      resource_.apply({state("abc", true, true), Value::null(resource_type()), Value::null(resource_type()),
                       ssl::encode_private(ssl::PrivateState::of_new_object("other"))});
  // No client configured: the attempt to switch SSL off on abc fails and keeps the object.
  EXPECT_TRUE(result.diagnostics.has_errors());
  EXPECT_EQ(result.new_state, state("abc", true, true));
}

TEST_F(InstanceSslLogic, APlannedDestroyIsNotWarnedAgainByTheApply) {
  auto result =
      resource_.apply({state("abc", true), Value::null(resource_type()), Value::null(resource_type()),
                       ssl::encode_private(ssl::PrivateState::of_planned_destroy(false))});
  EXPECT_TRUE(result.new_state.is_null());
  EXPECT_TRUE(result.diagnostics.empty()) << result.diagnostics.items()[0].summary;
}

TEST_F(InstanceSslLogic, APrivateStateThisProviderNeverWroteFailsThePlanNamingTheCall) {
  auto result = resource_.plan(
      {state("abc", true), Value::null(resource_type()), Value::null(resource_type()), R"({"successor":7})"});
  ASSERT_TRUE(result.diagnostics.has_errors());
  EXPECT_NE(result.diagnostics.items()[0].detail.find("PlanResourceChange"), std::string::npos);
  EXPECT_NE(result.diagnostics.items()[0].detail.find("\"successor\" is not a string"), std::string::npos);
}

TEST(InstanceSslPrivate, KeepsTheMarkerOfEarlierReleasesAndIgnoresUnknownKeys) {
  EXPECT_EQ(ssl::decode_private(R"({"create_incomplete":true,"later":1})").state,
            ssl::PrivateState::kept(true));
  EXPECT_EQ(ssl::decode_private("").state, ssl::PrivateState{});
  EXPECT_EQ(ssl::encode_private({}), "");
  ssl::PrivateState all = ssl::PrivateState::of_planned_destroy(true);
  all.successor = "abc";
  EXPECT_EQ(ssl::decode_private(ssl::encode_private(all)).state, all);
}

TEST(InstanceSslPrivate, BytesThatAreNotItsJsonAreAProblemNeverAnException) {
  for (const std::string& bad :
       std::vector<std::string>{"private-bytes", "[]", R"({"create_incomplete":"yes"})",
                                R"({"destroy_planned":null})", std::string(100000, '{')}) {
    EXPECT_FALSE(ssl::decode_private(bad).problem.empty()) << bad.substr(0, 40);
  }
}

TEST_F(InstanceSslLogic, UpgradeFromVersionZeroDropsRemovedAttributesAndFillsDefaults) {
  auto result = resource_.upgrade_state(
      {0, R"({"id":"abc","instance_id":"abc","ssl_enable":true,"region":"eu-de","timeouts":null})"});
  ASSERT_FALSE(result.diagnostics.has_errors()) << result.diagnostics.items()[0].detail;
  EXPECT_EQ(result.upgraded_state, state("abc", true));
  EXPECT_TRUE(result.upgraded_state.is_wholly_known());
}

TEST_F(InstanceSslLogic, UpgradeFromANewerSchemaVersionIsAnErrorNamingBothVersions) {
  // A state this provider could read: only its version is wrong.
  auto result = resource_.upgrade_state(
      {7, R"({"id":"abc","instance_id":"abc","ssl_enable":true,"disable_on_destroy":false})"});
  ASSERT_EQ(result.diagnostics.size(), 1u);
  const auto& error = result.diagnostics.items()[0];
  EXPECT_EQ(error.severity, rds::core::Severity::error);
  EXPECT_EQ(error.summary, "Cannot upgrade rds_instance_ssl state");
  EXPECT_NE(error.detail.find("schema version 7 by a newer provider"), std::string::npos) << error.detail;
  EXPECT_NE(error.detail.find("knows version 3"), std::string::npos) << error.detail;
}

// `name` (version 2) is what Terraform shows in every plan; older states get it from
// instance_name, so their next plan names the database without a change.
TEST_F(InstanceSslLogic, UpgradeFromVersionOneCopiesInstanceNameIntoName) {
  auto result = resource_.upgrade_state(
      {1, R"({"id":"abc","instance_id":"abc","ssl_enable":true,"disable_on_destroy":false,)"
          R"("instance_name":"orders-prod","engine":"MySQL","engine_version":"8.0","timeouts":null})"});
  ASSERT_FALSE(result.diagnostics.has_errors()) << result.diagnostics.items()[0].detail;
  EXPECT_EQ(result.upgraded_state.attr("name"), Value::string("orders-prod"));
  EXPECT_EQ(result.upgraded_state.attr("instance_name"), Value::string("orders-prod"));
}

// Versions no provider writes, and a state that names no instance, are errors.
TEST_F(InstanceSslLogic, UpgradeOfANegativeVersionOrOfAStateWithoutAnInstanceIsAnError) {
  auto negative = resource_.upgrade_state({-1, R"({"id":"abc","instance_id":"abc","ssl_enable":true})"});
  ASSERT_TRUE(negative.diagnostics.has_errors());
  EXPECT_NE(negative.diagnostics.items()[0].detail.find("schema version -1"), std::string::npos);
  auto empty = resource_.upgrade_state({1, "{}"});
  ASSERT_TRUE(empty.diagnostics.has_errors());
  EXPECT_NE(empty.diagnostics.items()[0].detail.find("names no RDS instance"), std::string::npos);
}

// Terraform configures before it plans; a plan without a client says what it skipped.
TEST_F(InstanceSslLogic, APlanWithoutAConfiguredProviderWarnsThatTheInstanceWasNotChecked) {
  const Value config =
      resource({{"instance_id", Value::string("abc")}, {"ssl_enable", Value::boolean(true)}});
  auto result = plan(Value::null(resource_type()), config);
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics.items()[0].severity, rds::core::Severity::warning);
  EXPECT_EQ(result.diagnostics.items()[0].summary, "RDS instance abc not checked");
  EXPECT_EQ(result.diagnostics.items()[0].path, AttributePath("instance_id"));
}

TEST_F(InstanceSslLogic, UpgradeOfAStateThatIsNotJsonIsAnError) {
  auto result = resource_.upgrade_state({0, "not json"});
  ASSERT_EQ(result.diagnostics.size(), 1u);
  const auto& error = result.diagnostics.items()[0];
  EXPECT_EQ(error.severity, rds::core::Severity::error);
  EXPECT_EQ(error.summary, "Cannot upgrade rds_instance_ssl state");
  EXPECT_NE(error.detail.find("not valid JSON"), std::string::npos) << error.detail;
}

}  // namespace
}  // namespace rds::resources
