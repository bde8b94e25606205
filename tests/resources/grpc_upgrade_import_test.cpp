// UpgradeResourceState and ImportResourceState of rds_instance_ssl over real gRPC, against the built
// terraform-provider-rds and a real rds-sim, once per protocol version.
#include <gtest/gtest.h>

#include <string>

#include "tests/resources/grpc_lifecycle_fixture.h"

namespace rds::resources {
namespace {

using namespace grpc_lifecycle;
using rds::core::Value;

TYPED_TEST_SUITE(GrpcLifecycle, Protocols);

TYPED_TEST(GrpcLifecycle, UpgradeFromANewerSchemaVersionIsAnErrorNamingBothVersions) {
  this->start({});
  auto upgraded =
      this->upgrade(7, R"({"id":"db1","instance_id":"db1","ssl_enable":true,"disable_on_destroy":false})");
  ASSERT_EQ(upgraded.diagnostics_size(), 1) << describe(upgraded.diagnostics());
  EXPECT_EQ(upgraded.diagnostics(0).severity(), 1);
  EXPECT_EQ(upgraded.diagnostics(0).summary(), "Cannot upgrade rds_instance_ssl state");
  EXPECT_NE(upgraded.diagnostics(0).detail().find("schema version 7 by a newer provider"), std::string::npos)
      << upgraded.diagnostics(0).detail();
  EXPECT_NE(upgraded.diagnostics(0).detail().find("knows version 3"), std::string::npos)
      << upgraded.diagnostics(0).detail();
  EXPECT_TRUE(upgraded.upgraded_state().msgpack().empty());
}

TYPED_TEST(GrpcLifecycle, UpgradeOfAStateThatIsNotJsonIsAnError) {
  this->start({});
  auto upgraded = this->upgrade(0, "not json");
  ASSERT_EQ(upgraded.diagnostics_size(), 1) << describe(upgraded.diagnostics());
  EXPECT_EQ(upgraded.diagnostics(0).severity(), 1);
  EXPECT_EQ(upgraded.diagnostics(0).summary(), "Cannot upgrade rds_instance_ssl state");
  EXPECT_NE(upgraded.diagnostics(0).detail().find("not valid JSON"), std::string::npos)
      << upgraded.diagnostics(0).detail();
  EXPECT_TRUE(upgraded.upgraded_state().msgpack().empty());
}

TYPED_TEST(GrpcLifecycle, ImportTrimsWhitespaceAroundTheIdAndRefusesInnerOrOnlyWhitespace) {
  this->start({"--instance", "db1:MySQL:on"});
  this->configure();
  auto trimmed = this->import(" \t db1 \n");
  ASSERT_EQ(trimmed.imported_resources_size(), 1) << describe(trimmed.diagnostics());
  EXPECT_EQ(unpack(trimmed.imported_resources(0).state().msgpack()), state("db1", true));

  for (const std::string id : {"db 1", "   "}) {
    auto refused = this->import(id);
    EXPECT_EQ(refused.imported_resources_size(), 0) << id;
    ASSERT_EQ(refused.diagnostics_size(), 1) << describe(refused.diagnostics());
    EXPECT_EQ(refused.diagnostics(0).severity(), 1);
    EXPECT_NE(refused.diagnostics(0).detail().find("\"" + id + "\""), std::string::npos)
        << refused.diagnostics(0).detail();
  }
  // Only the trimmed import reached the API.
  ASSERT_EQ(this->sim_->requests().size(), 1u) << this->sim_->requests().dump(1);
}

}  // namespace
}  // namespace rds::resources
