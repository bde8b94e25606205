// The rds_instance_ssl lifecycle (configure, validate, plan, apply, read, import, upgrade, destroy, stop)
// driven over real gRPC with mutual TLS against the built terraform-provider-rds and a real rds-sim,
// once per protocol version: the same test body runs for tfplugin5 and tfplugin6.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <thread>

#include "tests/resources/grpc_lifecycle_fixture.h"
#include "tests/support/eventually.h"

namespace rds::resources {
namespace {

using namespace grpc_lifecycle;
using namespace std::chrono_literals;
using rds::core::Value;

TYPED_TEST_SUITE(GrpcLifecycle, Protocols);

TYPED_TEST(GrpcLifecycle, ValidationDiagnosticsCarryAttributePaths) {
  using P = TypeParam;
  this->start({});
  {
    typename P::ValidateProvider::Request request;
    request.mutable_config()->set_msgpack(pack(
        Value::object(provider_type(), {{"access_key", Value::string("AK")}, {"token", Value::string("T")}}),
        provider_type()));
    typename P::ValidateProvider::Response response;
    ASSERT_TRUE(
        P::validate_provider(*this->stub_, rds::testing::PluginProcess::context().get(), request, &response)
            .ok());
    ASSERT_TRUE(has_error(response.diagnostics()));
    bool on_access_key = false;
    for (const auto& d : response.diagnostics()) {
      if (d.attribute().steps_size() == 1 && d.attribute().steps(0).attribute_name() == "access_key")
        on_access_key = true;
    }
    EXPECT_TRUE(on_access_key) << describe(response.diagnostics());
  }
  {
    typename P::ValidateResource::Request request;
    request.set_type_name("rds_instance_ssl");
    request.mutable_config()->set_msgpack(pack(config("", true)));
    typename P::ValidateResource::Response response;
    ASSERT_TRUE(
        P::validate_resource(*this->stub_, rds::testing::PluginProcess::context().get(), request, &response)
            .ok());
    ASSERT_EQ(response.diagnostics_size(), 1) << describe(response.diagnostics());
    ASSERT_EQ(response.diagnostics(0).attribute().steps_size(), 1);
    EXPECT_EQ(response.diagnostics(0).attribute().steps(0).attribute_name(), "instance_id");
  }
}

TYPED_TEST(GrpcLifecycle, CreatePlanEmptyUpdateDriftImportUpgradeDestroy) {
  using P = TypeParam;
  this->start({"--instance", "db1:MySQL:off", "--ssl-switch-seconds", "0.3"});
  this->configure();
  const Value null = Value::null(resource_type());

  // Create: id known at plan time, the applied state is what the API reports.
  auto planned = this->plan(null, config("db1", true), config("db1", true));
  ASSERT_FALSE(has_error(planned.diagnostics())) << describe(planned.diagnostics());
  EXPECT_EQ(unpack(planned.planned_state().msgpack()).attr("id"), Value::string("db1"));
  auto created = this->apply(null, planned.planned_state().msgpack(), config("db1", true));
  ASSERT_FALSE(has_error(created.diagnostics())) << describe(created.diagnostics());
  const Value created_state = unpack(created.new_state().msgpack());
  EXPECT_EQ(created_state, state("db1", true));
  EXPECT_EQ(this->sim_->instance("db1")["enable_ssl"], true);

  // A plan right after the apply changes nothing.
  auto again = this->plan(created_state, created_state, config("db1", true));
  EXPECT_EQ(unpack(again.planned_state().msgpack()), created_state);
  EXPECT_EQ(again.requires_replace_size(), 0);

  // Changing instance_id plans a replacement.
  auto replace = this->plan(created_state,
                            config("db2", true)
                                .with_attr("id", Value::string("db1"))
                                .with_attr("disable_on_destroy", Value::boolean(false)),
                            config("db2", true));
  ASSERT_EQ(replace.requires_replace_size(), 1);
  EXPECT_EQ(replace.requires_replace(0).steps(0).attribute_name(), "instance_id");

  // Update in place.
  const Value update_proposed = state("db1", false);
  auto update_plan = this->plan(created_state, update_proposed, config("db1", false));
  EXPECT_EQ(update_plan.requires_replace_size(), 0);
  auto updated = this->apply(created_state, update_plan.planned_state().msgpack(), config("db1", false));
  ASSERT_FALSE(has_error(updated.diagnostics())) << describe(updated.diagnostics());
  EXPECT_EQ(unpack(updated.new_state().msgpack()), state("db1", false));

  // Out-of-band flip shows up on read.
  this->sim_->admin("PATCH", "/_admin/instances/db1", {{"enable_ssl", true}});
  auto drift = this->read(state("db1", false));
  ASSERT_FALSE(has_error(drift.diagnostics())) << describe(drift.diagnostics());
  EXPECT_EQ(unpack(drift.new_state().msgpack()), state("db1", true));

  // Import fills every attribute.
  typename P::Import::Request import_request;
  import_request.set_type_name("rds_instance_ssl");
  import_request.set_id("db1");
  typename P::Import::Response imported;
  ASSERT_TRUE(
      this->stub_
          ->ImportResourceState(rds::testing::PluginProcess::context().get(), import_request, &imported)
          .ok());
  ASSERT_EQ(imported.imported_resources_size(), 1) << describe(imported.diagnostics());
  EXPECT_EQ(imported.imported_resources(0).type_name(), "rds_instance_ssl");
  EXPECT_EQ(unpack(imported.imported_resources(0).state().msgpack()), state("db1", true));

  // A version 0 state from JSON, with an attribute this schema does not have.
  auto upgraded = this->upgrade(
      0,
      R"({"id":"db1","instance_id":"db1","ssl_enable":true,"disable_on_destroy":true,"old_field":1,"timeouts":null})");
  ASSERT_FALSE(has_error(upgraded.diagnostics())) << describe(upgraded.diagnostics());
  // Version 0 had no instance_name, engine or engine_version: null until the next refresh fills them.
  const Value none = Value::null(Type::string());
  EXPECT_EQ(unpack(upgraded.upgraded_state().msgpack()), state("db1", true, true)
                                                             .with_attr("name", none)
                                                             .with_attr("instance_name", none)
                                                             .with_attr("engine", none)
                                                             .with_attr("engine_version", none));

  // Destroy with disable_on_destroy turns SSL off; the new state is a msgpack nil.
  auto destroyed = this->apply(state("db1", true, true), pack(null), null);
  ASSERT_FALSE(has_error(destroyed.diagnostics())) << describe(destroyed.diagnostics());
  EXPECT_EQ(destroyed.new_state().msgpack(), "\xc0");
  EXPECT_EQ(this->sim_->instance("db1")["enable_ssl"], false);

  // Gone out of band: read answers a null state (nil, not empty bytes).
  this->sim_->admin("DELETE", "/_admin/instances/db1");
  auto gone = this->read(state("db1", false));
  ASSERT_FALSE(has_error(gone.diagnostics())) << describe(gone.diagnostics());
  EXPECT_EQ(gone.new_state().msgpack(), "\xc0");
}

// The state the stopped apply returns is what is known: the instance, with SSL as last read (still off,
// the switch takes 60 s), so Terraform records and taints it; the error says why it stopped.
TYPED_TEST(GrpcLifecycle, StopEndsAWaitingApplyPromptlyWithTheKnownState) {
  using P = TypeParam;
  this->start({"--instance", "db1:MySQL:off", "--ssl-switch-seconds", "60"});
  this->configure();
  const Value null = Value::null(resource_type());
  auto planned = this->plan(null, config("db1", true), config("db1", true));
  const std::string planned_msgpack = planned.planned_state().msgpack();
  auto apply =
      std::async(std::launch::async, [&] { return this->apply(null, planned_msgpack, config("db1", true)); });
  ASSERT_TRUE(rds::testing::eventually([&] { return this->sim_->polled_after_a_switch(); }))
      << this->sim_->requests().dump(1);

  typename P::Stop::Request stop_request;
  typename P::Stop::Response stop_response;
  ASSERT_TRUE(
      P::stop(*this->stub_, rds::testing::PluginProcess::context().get(), stop_request, &stop_response).ok());
  EXPECT_EQ(stop_response.error(), "");
  // The switch takes 60 s: an apply that returns well before proves StopProvider ended its wait.
  ASSERT_EQ(apply.wait_for(20s), std::future_status::ready);
  auto result = apply.get();
  ASSERT_EQ(result.diagnostics_size(), 1) << describe(result.diagnostics());
  const auto& error = result.diagnostics(0);
  EXPECT_EQ(error.severity(), 1);  // ERROR in both versions
  EXPECT_EQ(error.summary(), "Cannot enable SSL on RDS instance db1");
  EXPECT_NE(error.detail().find("Cancelled while"), std::string::npos) << error.detail();
  EXPECT_NE(error.detail().find(
                "Terraform asked the provider to stop (e.g. Ctrl-C); the operation was interrupted."),
            std::string::npos)
      << error.detail();
  EXPECT_NE(error.detail().find("The SSL switch was requested and may still complete on the cloud."),
            std::string::npos)
      << error.detail();
  const Value recorded = unpack(result.new_state().msgpack());
  EXPECT_EQ(recorded, state("db1", false)) << recorded.to_string();
  EXPECT_FALSE(result.private_().empty()) << "the incomplete create must be remembered";

  // The server keeps serving after a stop.
  auto after = this->read(recorded);
  EXPECT_FALSE(has_error(after.diagnostics())) << describe(after.diagnostics());
}

// The work of an RPC whose client went away (here its deadline passed) stops at once:
// without that, the read would be answered after 2 s and the switch sent right after.
TYPED_TEST(GrpcLifecycle, AnApplyWhoseClientGaveUpSendsNothingMore) {
  using P = TypeParam;
  this->start({"--instance", "db1:MySQL:off"});
  this->configure();
  auto planned = this->plan(Value::null(resource_type()), config("db1", true), config("db1", true));
  ASSERT_FALSE(has_error(planned.diagnostics())) << describe(planned.diagnostics());
  // Reads are slow; a switch would be answered (and logged) at once.
  this->sim_->inject_fault({{"kind", "latency"}, {"latency_ms", 2000}, {"count", 10}, {"method", "GET"}});
  const size_t planned_requests = this->sim_->requests().size();

  typename P::Apply::Request request;
  request.set_type_name("rds_instance_ssl");
  request.mutable_prior_state()->set_msgpack(pack(Value::null(resource_type())));
  request.mutable_planned_state()->set_msgpack(planned.planned_state().msgpack());
  request.mutable_config()->set_msgpack(pack(config("db1", true)));
  typename P::Apply::Response response;
  auto status =
      this->stub_->ApplyResourceChange(rds::testing::PluginProcess::context(500ms).get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);

  // The abandoned read is logged when its slow answer leaves the sim: a provider that went on would send
  // the switch right then. A later read through the same provider, itself 2 s slow, is the event after
  // which that switch would be in the log.
  ASSERT_TRUE(rds::testing::eventually([&] { return this->sim_->requests().size() > planned_requests; }));
  auto sentinel = this->read(state("db1", false));
  EXPECT_FALSE(has_error(sentinel.diagnostics())) << describe(sentinel.diagnostics());
  ASSERT_EQ(this->sim_->requests().size(), planned_requests + 2) << this->sim_->requests().dump(1);
  int puts = 0;
  for (const auto& logged : this->sim_->requests()) puts += logged.value("method", "") == "PUT" ? 1 : 0;
  EXPECT_EQ(puts, 0) << this->sim_->requests().dump(1);
  EXPECT_FALSE(this->sim_->instance("db1").at("enable_ssl").template get<bool>());
}

}  // namespace
}  // namespace rds::resources
