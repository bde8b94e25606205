// An RdsClient wired to a FakeTransport and FakeClock, with logs captured.
#pragma once

#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "client/rds_client.h"
#include "fakes.h"
#include "set_ssl.h"

namespace rds::client::testing {

struct ClientHarness {
  std::shared_ptr<FakeTransport> transport = std::make_shared<FakeTransport>();
  std::shared_ptr<FakeClock> clock = std::make_shared<FakeClock>();
  std::vector<std::tuple<LogLevel, std::string, LogFields>> logs;
  double jitter = 0.0;  // random01 for backoff: 0 => half the nominal delay

  static ClientConfig token_config() {
    ClientConfig config;
    config.endpoint = "https://rds.example.test";
    config.project_id = "p1";
    config.token = "static-token-secret";
    return config;
  }

  std::shared_ptr<RdsClient> make(ClientConfig config = token_config()) {
    config.log = [this](LogLevel level, std::string_view message, const LogFields& fields) {
      logs.emplace_back(level, std::string(message), fields);
    };
    Dependencies deps;
    deps.transport = transport;
    deps.clock = clock;
    deps.random = [this] { return jitter; };
    return RdsClient::create(std::move(config), std::move(deps));
  }

  Deadline in(std::chrono::milliseconds from_now) { return clock->now() + from_now; }

  // Every log message and field value, to check that no secret leaks.
  std::string all_logged_text() const {
    std::string text;
    for (const auto& [level, message, fields] : logs) {
      text += message + "\n";
      for (const auto& [key, value] : fields) text += key + "=" + value + "\n";
    }
    return text;
  }
};

}  // namespace rds::client::testing
