// The fixture of the rds_instance_ssl tests over real gRPC (mutual TLS, protocol 5 and 6): starts a real
// rds-sim and the built terraform-provider-rds, and sends the provider's RPCs with msgpack values of the
// resource's schema. Used by grpc_lifecycle_test.cpp, grpc_plan_test.cpp and grpc_upgrade_import_test.cpp.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "provider/config/provider_schema.h"
#include "provider/core/msgpack.h"
#include "provider/resources/instance_ssl_schema.h"
#include "tests/harness/plugin_process.h"
#include "tests/protocol/version_traits.h"
#include "tests/resources/sim_instance_state.h"
#include "tests/support/sim_process.h"

namespace rds::resources::grpc_lifecycle {

using namespace std::chrono_literals;
using rds::core::Type;
using rds::core::Value;

inline const Type& resource_type() {
  static const Type type = instance_ssl::schema().value_type();
  return type;
}
inline const Type& provider_type() {
  static const Type type = rds::config::provider_schema().value_type();
  return type;
}

inline std::string pack(const Value& value, const Type& type = resource_type()) {
  return rds::core::encode_msgpack(value, type);
}
inline Value unpack(const std::string& bytes) { return rds::core::decode_msgpack(bytes, resource_type()); }

inline Value config(const std::string& instance_id, bool ssl_enable, bool disable_on_destroy = false) {
  std::map<std::string, Value> attributes{{"instance_id", Value::string(instance_id)},
                                          {"ssl_enable", Value::boolean(ssl_enable)}};
  if (disable_on_destroy) attributes["disable_on_destroy"] = Value::boolean(true);
  return Value::object(resource_type(), std::move(attributes));
}

inline Value state(const std::string& instance_id, bool ssl_enable, bool disable_on_destroy = false) {
  return sim_instance_state(instance_id, ssl_enable, disable_on_destroy);
}

template <class Diagnostics>
std::string describe(const Diagnostics& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) out += d.summary() + ": " + d.detail() + "\n";
  return out;
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

}  // namespace rds::resources::grpc_lifecycle
