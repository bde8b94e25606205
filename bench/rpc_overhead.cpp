#include "bench/rpc_overhead.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <stdexcept>
#include <vector>

#include "bench/provider_launch.h"
#include "bench/stats.h"
#include "client/rds_client.h"
#include "provider/config/provider_schema.h"
#include "provider/core/msgpack.h"
#include "provider/resources/instance_ssl_schema.h"
#include "tests/harness/plugin_process.h"
#include "tests/support/sim_process.h"

namespace rds::bench {
namespace {

using namespace std::chrono_literals;
using rds::core::Type;
using rds::core::Value;
using Clock = std::chrono::steady_clock;

const Type& resource_type() {
  static const Type type = rds::resources::instance_ssl::schema().value_type();
  return type;
}

std::string pack(const Value& value, const Type& type = resource_type()) {
  return rds::core::encode_msgpack(value, type);
}

Value config(const std::string& instance_id, bool ssl_enable) {
  return Value::object(resource_type(), {{"instance_id", Value::string(instance_id)},
                                         {"ssl_enable", Value::boolean(ssl_enable)}});
}

template <class Diagnostics>
void require_no_error(const char* rpc, const grpc::Status& status, const Diagnostics& diagnostics) {
  if (!status.ok()) throw std::runtime_error(std::string(rpc) + " failed: " + status.error_message());
  for (const auto& d : diagnostics) {
    if (d.severity() == 1)
      throw std::runtime_error(std::string(rpc) + ": " + d.summary() + ": " + d.detail());
  }
}

long peak_rss_kib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  }
  return -1;
}

// Wall and provider CPU time of each call of one RPC, and the API requests the sim saw.
struct RpcFigures {
  std::vector<double> wall_ms, cpu_ms;
  std::vector<double> api_ms;  // the same API calls made directly, when the RPC makes any
  size_t api_requests = 0;
};

class RpcBench {
 public:
  RpcBench(const std::string& provider, int api_latency_ms)
      : sim_({"--instance", std::string(kInstance) + ":MySQL:off", "--ssl-switch-seconds", "0", "--quiet"}) {
    rds::testing::PluginOptions options;
    options.binary = provider;
    options.protocol_versions = {6};
    plugin_ = std::make_unique<rds::testing::PluginProcess>(options);
    stub_ = plugin_->v6();
    configure();

    rds::client::ClientConfig client_config;
    client_config.endpoint = sim_.base_url();
    client_config.auth_url = sim_.auth_url();
    client_config.project_id = sim_.project_id();
    client_config.access_key = "sim-ak";
    client_config.secret_key = "sim-sk";
    direct_ = rds::client::RdsClient::create(client_config);
    if (api_latency_ms > 0) {
      sim_.inject_fault({{"kind", "latency"}, {"latency_ms", api_latency_ms}, {"seconds", 3600}});
    }
    api_latency_ms_ = api_latency_ms;
  }

