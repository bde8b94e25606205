// Plans over real gRPC whose instance_id is a refined unknown (Terraform 1.6+), against the built
// terraform-provider-rds and a real rds-sim, once per protocol version.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "tests/resources/grpc_lifecycle_fixture.h"

namespace rds::resources {
namespace {

using namespace grpc_lifecycle;
using rds::core::Value;

// Terraform 1.6+ sends an unknown value it knows more about as msgpack extension 12 whose payload is a
// map of refinements (cty/msgpack/unknown.go: key 1 = is null, key 2 = string prefix). This one is what
// an instance id from another resource's not yet known attribute looks like: not null, prefix "db".
const std::string kRefinedUnknownString(
    "\xc7\x07\x0c\x82\x01\xc2\x02\xa2"
    "db",
    10);

// `value` encoded with instance_id replaced by kRefinedUnknownString.
std::string pack_with_refined_unknown_instance_id(const Value& value) {
  const std::string marker = "marker-for-the-refined-unknown";
  std::string bytes = pack(value.with_attr("instance_id", Value::string(marker)));
  const std::string encoded = static_cast<char>(0xa0 | marker.size()) + marker;  // fixstr
  const auto at = bytes.find(encoded);
  if (at == std::string::npos) throw std::logic_error("marker not found in the encoded value");
  return bytes.replace(at, encoded.size(), kRefinedUnknownString);
}

TYPED_TEST_SUITE(GrpcLifecycle, Protocols);

// A create whose instance_id comes from another resource: Terraform 1.6+ sends it as a refined unknown.
// The plan keeps instance_id and id unknown and the rest as configured.
TYPED_TEST(GrpcLifecycle, PlanOfACreateWithARefinedUnknownInstanceIdKeepsItUnknown) {
  this->start({});
  this->configure();
  const Value cfg = config("unused", true);
  const std::string refined = pack_with_refined_unknown_instance_id(cfg);
  auto planned = this->plan_msgpack(pack(Value::null(resource_type())), refined, refined);
  ASSERT_FALSE(has_error(planned.diagnostics())) << describe(planned.diagnostics());
  const Value plan = unpack(planned.planned_state().msgpack());
  EXPECT_TRUE(plan.attr("instance_id").is_unknown()) << plan.to_string();
  EXPECT_TRUE(plan.attr("id").is_unknown()) << plan.to_string();
  EXPECT_EQ(plan.attr("ssl_enable"), Value::boolean(true));
  EXPECT_EQ(plan.attr("disable_on_destroy"), Value::boolean(false));
  EXPECT_EQ(planned.requires_replace_size(), 0);
  EXPECT_TRUE(this->sim_->requests().empty()) << "planning needs no API call";
}

// The instance_id of an existing resource becomes a refined unknown: a replacement, with id unknown.
TYPED_TEST(GrpcLifecycle, PlanWithARefinedUnknownInstanceIdOfAnExistingResourcePlansAReplacement) {
  this->start({});
  this->configure();
  const Value prior = state("db1", true);
  const std::string refined_config = pack_with_refined_unknown_instance_id(config("unused", true));
  const std::string refined_proposed =
      pack_with_refined_unknown_instance_id(config("unused", true)
                                                .with_attr("id", Value::string("db1"))
                                                .with_attr("disable_on_destroy", Value::boolean(false)));
  auto planned = this->plan_msgpack(pack(prior), refined_proposed, refined_config);
  ASSERT_FALSE(has_error(planned.diagnostics())) << describe(planned.diagnostics());
  const Value plan = unpack(planned.planned_state().msgpack());
  EXPECT_TRUE(plan.attr("instance_id").is_unknown()) << plan.to_string();
  EXPECT_TRUE(plan.attr("id").is_unknown()) << plan.to_string();
  EXPECT_EQ(plan.attr("ssl_enable"), Value::boolean(true));
  ASSERT_EQ(planned.requires_replace_size(), 1);
  ASSERT_EQ(planned.requires_replace(0).steps_size(), 1);
  EXPECT_EQ(planned.requires_replace(0).steps(0).attribute_name(), "instance_id");
}

}  // namespace
}  // namespace rds::resources
