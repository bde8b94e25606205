// Helpers for the integration tests: an RdsClient configured against a running rds-sim.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "client/rds_client.h"
#include "set_ssl.h"
#include "tests/support/sim_process.h"

namespace rds::client::testing {

enum class Auth { aksk, token, password };

inline ClientConfig sim_config(const rds::testing::SimProcess& sim, Auth auth = Auth::token) {
  ClientConfig config;
  config.endpoint = sim.base_url();
  config.auth_url = sim.auth_url();
  config.project_id = sim.project_id();
  config.cacert_file = sim.ca_file();
  config.connect_timeout = std::chrono::seconds(5);
  config.request_timeout = std::chrono::seconds(10);
  switch (auth) {
    case Auth::aksk:
      config.access_key = "sim-ak";
      config.secret_key = "sim-sk";
      break;
    case Auth::token:
      config.token = "sim-token";
      break;
    case Auth::password:
      config.user_name = "sim-user";
      config.password = "sim-password";
      config.domain_name = "sim-domain";
      break;
  }
  return config;
}

// Short poll intervals and backoff so tests against the real sim stay quick; real clock.
inline std::shared_ptr<RdsClient> sim_client(ClientConfig config) {
  Dependencies deps;
  deps.poll.initial = std::chrono::milliseconds(50);
  deps.poll.cap = std::chrono::milliseconds(200);
  deps.backoff.base = std::chrono::milliseconds(50);
  deps.backoff.cap = std::chrono::milliseconds(200);
  return RdsClient::create(std::move(config), std::move(deps));
}

inline Deadline seconds_from_now(int seconds) {
  return std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
}

// "METHOD path -> status" per logged API request, for readable failure output.
inline std::vector<std::string> request_summary(const rds::testing::SimProcess& sim) {
  std::vector<std::string> out;
  for (const auto& request : sim.requests())
    out.push_back(request.at("method").get<std::string>() + " " + request.at("path").get<std::string>() +
                  " -> " + std::to_string(request.at("status").get<int>()));
  return out;
}

}  // namespace rds::client::testing
