// Per-RPC cost of the provider over gRPC with mutual TLS (the harness, as Terraform connects), against
// rds-sim with an SSL switch time of 0, next to the time of the same API calls made directly.
#pragma once

#include <string>

namespace rds::bench {

// For GetProviderSchema, PlanResourceChange, ApplyResourceChange and ReadResource (protocol 6), `calls`
// times each: p50/p99 of the RPC's wall time seen by the client, the provider's CPU time per call, the API
// calls it made, and p50/p99 of the same API calls made by an in-process RdsClient against the same sim,
// so that "RPC minus API" is the provider's own overhead. Also the provider's peak RSS afterwards.
// `api_latency_ms` > 0 makes rds-sim answer every API call that much later (a latency fault), as a
// cloud API does, to show whether the provider spends CPU while it waits.
void bench_rpc_overhead(const std::string& provider, int calls, int api_latency_ms);

}  // namespace rds::bench
