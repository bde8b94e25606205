// The rds_instance_ssl lifecycle (configure, validate, plan, apply, read, import, upgrade, destroy, stop)
// driven over real gRPC with mutual TLS against the built terraform-provider-rds and a real rds-sim,
// once per protocol version: the same test body runs for tfplugin5 and tfplugin6.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <thread>

#include "provider/core/msgpack.h"
#include "provider/resources/instance_ssl_schema.h"
#include "provider/resources/provider_schema.h"
#include "tests/harness/plugin_process.h"
#include "tests/protocol/version_traits.h"
#include "tests/support/eventually.h"
#include "tests/support/sim_process.h"

namespace rds::resources {
namespace {

using namespace std::chrono_literals;
using rds::core::Type;
using rds::core::Value;

const Type& resource_type() {
  static const Type type = instance_ssl::schema().value_type();
  return type;
}
const Type& provider_type() {
  static const Type type = provider_schema().value_type();
  return type;
}

std::string pack(const Value& value, const Type& type = resource_type()) {
  return rds::core::encode_msgpack(value, type);
}
Value unpack(const std::string& bytes) { return rds::core::decode_msgpack(bytes, resource_type()); }

Value config(const std::string& instance_id, bool ssl_enable, bool disable_on_destroy = false) {
  std::map<std::string, Value> attributes{{"instance_id", Value::string(instance_id)},
                                          {"ssl_enable", Value::boolean(ssl_enable)}};
  if (disable_on_destroy) attributes["disable_on_destroy"] = Value::boolean(true);
  return Value::object(resource_type(), std::move(attributes));
}

// As rds-sim reports a MySQL instance: named "rds-" + the first 8 characters of its id, version 8.0.
Value state(const std::string& instance_id, bool ssl_enable, bool disable_on_destroy = false) {
  return Value::object(resource_type(), {{"id", Value::string(instance_id)},
                                         {"instance_id", Value::string(instance_id)},
                                         {"ssl_enable", Value::boolean(ssl_enable)},
                                         {"disable_on_destroy", Value::boolean(disable_on_destroy)},
                                         {"name", Value::string("rds-" + instance_id.substr(0, 8))},
                                         {"instance_name", Value::string("rds-" + instance_id.substr(0, 8))},
                                         {"engine", Value::string("MySQL")},
                                         {"engine_version", Value::string("8.0")}});
}

template <class Diagnostics>
std::string describe(const Diagnostics& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) out += d.summary() + ": " + d.detail() + "\n";
  return out;
}

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

template <class Diagnostics>
bool has_error(const Diagnostics& diagnostics) {
  for (const auto& d : diagnostics) {
    if (d.severity() == 1) return true;  // ERROR in both versions
  }
  return false;
}

template <class P>
class GrpcLifecycle : public ::testing::Test {
 protected:
  void start(std::vector<std::string> sim_args) {
    sim_args.insert(sim_args.end(), {"--quiet"});
    sim_ = std::make_unique<rds::testing::SimProcess>(std::move(sim_args));
    const std::string binary = rds::testing::provider_binary_path();
    ASSERT_FALSE(binary.empty()) << "this build has no terraform-provider-rds";
    rds::testing::PluginOptions options;
    options.binary = binary;
    options.protocol_versions = {P::kVersion};
    plugin_ = std::make_unique<rds::testing::PluginProcess>(options);
    ASSERT_EQ(plugin_->protocol_version(), P::kVersion);
    stub_ = plugin_->template stub<P>();
  }

  void configure() {
    typename P::Configure::Request request;
    request.set_terraform_version("1.11.4");
    request.mutable_config()->set_msgpack(pack(provider_config(), provider_type()));
    typename P::Configure::Response response;
    ASSERT_TRUE(P::configure(*stub_, rds::testing::PluginProcess::context().get(), request, &response).ok());
    ASSERT_FALSE(has_error(response.diagnostics())) << describe(response.diagnostics());
  }

  Value provider_config() const {
    return Value::object(provider_type(), {{"endpoint", Value::string(sim_->base_url())},
                                           {"project_id", Value::string(sim_->project_id())},
                                           {"access_key", Value::string("sim-ak")},
                                           {"secret_key", Value::string("sim-sk")}});
  }

