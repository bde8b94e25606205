// Start-up to the handshake line, as Terraform starts a provider (AutoMTLS on), for our binary and,
// side by side in the same run, any other provider binary.
#pragma once

#include <filesystem>
#include <string>

namespace rds::bench {

// Starts each binary `runs` times (interleaved, after one unmeasured warm-up start each), and prints per
// binary the median, p10/p90 and min/max time from exec to the handshake line, the median RSS and CPU
// time at that moment, and how many times slower `vs` is. `vs` empty: only `provider`.
void bench_startup(const std::string& provider, const std::string& vs, const std::filesystem::path& scratch,
                   int runs);

}  // namespace rds::bench
