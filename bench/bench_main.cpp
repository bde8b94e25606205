// Benchmarks of terraform-provider-rds. They print figures and assert nothing; ctest does not run them.
//
//   build/bench/rds_bench [--runs N]
//
// 1. start-up: time from exec to the handshake line, median (and min/max) over N runs, with plain gRPC
//    and with AutoMTLS (a client certificate as Terraform passes one);
// 2. memory: resident set size at idle after one GetProviderSchema call;
// 3. cancel: time from a cancel (what StopProvider does) to a polling wait of the API client returning;
// 4. apply: wall time of `terraform apply` of 20 rds_instance_ssl resources against rds-sim.
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <future>
#include <iostream>
#include <thread>

#include "bench/cancel_reaction.h"
#include "bench/provider_launch.h"
#include "tests/e2e/support/sim_environment.h"
#include "tests/e2e/support/terraform_workspace.h"

namespace rds::bench {
namespace {

using namespace std::chrono_literals;
using rds::testing::TerraformWorkspace;

double millis(std::chrono::microseconds duration) { return duration.count() / 1000.0; }

void print_spread(const char* label, std::vector<std::chrono::microseconds> samples) {
  std::sort(samples.begin(), samples.end());
  std::printf("%-44s median %7.2f ms   min %7.2f ms   max %7.2f ms   (%zu runs)\n", label,
              millis(samples[samples.size() / 2]), millis(samples.front()), millis(samples.back()),
              samples.size());
}

void bench_startup(const std::filesystem::path& scratch, int runs) {
  std::string client_cert = make_client_certificate(scratch);
  std::vector<std::chrono::microseconds> plain, mtls;
  for (int i = 0; i < runs; ++i) {
    plain.push_back(launch_provider(scratch, "").time_to_handshake);
    if (!client_cert.empty()) mtls.push_back(launch_provider(scratch, client_cert).time_to_handshake);
  }
  print_spread("start-up to handshake, plain gRPC:", plain);
  if (mtls.empty()) {
    std::printf("start-up to handshake, AutoMTLS: skipped (no openssl CLI to make a client certificate)\n");
  } else {
    print_spread("start-up to handshake, AutoMTLS:", mtls);
  }
}

// Calls /tfplugin6.Provider/GetProviderSchema with an empty request (the message has no fields), through
// gRPC's generic stub so the benchmark needs no generated code.
size_t get_provider_schema(const std::string& target) {
  auto channel = grpc::CreateChannel(target, grpc::InsecureChannelCredentials());
  grpc::GenericStub stub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + 10s);
  grpc::ByteBuffer request, response;
  grpc::Slice empty("");
  request = grpc::ByteBuffer(&empty, 1);
  std::promise<grpc::Status> done;
  stub.UnaryCall(&context, "/tfplugin6.Provider/GetProviderSchema", grpc::StubOptions(), &request, &response,
                 [&done](grpc::Status status) { done.set_value(status); });
  auto status = done.get_future().get();
  if (!status.ok()) throw std::runtime_error("GetProviderSchema failed: " + status.error_message());
  return response.Length();
}

void bench_memory(const std::filesystem::path& scratch) {
  auto provider = launch_provider(scratch, "");
  std::string target = (provider.network == "unix" ? "unix:" : "") + provider.address;
  long before = resident_kib(provider.process->pid());
  size_t schema_bytes = get_provider_schema(target);
  std::this_thread::sleep_for(500ms);  // let it settle to idle
  long after = resident_kib(provider.process->pid());
  std::printf("%-44s %7.1f MiB (%.1f MiB right after the handshake; schema %zu bytes)\n",
              "RSS at idle after GetProviderSchema:", after / 1024.0, before / 1024.0, schema_bytes);
}

void bench_apply(int resources) {
  rds::testing::SimOptions options;
  options.quiet = true;
  rds::testing::SimEnvironment sim(options);
  TerraformWorkspace workspace(sim.provider_env());
  std::string config;
  for (int i = 1; i <= resources; ++i) {
    std::string id = "mysql-" + std::to_string(i);
    sim.add_instance(id, false);
    config += "resource \"rds_instance_ssl\" \"r" + std::to_string(i) + "\" {\n  instance_id = \"" + id +
              "\"\n  ssl_enable  = true\n}\n";
  }
  workspace.write_config(config);
  auto apply = workspace.terraform({"apply", "-auto-approve", "-input=false"}, 300s);
  if (!apply.succeeded()) throw std::runtime_error("terraform apply failed\n" + apply.describe());
  auto plan = workspace.terraform({"plan", "-input=false", "-detailed-exitcode"}, 300s);
  if (plan.exit_code != 0)
    throw std::runtime_error("the plan after the apply is not empty\n" + plan.describe());
  std::printf("%-44s %7.2f s  (sim switch 0.3 s each; default parallelism; following plan %.2f s)\n",
              ("terraform apply of " + std::to_string(resources) + " resources:").c_str(),
              apply.elapsed.count() / 1000.0, plan.elapsed.count() / 1000.0);
}

}  // namespace
}  // namespace rds::bench

int main(int argc, char** argv) {
  int runs = 15;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--runs") == 0 && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else {
      std::fprintf(stderr, "usage: %s [--runs N]\n", argv[0]);
      return 2;
    }
  }
  rds::testing::TerraformWorkspace scratch;  // a temp dir that is removed at the end
  try {
    rds::bench::bench_startup(scratch.dir(), runs);
    rds::bench::bench_memory(scratch.dir());
    rds::bench::bench_cancel_reaction(std::min(runs, 10));
    if (rds::testing::terraform_path().empty()) {
      std::printf("terraform apply of 20 resources: skipped (terraform is not on PATH)\n");
    } else {
      rds::bench::bench_apply(20);
    }
  } catch (const std::exception& error) {
    std::fprintf(stderr, "benchmark failed: %s\n", error.what());
    return 1;
  }
  return 0;
}
