// Benchmarks of terraform-provider-rds. They print figures and assert nothing; ctest does not run them.
// docs/PERFORMANCE.md has the figures, the targets and the commands that reproduced them.
//
//   build/bench/rds_bench [--provider PATH] [--vs PATH] [--runs N] [--calls N] [--api-latency MS]
//                         [--resources N]
//                         [--only startup|rpc|apply|cancel[,...]]
//
// startup: exec to the handshake line with AutoMTLS, as Terraform starts a provider: median, p10/p90,
//          min/max, RSS and CPU time at the handshake; with --vs, another provider binary side by side
//          (e.g. hashicorp/aws from the local plugin mirror) and the ratio of the medians.
// rpc:     GetProviderSchema, PlanResourceChange, ApplyResourceChange and ReadResource over gRPC with
//          mutual TLS against rds-sim (switch time 0): p50/p99, provider CPU per call, and the same API
//          calls made directly, so the provider's own overhead shows.
// apply:   real `terraform apply` of --resources (default 1000) resources against rds-sim, then
//          `terraform plan` (must be empty): wall, Terraform's and the provider's CPU, provider peak RSS.
// cancel:  time from a cancel (what StopProvider does) to a polling wait of the API client returning.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>

#include "bench/apply_many.h"
#include "bench/cancel_reaction.h"
#include "bench/rpc_overhead.h"
#include "bench/startup.h"
#include "tests/support/process_environment.h"

namespace {

struct Options {
  std::string provider = RDS_BENCH_PROVIDER_PATH;
  std::string vs;
  int runs = 21;
  int calls = 200;
  int resources = 1000;
  int api_latency_ms = 0;
  int rate_limit = 0;
  std::string batch_reads = "both";
  std::set<std::string> only;  // empty: every section

  bool wants(const std::string& section) const { return only.empty() || only.count(section) > 0; }
};

// A private temporary directory, removed with everything in it at the end.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "rds-bench-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

int usage(const char* program) {
  std::fprintf(
      stderr,
      "usage: %s [--provider PATH] [--vs PATH] [--runs N] [--calls N] [--api-latency MS] [--resources N]\n"
      "          [--only startup|rpc|apply|cancel[,...]]\n"
      "  --provider PATH  the provider binary to measure (default: this build's %s)\n"
      "  --vs PATH        another provider binary to start side by side in the start-up section\n"
      "  --runs N         starts per binary in the start-up section (default 21)\n"
      "  --calls N        calls per RPC in the rpc section (default 200)\n"
      "  --api-latency MS rds-sim answers every API call MS later in the rpc and apply sections (default 0)\n"
      "  --resources N    resources in the apply section (default 1000)\n"
      "  --rate-limit N   rds-sim throttles at N calls per second in the apply section (default: none)\n"
      "  --batch-reads on|off|both  the provider's batch_reads in the apply section (default both)\n",
      program, RDS_BENCH_PROVIDER_PATH);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--help" || arg == "-h") {
      usage(argv[0]);
      return 0;
    } else if (arg == "--provider" && has_value) {
      options.provider = argv[++i];
    } else if (arg == "--vs" && has_value) {
      options.vs = argv[++i];
    } else if (arg == "--runs" && has_value) {
      options.runs = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--calls" && has_value) {
      options.calls = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--resources" && has_value) {
      options.resources = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--api-latency" && has_value) {
      options.api_latency_ms = std::max(0, std::atoi(argv[++i]));
    } else if (arg == "--rate-limit" && has_value) {
      options.rate_limit = std::max(0, std::atoi(argv[++i]));
    } else if (arg == "--batch-reads" && has_value) {
      options.batch_reads = argv[++i];
      if (options.batch_reads != "on" && options.batch_reads != "off" && options.batch_reads != "both")
        return usage(argv[0]);
    } else if (arg == "--only" && has_value) {
      std::stringstream list(argv[++i]);
      for (std::string section; std::getline(list, section, ',');) {
        if (section != "startup" && section != "rpc" && section != "apply" && section != "cancel")
          return usage(argv[0]);
        options.only.insert(section);
      }
    } else {
      return usage(argv[0]);
    }
  }
  // Absolute: the binaries are started with the scratch directory as their working directory.
  options.provider = std::filesystem::absolute(options.provider).string();
  if (!options.vs.empty()) options.vs = std::filesystem::absolute(options.vs).string();
  try {
    ScratchDir scratch;
    if (options.wants("startup"))
      rds::bench::bench_startup(options.provider, options.vs, scratch.path(), options.runs);
    if (options.wants("rpc"))
      rds::bench::bench_rpc_overhead(options.provider, options.calls, options.api_latency_ms);
    if (options.wants("cancel")) rds::bench::bench_cancel_reaction(10);
    if (options.wants("apply")) {
      if (rds::testing::find_on_path("terraform").empty()) {
        std::printf("terraform apply: skipped (terraform is not on PATH)\n");
      } else {
        rds::bench::bench_apply_many(options.provider,
                                     {.resources = options.resources,
                                      .api_latency_ms = options.api_latency_ms,
                                      .rate_limit = options.rate_limit,
                                      .batch_reads = options.batch_reads},
                                     scratch.path());
      }
    }
  } catch (const std::exception& error) {
    std::fprintf(stderr, "benchmark failed: %s\n", error.what());
    return 1;
  }
  return 0;
}
