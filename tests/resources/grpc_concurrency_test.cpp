// Many RPCs at once at one provider process over the real transport (mutual TLS, protocol 6), with a
// StopProvider while waits are in flight: what Terraform does with -parallelism and Ctrl-C. Under
// ThreadSanitizer (scripts/sanitize.sh) this is the test that would expose a data race in the provider.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "provider/config/provider_schema.h"
#include "provider/core/msgpack.h"
#include "provider/resources/instance_ssl_schema.h"
#include "tests/harness/plugin_process.h"
#include "tests/support/sim_process.h"

namespace rds::resources {
namespace {

using namespace std::chrono_literals;
using rds::core::Type;
using rds::core::Value;

constexpr int kInstances = 32;

const Type& resource_type() {
  static const Type type = instance_ssl::schema().value_type();
  return type;
}

std::string pack(const Value& value, const Type& type = resource_type()) {
  return rds::core::encode_msgpack(value, type);
}

Value config(const std::string& instance_id) {
  return Value::object(resource_type(),
                       {{"instance_id", Value::string(instance_id)}, {"ssl_enable", Value::boolean(true)}});
}

template <class Diagnostics>
std::string describe(const Diagnostics& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) out += d.summary() + ": " + d.detail() + "\n";
  return out;
}

class GrpcConcurrency : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<std::string> args{"--quiet", "--ssl-switch-seconds", "2"};
    for (int i = 0; i < kInstances; ++i) args.insert(args.end(), {"--instance", id(i) + ":MySQL:off"});
    sim_ = std::make_unique<rds::testing::SimProcess>(args);
    rds::testing::PluginOptions options;
    options.binary = rds::testing::provider_binary_path();
    options.protocol_versions = {6};
    plugin_ = std::make_unique<rds::testing::PluginProcess>(options);
    stub_ = plugin_->v6();

    tfplugin6::ConfigureProvider::Request request;
    const Type provider_type = rds::config::provider_schema().value_type();
    request.mutable_config()->set_msgpack(
        pack(Value::object(provider_type, {{"endpoint", Value::string(sim_->base_url())},
                                           {"project_id", Value::string(sim_->project_id())},
                                           {"access_key", Value::string("sim-ak")},
                                           {"secret_key", Value::string("sim-sk")}}),
             provider_type));
    tfplugin6::ConfigureProvider::Response response;
    ASSERT_TRUE(
        stub_->ConfigureProvider(rds::testing::PluginProcess::context().get(), request, &response).ok());
    ASSERT_EQ(response.diagnostics_size(), 0) << describe(response.diagnostics());
  }

  static std::string id(int i) { return "db" + std::to_string(i); }

  // Plan then apply the create of instance `i`; true when both RPCs answered (whatever the diagnostics).
  bool plan_and_apply(int i, std::string& diagnostics) {
    tfplugin6::PlanResourceChange::Request plan;
    plan.set_type_name("rds_instance_ssl");
    plan.mutable_prior_state()->set_msgpack(pack(Value::null(resource_type())));
    plan.mutable_proposed_new_state()->set_msgpack(pack(config(id(i))));
    plan.mutable_config()->set_msgpack(pack(config(id(i))));
    tfplugin6::PlanResourceChange::Response planned;
    if (!stub_->PlanResourceChange(rds::testing::PluginProcess::context(60s).get(), plan, &planned).ok())
      return false;
    tfplugin6::ApplyResourceChange::Request apply;
    apply.set_type_name("rds_instance_ssl");
    apply.mutable_prior_state()->set_msgpack(pack(Value::null(resource_type())));
    apply.mutable_planned_state()->set_msgpack(planned.planned_state().msgpack());
    apply.mutable_config()->set_msgpack(pack(config(id(i))));
    tfplugin6::ApplyResourceChange::Response applied;
    if (!stub_->ApplyResourceChange(rds::testing::PluginProcess::context(60s).get(), apply, &applied).ok())
      return false;
    diagnostics = describe(applied.diagnostics());
    return true;
  }

  // The diagnostics of a read of instance `i`; nullopt when the RPC itself failed.
  std::optional<std::string> read(int i) {
    tfplugin6::ReadResource::Request request;
    request.set_type_name("rds_instance_ssl");
    request.mutable_current_state()->set_msgpack(
        pack(Value::object(resource_type(), {{"id", Value::string(id(i))},
                                             {"instance_id", Value::string(id(i))},
                                             {"ssl_enable", Value::boolean(false)},
                                             {"disable_on_destroy", Value::boolean(false)}})));
    tfplugin6::ReadResource::Response response;
    if (!stub_->ReadResource(rds::testing::PluginProcess::context(60s).get(), request, &response).ok())
      return std::nullopt;
    return describe(response.diagnostics());
  }

  int accepted_switches() const {
    int count = 0;
    for (const auto& request : sim_->requests())
      count += request.value("method", "") == "PUT" && request.value("status", 0) == 200 ? 1 : 0;
    return count;
  }

  std::unique_ptr<rds::testing::SimProcess> sim_;
  std::unique_ptr<rds::testing::PluginProcess> plugin_;
  std::unique_ptr<tfplugin6::Provider::Stub> stub_;
};

TEST_F(GrpcConcurrency, ThirtyTwoParallelApplicationsAndReadsWithAStopInTheMiddle) {
  std::atomic<int> answered{0}, cancelled{0}, succeeded{0}, reads_ok{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kInstances; ++i) {
    threads.emplace_back([&, i] {
      std::string diagnostics;
      if (!plan_and_apply(i, diagnostics)) return;
      ++answered;
      if (diagnostics.empty()) ++succeeded;
      if (diagnostics.find("Cancelled") != std::string::npos) ++cancelled;
    });
    threads.emplace_back([&, i] {
      // A read in flight when the stop comes is cancelled too; any other outcome is a failure.
      const auto diagnostics = read(i);
      if (diagnostics && (diagnostics->empty() || diagnostics->find("Cancelled") != std::string::npos))
        ++reads_ok;
    });
  }
  // Stop once switches are under way: the applies are then waiting for enable_ssl to flip.
  const auto limit = std::chrono::steady_clock::now() + 30s;
  while (accepted_switches() == 0 && std::chrono::steady_clock::now() < limit)
    std::this_thread::sleep_for(20ms);
  tfplugin6::StopProvider::Request stop;
  tfplugin6::StopProvider::Response stopped;
  ASSERT_TRUE(stub_->StopProvider(rds::testing::PluginProcess::context().get(), stop, &stopped).ok());
  EXPECT_EQ(stopped.error(), "");
  for (auto& thread : threads) thread.join();

  EXPECT_EQ(answered.load(), kInstances) << "every apply must answer, cancelled or not";
  EXPECT_EQ(reads_ok.load(), kInstances);
  EXPECT_GT(cancelled.load(), 0) << "the stop came while waits were in flight";
  EXPECT_EQ(succeeded.load() + cancelled.load(), kInstances);

  // The provider keeps serving after a stop, as Terraform expects.
  EXPECT_EQ(read(0), std::optional<std::string>(""));
  EXPECT_EQ(plugin_->shutdown(), std::optional<int>(0)) << "the provider must exit cleanly";
}

}  // namespace
}  // namespace rds::resources
