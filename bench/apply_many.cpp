#include "bench/apply_many.h"

#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <vector>

#include "tests/support/child_process.h"
#include "tests/support/process_environment.h"
#include "tests/support/sim_process.h"

namespace rds::bench {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

constexpr const char* kTime = "/usr/bin/time";

// What GNU time -v reports for one process (and the children it waited for).
struct TimeReport {
  double cpu_seconds = 0;  // user + system
  long max_rss_kib = 0;
};

double field_after(const std::string& text, const std::string& label) {
  const auto at = text.find(label);
  if (at == std::string::npos)
    throw std::runtime_error("no \"" + label + "\" in /usr/bin/time's report:\n" + text);
  return std::stod(text.substr(at + label.size()));
}

TimeReport read_time_report(const fs::path& file) {
  const std::string text = rds::testing::read_text_file(file);
  return {.cpu_seconds =
              field_after(text, "User time (seconds): ") + field_after(text, "System time (seconds): "),
          .max_rss_kib = static_cast<long>(field_after(text, "Maximum resident set size (kbytes): "))};
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

// What rds-sim served during one command.
struct ApiCalls {
  int puts = 0, single_gets = 0, list_pages = 0, other = 0, throttled = 0;
};

struct Figures {
  double wall_seconds = 0;
  TimeReport terraform;             // includes the provider processes it waited for
  double provider_cpu_seconds = 0;  // summed over every provider process of the command
  long provider_peak_rss_kib = 0;   // the largest of them
  int provider_starts = 0;
  int exit_code = 0;
  ApiCalls calls;
};

class ManyResources {
 public:
  ManyResources(const std::string& provider, const ApplyManyOptions& options, bool batch_reads,
                const fs::path& scratch)
      : dir_(scratch / "apply-many"),
        resources_(options.resources),
        batch_reads_(batch_reads),
        sim_({"--ssl-switch-seconds", "0", "--quiet"}) {
    if (options.rate_limit > 0)
      sim_.admin("POST", "/_admin/rate-limit", {{"rate_limit", options.rate_limit}});
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "plugins");
    if (options.api_latency_ms > 0)
      sim_.inject_fault({{"kind", "latency"}, {"latency_ms", options.api_latency_ms}, {"seconds", 3600}});
    fs::create_directories(dir_ / "times");
    sim_.admin("POST", "/_admin/instances/bulk",
               {{"count", resources_},
                {"prefix", "bench"},
                {"instance", {{"engine", "MySQL"}, {"enable_ssl", false}}}});
    // Terraform runs whatever dev_overrides names; this wrapper runs the provider under GNU time, one
    // report per process (Terraform starts the provider more than once per command).
    const fs::path wrapper = dir_ / "plugins" / "terraform-provider-rds";
    write_file(wrapper, "#!/bin/sh\nexec " + std::string(kTime) + " -v -o '" + (dir_ / "times").string() +
                            "/provider.'$$ '" + provider + "' \"$@\"\n");
    fs::permissions(wrapper, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec);
    write_file(dir_ / "terraformrc", "provider_installation {\n  dev_overrides {\n    \"local/rds\" = \"" +
                                         (dir_ / "plugins").string() + "\"\n  }\n  direct {}\n}\n");
    write_file(dir_ / "main.tf", R"(terraform {
  required_providers {
    rds = { source = "local/rds" }
  }
}
provider "rds" {}
variable "resources" { type = number }
resource "rds_instance_ssl" "bench" {
  count       = var.resources
  instance_id = format("bench-%04d", count.index + 1)
  ssl_enable  = true
}
)");
  }

  Figures terraform(std::vector<std::string> args) {
    for (const auto& old : fs::directory_iterator(dir_ / "times")) fs::remove(old.path());
    auto env = rds::testing::clean_environment();
    env["TF_CLI_CONFIG_FILE"] = (dir_ / "terraformrc").string();
    env["TF_IN_AUTOMATION"] = "1";
    env["CHECKPOINT_DISABLE"] = "1";
    env["TF_VAR_resources"] = std::to_string(resources_);
    env["RDS_ENDPOINT"] = sim_.base_url();
    env["OS_AUTH_URL"] = sim_.auth_url();
    env["OS_PROJECT_ID"] = sim_.project_id();
    env["OS_ACCESS_KEY"] = "sim-ak";
    env["OS_SECRET_KEY"] = "sim-sk";
    env["RDS_BATCH_READS"] = batch_reads_ ? "true" : "false";
    sim_.admin("DELETE", "/_admin/requests");
    const int throttled_before = throttled();
    std::vector<std::string> argv{kTime, "-v", "-o", (dir_ / "terraform.time").string(), "terraform"};
    argv.insert(argv.end(), args.begin(), args.end());
    auto result = rds::testing::run_to_completion({.argv = argv,
                                                   .env = env,
                                                   .cwd = dir_,
                                                   .stdout_to = rds::testing::Output::kFile,
                                                   .stderr_to = rds::testing::Output::kFile,
                                                   .capture_prefix = dir_ / "terraform"},
                                                  30min);
    if (result.timed_out || result.term_signal != 0)
      throw std::runtime_error("terraform did not finish\n" + result.describe());
    Figures figures;
    figures.exit_code = result.exit_code;
    figures.wall_seconds = static_cast<double>(result.elapsed.count()) / 1000.0;
    figures.terraform = read_time_report(dir_ / "terraform.time");
    for (const auto& report : fs::directory_iterator(dir_ / "times")) {
      const TimeReport provider = read_time_report(report.path());
      figures.provider_cpu_seconds += provider.cpu_seconds;
      figures.provider_peak_rss_kib = std::max(figures.provider_peak_rss_kib, provider.max_rss_kib);
      ++figures.provider_starts;
    }
    last_output_ = result.describe();
    figures.calls = api_calls();
    figures.calls.throttled = throttled() - throttled_before;
    return figures;
  }

