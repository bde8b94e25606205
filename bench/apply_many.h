// Many resources through the real Terraform CLI: `terraform apply` of N rds_instance_ssl against rds-sim
// (switch time 0), then `terraform plan`, which must be empty.
#pragma once

#include <filesystem>
#include <string>

namespace rds::bench {

// Prints, for the apply and for the plan: wall time, Terraform's CPU time, the provider's CPU time (and
// its share of Terraform's), the provider's peak RSS and how many times Terraform started it. Both
// Terraform and the provider run under /usr/bin/time -v (the provider through a wrapper script that a
// dev_overrides CLI config points Terraform at). Throws if a command fails or the plan is not empty.
void bench_apply_many(const std::string& provider, int resources, const std::filesystem::path& scratch);

}  // namespace rds::bench
