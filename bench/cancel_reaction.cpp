#include "bench/cancel_reaction.h"

#include <algorithm>
#include <cstdio>
#include <thread>
#include <vector>

#include "client/errors.h"
#include "client/rds_client.h"
#include "tests/support/sim_process.h"

namespace rds::bench {

using namespace std::chrono_literals;

void bench_cancel_reaction(int runs) {
  rds::testing::SimProcess sim({"--instance", "db1:MySQL:off", "--quiet"});
  sim.admin("PATCH", "/_admin/instances/db1", {{"status", "BUILD"}});
  rds::client::ClientConfig config;
  config.endpoint = sim.base_url();
  config.auth_url = sim.auth_url();
  config.project_id = sim.project_id();
  config.token = "sim-token";
  auto client = rds::client::RdsClient::create(config);

  std::vector<std::chrono::microseconds> reactions;
  for (int i = 0; i < runs; ++i) {
    rds::CancelSource cancel;
    std::chrono::steady_clock::time_point cancelled_at;
    std::thread canceller([&] {
      std::this_thread::sleep_for(300ms);  // past the first polls, into a growing poll interval
      cancelled_at = std::chrono::steady_clock::now();
      cancel.cancel();
    });
    try {
      client->wait_until_ready("db1", std::chrono::steady_clock::now() + 60s, cancel.token());
    } catch (const rds::client::CancelledError&) {
    }
    const auto returned = std::chrono::steady_clock::now();
    canceller.join();
    reactions.push_back(std::chrono::duration_cast<std::chrono::microseconds>(returned - cancelled_at));
  }
  std::sort(reactions.begin(), reactions.end());
  auto ms = [](std::chrono::microseconds d) { return d.count() / 1000.0; };
  std::printf("%-44s median %7.2f ms   min %7.2f ms   max %7.2f ms   (%zu runs; target < 100 ms)\n",
              "cancel to wait returning:", ms(reactions[reactions.size() / 2]), ms(reactions.front()),
              ms(reactions.back()), reactions.size());
}

}  // namespace rds::bench
