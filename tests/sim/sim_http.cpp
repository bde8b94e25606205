#include "tests/sim/sim_http.h"

#include <gtest/gtest.h>

#include <thread>

#include "tests/sim/test_signer.h"

namespace rds::sim::testing {

std::unique_ptr<httplib::Client> client_for(const rds::testing::SimProcess& sim) {
  auto client = std::make_unique<httplib::Client>(sim.base_url());
  if (!sim.ca_file().empty()) client->set_ca_cert_path(sim.ca_file());
  client->set_keep_alive(true);
  client->set_connection_timeout(5);
  client->set_read_timeout(10);
  return client;
}

httplib::Headers token_headers(const std::string& token) { return {{"X-Auth-Token", token}}; }

std::string target(const std::string& path, const Query& query) {
  std::string q = query_string(query);
  return q.empty() ? path : path + "?" + q;
}

httplib::Headers signed_headers(const rds::testing::SimProcess& sim, const std::string& method,
                                const std::string& path, const Query& query, const std::string& body,
                                const SignOptions& options) {
  const std::string host = sim.base_url().substr(sim.base_url().find("://") + 3);
  const std::string date = sdk_date_now(options.date_offset_seconds);
  SigningRequest req{method,
                     path,
                     query,
                     {{"Host", host}, {"X-Sdk-Date", date}, {"X-Project-Id", options.project_id}},
                     {"host", "x-project-id", "x-sdk-date"},
                     body};
  if (!options.security_token.empty()) {
    req.headers.emplace_back("X-Security-Token", options.security_token);
    req.signed_names.push_back("x-security-token");
  }
  httplib::Headers headers(req.headers.begin(), req.headers.end());
  headers.emplace("Authorization", authorization(req, date, options.access_key, options.secret_key));
  return headers;
}

bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= deadline) return condition();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

nlohmann::json json_of(const httplib::Result& result) {
  if (!result) {
    ADD_FAILURE() << "request failed: " << httplib::to_string(result.error());
    return nullptr;
  }
  auto parsed = nlohmann::json::parse(result->body, nullptr, false);
  if (parsed.is_discarded()) ADD_FAILURE() << "not JSON: " << result->body;
  return parsed;
}

}  // namespace rds::sim::testing
