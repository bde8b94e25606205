// The resource RPCs (plan, apply, read, import, upgrade) through make_provider_service(), protocol 5
// and 6: values round-trip through the codec, and nil, unknowns and private state travel as Terraform
// expects.
#include <gtest/gtest.h>

#include "tests/protocol/provider_service_fixture.h"

namespace rds::protocol {
namespace {

using namespace service_test;

TYPED_TEST_SUITE(ProviderServiceTest, Versions);

TYPED_TEST(ProviderServiceTest, PlanCreateRoundTripsThroughTheCodec) {
  Value proposed = thing({{"name", Value::string("a")}, {"enabled", Value::boolean(true)}});
  auto response = this->plan(Value::null(kResourceType), proposed, "p");
  ASSERT_EQ(response.diagnostics_size(), 0) << this->diagnostics_text(response);
  Value planned = this->get(response.planned_state(), kResourceType);
  EXPECT_EQ(planned.get_string("id"), "a");
  EXPECT_EQ(planned.get_bool("enabled"), true);
  EXPECT_EQ(response.requires_replace_size(), 0);
  EXPECT_EQ(response.planned_private(), "p+planned");
}

TYPED_TEST(ProviderServiceTest, PlanListsRequiresReplacePaths) {
  Value prior = thing({{"id", Value::string("a")}, {"name", Value::string("a")}});
  auto response = this->plan(prior, thing({{"id", Value::string("a")}, {"name", Value::string("b")}}));
  ASSERT_EQ(response.requires_replace_size(), 1);
  EXPECT_EQ(response.requires_replace(0).steps(0).attribute_name(), "name");
}

TYPED_TEST(ProviderServiceTest, PlanKeepsUnknownsOnTheWire) {
  auto response = this->plan(Value::null(kResourceType), thing({{"name", Value::unknown(Type::string())}}));
  Value planned = this->get(response.planned_state(), kResourceType);
  EXPECT_TRUE(planned.attr("id").is_unknown());
  EXPECT_TRUE(planned.attr("name").is_unknown());
}

TYPED_TEST(ProviderServiceTest, ApplyReturnsNewStateAndPrivateAndStateEvenOnError) {
  using V = TypeParam;
  for (const char* name : {"a", "fail"}) {
    typename V::Apply::Request q;
    q.set_type_name("test_thing");
    Value planned = thing({{"id", Value::unknown(Type::string())}, {"name", Value::string(name)}});
    this->set(q.mutable_prior_state(), Value::null(kResourceType), kResourceType);
    this->set(q.mutable_planned_state(), planned, kResourceType);
    this->set(q.mutable_config(), planned.with_attr("id", Value::null(Type::string())), kResourceType);
    q.set_planned_private("pp");
    auto response = this->template call<typename V::Apply::Request, typename V::Apply::Response>(
        [&](auto& c, auto& q2, auto& r) { return this->stub_->ApplyResourceChange(&c, q2, &r); }, q);
    EXPECT_EQ(response.diagnostics_size(), std::string(name) == "fail" ? 1 : 0);
    EXPECT_EQ(this->get(response.new_state(), kResourceType).get_string("id"), name);
    EXPECT_EQ(response.private_(), "pp+applied");
  }
}

TYPED_TEST(ProviderServiceTest, ApplyDestroyAnswersMsgpackNil) {
  using V = TypeParam;
  typename V::Apply::Request q;
  q.set_type_name("test_thing");
  this->set(q.mutable_prior_state(), thing({{"id", Value::string("a")}, {"name", Value::string("a")}}),
            kResourceType);
  this->set(q.mutable_planned_state(), Value::null(kResourceType), kResourceType);
  this->set(q.mutable_config(), Value::null(kResourceType), kResourceType);
  auto response = this->template call<typename V::Apply::Request, typename V::Apply::Response>(
      [&](auto& c, auto& q2, auto& r) { return this->stub_->ApplyResourceChange(&c, q2, &r); }, q);
  EXPECT_EQ(response.new_state().msgpack(), std::string("\xc0", 1));
}

TYPED_TEST(ProviderServiceTest, ReadOfAGoneObjectAnswersMsgpackNilNotEmptyBytes) {
  using V = TypeParam;
  typename V::Read::Request q;
  q.set_type_name("test_thing");
  this->set(q.mutable_current_state(), thing({{"id", Value::string("a")}, {"name", Value::string("a")}}),
            kResourceType);
  q.set_private_("gone");
  auto response = this->template call<typename V::Read::Request, typename V::Read::Response>(
      [&](auto& c, auto& q2, auto& r) { return this->stub_->ReadResource(&c, q2, &r); }, q);
  EXPECT_EQ(response.new_state().msgpack(), std::string("\xc0", 1));
}

TYPED_TEST(ProviderServiceTest, ReadReturnsTheResourcesStateAndPrivate) {
  using V = TypeParam;
  typename V::Read::Request q;
  q.set_type_name("test_thing");
  // Terraform may send JSON instead of msgpack; the adapter accepts it and always answers msgpack.
  q.mutable_current_state()->set_json(R"({"id":"a","name":"a","enabled":false,"timeouts":null})");
  auto response = this->template call<typename V::Read::Request, typename V::Read::Response>(
      [&](auto& c, auto& q2, auto& r) { return this->stub_->ReadResource(&c, q2, &r); }, q);
  ASSERT_EQ(response.diagnostics_size(), 0) << this->diagnostics_text(response);
  EXPECT_EQ(this->get(response.new_state(), kResourceType).get_bool("enabled"), true);
  EXPECT_EQ(response.private_(), "read");
}

TYPED_TEST(ProviderServiceTest, ImportFillsTypeNameStateAndPrivate) {
  using V = TypeParam;
  typename V::Import::Request q;
  q.set_type_name("test_thing");
  q.set_id("x-1");
  auto response = this->template call<typename V::Import::Request, typename V::Import::Response>(
      [&](auto& c, auto& q2, auto& r) { return this->stub_->ImportResourceState(&c, q2, &r); }, q);
  ASSERT_EQ(response.imported_resources_size(), 1);
  EXPECT_EQ(response.imported_resources(0).type_name(), "test_thing");
  EXPECT_EQ(this->get(response.imported_resources(0).state(), kResourceType).get_string("name"), "x-1");
  EXPECT_EQ(response.imported_resources(0).private_(), "imported");
}

TYPED_TEST(ProviderServiceTest, UpgradeResourceStateDecodesJsonAndDropsRemovedAttributes) {
  using V = TypeParam;
  typename V::Upgrade::Request q;
  q.set_type_name("test_thing");
  q.set_version(0);
  q.mutable_raw_state()->set_json(R"({"id":"a","name":"a","old_attribute":"x"})");
  auto response = this->template call<typename V::Upgrade::Request, typename V::Upgrade::Response>(
      [&](auto& c, auto& q2, auto& r) { return this->stub_->UpgradeResourceState(&c, q2, &r); }, q);
  ASSERT_EQ(response.diagnostics_size(), 0) << this->diagnostics_text(response);
  EXPECT_EQ(this->get(response.upgraded_state(), kResourceType).get_string("id"), "a");
  EXPECT_EQ(this->provider_->resource->upgraded_from_version, 0);
}

}  // namespace
}  // namespace rds::protocol
