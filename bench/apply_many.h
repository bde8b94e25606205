// Many resources through the real Terraform CLI: `terraform apply` of N rds_instance_ssl against rds-sim
// (switch time 0), then `terraform plan`, which must be empty; with the provider's reads batched and not
// (batch_reads), rds-sim adding latency to every call and throttling like a gateway when asked.
#pragma once

#include <filesystem>
#include <string>

namespace rds::bench {

// Prints, for the apply and for the plan: wall time, Terraform's CPU time, the provider's CPU time (and
// its share of Terraform's), the provider's peak RSS and how many times Terraform started it. Both
// Terraform and the provider run under /usr/bin/time -v (the provider through a wrapper script that a
// dev_overrides CLI config points Terraform at). Throws if a command fails or the plan is not empty.
// For each command also the API calls by kind (PUTs, single GETs, list pages, other) and the 429s.
struct ApplyManyOptions {
  int resources = 1000;
  int api_latency_ms = 0;            // rds-sim answers every call this much later
  int rate_limit = 0;                // rds-sim --rate-limit (calls per second per project); 0: none
  std::string batch_reads = "both";  // on | off | both (off first, then on, each on a fresh sim)
};
void bench_apply_many(const std::string& provider, const ApplyManyOptions& options,
                      const std::filesystem::path& scratch);

}  // namespace rds::bench