  // Times `call` (one RPC) and the provider's CPU time during it.
  void time_rpc(RpcFigures& figures, const std::function<void()>& call) {
    const auto cpu_before = cpu_time(plugin_->pid());
    const auto started = Clock::now();
    call();
    const auto wall = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started);
    figures.wall_ms.push_back(millis(wall));
    figures.cpu_ms.push_back(millis(cpu_time(plugin_->pid()) - cpu_before));
  }

  void time_api(RpcFigures& figures, const std::function<void()>& call) {
    const auto started = Clock::now();
    call();
    figures.api_ms.push_back(
        millis(std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started)));
  }

  // API requests the sim logged since the last call. (Not /_admin/reset: that would also clear the
  // latency fault.)
  size_t api_requests_since_last_count() {
    const size_t logged = sim_.requests().size();
    const size_t since = logged - requests_counted_;
    requests_counted_ = logged;
    return since;
  }

  void run(int calls) {
    std::map<std::string, RpcFigures> figures;
    // The provider's first calls pay one-time costs (connection set-up, lazy initialisation): warm up.
    for (int i = 0; i < 3; ++i) {
      get_provider_schema();
      cycle(i % 2 == 0);
    }
    api_requests_since_last_count();
    for (int i = 0; i < calls; ++i) time_rpc(figures["GetProviderSchema"], [&] { get_provider_schema(); });
    figures["GetProviderSchema"].api_requests = api_requests_since_last_count();

    for (int i = 0; i < calls; ++i) {
      const bool wanted = i % 2 == 0;  // every apply really switches SSL
      const Value proposed = current_.with_attr("ssl_enable", Value::boolean(wanted));
      tfplugin6::PlanResourceChange::Response planned;
      time_rpc(figures["PlanResourceChange"], [&] { planned = plan(proposed, config(kInstance, wanted)); });
      figures["PlanResourceChange"].api_requests += api_requests_since_last_count();
      time_rpc(figures["ApplyResourceChange"],
               [&] { current_ = apply(planned.planned_state().msgpack(), wanted); });
      figures["ApplyResourceChange"].api_requests += api_requests_since_last_count();
      time_rpc(figures["ReadResource"], [&] { current_ = read(); });
      figures["ReadResource"].api_requests += api_requests_since_last_count();
    }

    // The same API work, made directly with the same client library against the same sim.
    for (int i = 0; i < calls; ++i) {
      time_api(figures["ReadResource"], [&] { direct_->get_instance(kInstance); });
      time_api(figures["PlanResourceChange"], [&] { direct_->get_instance(kInstance); });
      const bool wanted = i % 2 == 0;
      time_api(figures["ApplyResourceChange"], [&] {
        rds::client::SslChange change;
        const auto deadline = direct_->clock().now() + 30s;
        direct_->set_ssl(kInstance, wanted, deadline, rds::CancelToken(), change);
        if (change.accepted) direct_->wait_until_ssl(kInstance, wanted, deadline, rds::CancelToken());
      });
    }

    std::printf(
        "per-RPC cost over gRPC + mutual TLS (protocol 6, harness client), rds-sim switch time 0, %d calls "
        "each, %d ms added to every API answer:\n",
        calls, api_latency_ms_);
    std::printf("  %-20s %9s %9s %11s %8s %9s %9s %15s\n", "RPC", "p50 ms", "p99 ms", "CPU/call", "API/call",
                "API p50", "API p99", "p50 - API p50");
    for (const char* rpc :
         {"GetProviderSchema", "PlanResourceChange", "ApplyResourceChange", "ReadResource"}) {
      const RpcFigures& f = figures[rpc];
      const Samples wall(f.wall_ms), cpu(f.cpu_ms), api(f.api_ms);
      const double per_call = static_cast<double>(f.api_requests) / static_cast<double>(calls);
      std::printf("  %-20s %9.3f %9.3f %8.3f ms %8.1f %9.3f %9.3f %12.3f ms\n", rpc, wall.median(),
                  wall.percentile(99), cpu.median(), per_call, api.median(), api.percentile(99),
                  wall.median() - api.median());
    }
    std::printf("  provider peak RSS (VmHWM) after these calls: %.1f MiB\n",
                static_cast<double>(peak_rss_kib(plugin_->pid())) / 1024.0);
  }

 private:
  static constexpr const char* kInstance = "bench1";

  void configure() {
    const Type provider_type = rds::config::provider_schema().value_type();
    tfplugin6::ConfigureProvider::Request request;
    request.set_terraform_version("1.11.4");
    request.mutable_config()->set_msgpack(
        pack(Value::object(provider_type, {{"endpoint", Value::string(sim_.base_url())},
                                           {"project_id", Value::string(sim_.project_id())},
                                           {"access_key", Value::string("sim-ak")},
                                           {"secret_key", Value::string("sim-sk")}}),
             provider_type));
    tfplugin6::ConfigureProvider::Response response;
    auto status = stub_->ConfigureProvider(rds::testing::PluginProcess::context().get(), request, &response);
    require_no_error("ConfigureProvider", status, response.diagnostics());
    // The state as after an import: everything the provider fills from the API.
    tfplugin6::ImportResourceState::Request import;
    import.set_type_name("rds_instance_ssl");
    import.set_id(kInstance);
    tfplugin6::ImportResourceState::Response imported;
    status = stub_->ImportResourceState(rds::testing::PluginProcess::context().get(), import, &imported);
    require_no_error("ImportResourceState", status, imported.diagnostics());
    if (imported.imported_resources_size() != 1)
      throw std::runtime_error("ImportResourceState imported nothing");
    current_ = rds::core::decode_msgpack(imported.imported_resources(0).state().msgpack(), resource_type())
                   .with_attr("disable_on_destroy", Value::boolean(false));
  }

  void get_provider_schema() {
    tfplugin6::GetProviderSchema::Request request;
    tfplugin6::GetProviderSchema::Response response;
    auto status = stub_->GetProviderSchema(rds::testing::PluginProcess::context().get(), request, &response);
    require_no_error("GetProviderSchema", status, response.diagnostics());
  }

  tfplugin6::PlanResourceChange::Response plan(const Value& proposed, const Value& cfg) {
    tfplugin6::PlanResourceChange::Request request;
    request.set_type_name("rds_instance_ssl");
    request.mutable_prior_state()->set_msgpack(pack(current_));
    request.mutable_proposed_new_state()->set_msgpack(pack(proposed));
    request.mutable_config()->set_msgpack(pack(cfg));
    tfplugin6::PlanResourceChange::Response response;
    auto status = stub_->PlanResourceChange(rds::testing::PluginProcess::context().get(), request, &response);
    require_no_error("PlanResourceChange", status, response.diagnostics());
    return response;
  }

  Value apply(const std::string& planned_msgpack, bool wanted) {
    tfplugin6::ApplyResourceChange::Request request;
    request.set_type_name("rds_instance_ssl");
    request.mutable_prior_state()->set_msgpack(pack(current_));
    request.mutable_planned_state()->set_msgpack(planned_msgpack);
    request.mutable_config()->set_msgpack(pack(config(kInstance, wanted)));
    tfplugin6::ApplyResourceChange::Response response;
    auto status =
        stub_->ApplyResourceChange(rds::testing::PluginProcess::context(30s).get(), request, &response);
    require_no_error("ApplyResourceChange", status, response.diagnostics());
    return rds::core::decode_msgpack(response.new_state().msgpack(), resource_type());
  }

  Value read() {
    tfplugin6::ReadResource::Request request;
    request.set_type_name("rds_instance_ssl");
    request.mutable_current_state()->set_msgpack(pack(current_));
    tfplugin6::ReadResource::Response response;
    auto status = stub_->ReadResource(rds::testing::PluginProcess::context().get(), request, &response);
    require_no_error("ReadResource", status, response.diagnostics());
    return rds::core::decode_msgpack(response.new_state().msgpack(), resource_type());
  }

  void cycle(bool wanted) {
    const auto planned =
        plan(current_.with_attr("ssl_enable", Value::boolean(wanted)), config(kInstance, wanted));
    current_ = apply(planned.planned_state().msgpack(), wanted);
    current_ = read();
  }

  rds::testing::SimProcess sim_;
  std::unique_ptr<rds::testing::PluginProcess> plugin_;
  std::unique_ptr<tfplugin6::Provider::Stub> stub_;
  std::shared_ptr<rds::client::RdsClient> direct_;
  Value current_ = Value::null(resource_type());
  int api_latency_ms_ = 0;
  size_t requests_counted_ = 0;
};

}  // namespace

void bench_rpc_overhead(const std::string& provider, int calls, int api_latency_ms) {
  RpcBench(provider, api_latency_ms).run(calls);
}

}  // namespace rds::bench