  typename P::Plan::Response plan(const Value& prior, const Value& proposed, const Value& cfg) {
    typename P::Plan::Request request;
    request.set_type_name("rds_instance_ssl");
    request.mutable_prior_state()->set_msgpack(pack(prior));
    request.mutable_proposed_new_state()->set_msgpack(pack(proposed));
    request.mutable_config()->set_msgpack(pack(cfg));
    typename P::Plan::Response response;
    EXPECT_TRUE(
        stub_->PlanResourceChange(rds::testing::PluginProcess::context().get(), request, &response).ok());
    return response;
  }

  typename P::Plan::Response plan_msgpack(const std::string& prior, const std::string& proposed,
                                          const std::string& cfg) {
    typename P::Plan::Request request;
    request.set_type_name("rds_instance_ssl");
    request.mutable_prior_state()->set_msgpack(prior);
    request.mutable_proposed_new_state()->set_msgpack(proposed);
    request.mutable_config()->set_msgpack(cfg);
    typename P::Plan::Response response;
    EXPECT_TRUE(
        stub_->PlanResourceChange(rds::testing::PluginProcess::context().get(), request, &response).ok());
    return response;
  }

  typename P::Upgrade::Response upgrade(std::int64_t version, const std::string& json) {
    typename P::Upgrade::Request request;
    request.set_type_name("rds_instance_ssl");
    request.set_version(version);
    request.mutable_raw_state()->set_json(json);
    typename P::Upgrade::Response response;
    EXPECT_TRUE(
        stub_->UpgradeResourceState(rds::testing::PluginProcess::context().get(), request, &response).ok());
    return response;
  }

  typename P::Import::Response import(const std::string& id) {
    typename P::Import::Request request;
    request.set_type_name("rds_instance_ssl");
    request.set_id(id);
    typename P::Import::Response response;
    EXPECT_TRUE(
        stub_->ImportResourceState(rds::testing::PluginProcess::context().get(), request, &response).ok());
    return response;
  }

  // True once the sim has logged a GET after the first PUT .../ssl: the apply sent its switch and is
  // polling for the result.
  bool waiting_after_the_put() const {
    bool put_seen = false;
    for (const auto& request : sim_->requests()) {
      const std::string path = request.value("path", "");
      if (request.value("method", "") == "PUT" && path.find("/ssl") != std::string::npos) put_seen = true;
      if (put_seen && request.value("method", "") == "GET" && path.find("/instances") != std::string::npos)
        return true;
    }
    return false;
  }

  typename P::Apply::Response apply(const Value& prior, const std::string& planned_msgpack, const Value& cfg,
                                    std::chrono::milliseconds deadline = 30s) {
    typename P::Apply::Request request;
    request.set_type_name("rds_instance_ssl");
    request.mutable_prior_state()->set_msgpack(pack(prior));
    request.mutable_planned_state()->set_msgpack(planned_msgpack);
    request.mutable_config()->set_msgpack(pack(cfg));
    typename P::Apply::Response response;
    EXPECT_TRUE(
        stub_->ApplyResourceChange(rds::testing::PluginProcess::context(deadline).get(), request, &response)
            .ok());
    return response;
  }

  typename P::Read::Response read(const Value& current) {
    typename P::Read::Request request;
    request.set_type_name("rds_instance_ssl");
    request.mutable_current_state()->set_msgpack(pack(current));
    typename P::Read::Response response;
    EXPECT_TRUE(stub_->ReadResource(rds::testing::PluginProcess::context().get(), request, &response).ok());
    return response;
  }

  std::unique_ptr<rds::testing::SimProcess> sim_;
  std::unique_ptr<rds::testing::PluginProcess> plugin_;
  std::unique_ptr<typename P::Stub> stub_;
};

using Protocols = ::testing::Types<rds::testing::V5, rds::testing::V6>;
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
  ASSERT_TRUE(rds::testing::eventually([&] { return this->waiting_after_the_put(); }))
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