  ApiCalls api_calls() const {
    ApiCalls calls;
    for (const auto& request : sim_.requests()) {
      const auto path = request["path"].get<std::string>();
      const auto query = request["query"].get<std::string>();
      if (request["method"] == "PUT" && path.ends_with("/ssl")) {
        ++calls.puts;
      } else if (request["method"] == "GET" && path.ends_with("/instances")) {
        ++(query.find("limit=") != std::string::npos ? calls.list_pages : calls.single_gets);
      } else {
        ++calls.other;
      }
    }
    return calls;
  }

  // 429s rds-sim has answered since it started.
  int throttled() const {
    int total = 0;
    const auto stats = sim_.admin("GET", "/_admin/rate-limit");
    for (const auto& entry : stats["routes"].items()) total += entry.value()["throttled"].get<int>();
    return total;
  }

  const std::string& last_output() const { return last_output_; }

 private:
  fs::path dir_;
  int resources_;
  bool batch_reads_;
  rds::testing::SimProcess sim_;
  std::string last_output_;
};

void print(const char* what, const Figures& f, int resources) {
  // /usr/bin/time's figure for Terraform includes the provider processes it started and waited for.
  const double terraform_own = f.terraform.cpu_seconds - f.provider_cpu_seconds;
  std::printf(
      "  %-34s wall %7.2f s   Terraform CPU %6.2f s   provider CPU %5.2f s (%4.1f%% of Terraform's; %.2f ms "
      "per resource)\n",
      what, f.wall_seconds, terraform_own, f.provider_cpu_seconds,
      100.0 * f.provider_cpu_seconds / terraform_own, 1000.0 * f.provider_cpu_seconds / resources);
  std::printf("  %-34s provider peak RSS %.1f MiB   provider processes started: %d\n", "",
              static_cast<double>(f.provider_peak_rss_kib) / 1024.0, f.provider_starts);
  std::printf("  %-34s API calls %d: %d PUT, %d single GET, %d list pages, %d other; %d answered 429\n", "",
              f.calls.puts + f.calls.single_gets + f.calls.list_pages + f.calls.other, f.calls.puts,
              f.calls.single_gets, f.calls.list_pages, f.calls.other, f.calls.throttled);
}

}  // namespace

void bench_apply_many(const std::string& provider, const ApplyManyOptions& options, const fs::path& scratch) {
  std::vector<bool> modes;
  if (options.batch_reads != "on") modes.push_back(false);
  if (options.batch_reads != "off") modes.push_back(true);
  std::printf(
      "terraform apply of %d rds_instance_ssl (each switches SSL on; rds-sim switch time 0, %d ms latency "
      "per "
      "call, rate limit %s; default parallelism), then terraform plan:\n",
      options.resources, options.api_latency_ms,
      options.rate_limit > 0 ? (std::to_string(options.rate_limit) + " calls/s").c_str() : "none");
  for (bool batch_reads : modes) {
    ManyResources bench(provider, options, batch_reads, scratch);
    const Figures apply = bench.terraform({"apply", "-auto-approve", "-input=false", "-no-color"});
    if (apply.exit_code != 0) throw std::runtime_error("terraform apply failed\n" + bench.last_output());
    const Figures plan = bench.terraform({"plan", "-input=false", "-no-color", "-detailed-exitcode"});
    if (plan.exit_code != 0) {
      throw std::runtime_error(std::string(plan.exit_code == 2 ? "the plan after the apply is not empty"
                                                               : "terraform plan failed") +
                               "\n" + bench.last_output());
    }
    std::printf(" batch_reads = %s\n", batch_reads ? "true" : "false");
    print("apply:", apply, options.resources);
    print("plan afterwards (empty: checked):", plan, options.resources);
  }
}

}  // namespace rds::bench
