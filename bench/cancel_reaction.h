// How fast a cancel (Terraform's StopProvider) ends a wait of the RDS API client, for the benchmarks.
#pragma once

namespace rds::bench {

// Holds an rds-sim instance in BUILD so that wait_until_ready polls, cancels it after a moment, and
// prints the median, min and max time from cancel() to the wait returning, over `runs` runs.
// The target: within 100 ms. Tests only prove that a cancel ends the wait early.
void bench_cancel_reaction(int runs);

}  // namespace rds::bench
