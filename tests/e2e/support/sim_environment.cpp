#include "tests/e2e/support/sim_environment.h"

#include <httplib.h>
#include <signal.h>

#include <sstream>
#include <stdexcept>

namespace rds::testing {
namespace {

std::string seconds_text(double seconds) {
  std::ostringstream text;
  text << seconds;
  return text.str();
}

std::vector<std::string> sim_args(const SimOptions& options) {
  std::vector<std::string> args{"--ssl-switch-seconds", seconds_text(options.ssl_switch_seconds)};
  if (options.job_mode) args.push_back("--job-mode");
  if (options.quiet) args.push_back("--quiet");
  args.insert(args.end(), options.extra_args.begin(), options.extra_args.end());
  return args;
}

}  // namespace

SimEnvironment::SimEnvironment(SimOptions options)
    : options_(std::move(options)), sim_(std::make_unique<SimProcess>(sim_args(options_))) {}

void SimEnvironment::restart_losing_state() {
  const int port = sim_->port();
  sim_->signal(SIGKILL);
  sim_->wait_exit(std::chrono::seconds(5));
  sim_.reset();
  SimOptions same_port = options_;
  same_port.extra_args.insert(same_port.extra_args.end(), {"--port", std::to_string(port)});
  sim_ = std::make_unique<SimProcess>(sim_args(same_port));
}

Environment SimEnvironment::provider_env() const {
  // The sim serves RDS and IAM from one base URL; the credentials are its documented defaults.
  return {{"RDS_ENDPOINT", sim_->base_url()}, {"OS_AUTH_URL", sim_->base_url() + "/v3"},
          {"OS_REGION_NAME", "eu-de"},        {"OS_PROJECT_ID", "sim-project"},
          {"OS_ACCESS_KEY", "sim-ak"},        {"OS_SECRET_KEY", "sim-sk"}};
}

void SimEnvironment::add_instance(const std::string& id, bool ssl_enabled, const std::string& engine) {
  std::string version = engine == "MySQL" ? "8.0" : engine == "PostgreSQL" ? "14" : "2019_SE";
  sim_->admin("POST", "/_admin/instances",
              {{"id", id},
               {"name", "e2e-" + id},
               {"engine", engine},
               {"engine_version", version},
               {"status", "ACTIVE"},
               {"enable_ssl", ssl_enabled}});
}

void SimEnvironment::add_instances(const nlohmann::json& instances) {
  sim_->admin("POST", "/_admin/instances/bulk", {{"instances", instances}});
}

void SimEnvironment::delete_instance(const std::string& id) {
  sim_->admin("DELETE", "/_admin/instances/" + id);
}

bool SimEnvironment::instance_exists(const std::string& id) const {
  try {
    sim_->admin("GET", "/_admin/instances/" + id);
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

bool SimEnvironment::ssl_enabled(const std::string& id) const {
  auto instance = sim_->admin("GET", "/_admin/instances/" + id);
  return instance.at("enable_ssl").get<bool>();
}

void SimEnvironment::flip_ssl_out_of_band(const std::string& id, bool enabled) {
  sim_->admin("PATCH", "/_admin/instances/" + id, {{"enable_ssl", enabled}});
}

void SimEnvironment::hold_status(const std::string& id, const std::string& status, double seconds) {
  sim_->admin("PATCH", "/_admin/instances/" + id, {{"status", status}, {"status_seconds", seconds}});
}

void SimEnvironment::set_ssl_switch_seconds(double seconds) {
  sim_->admin("POST", "/_admin/config", {{"ssl_switch_seconds", seconds}});
}

bool SimEnvironment::ssl_switch_in_progress(const std::string& id) const {
  return sim_->admin("GET", "/_admin/instances/" + id).at("ssl_switch_in_progress").get<bool>();
}

void SimEnvironment::finish_ssl_switch(const std::string& id) {
  sim_->admin("PATCH", "/_admin/instances/" + id, {{"finish_ssl_switch", true}});
}

void SimEnvironment::inject_fault(const nlohmann::json& fault) {
  sim_->admin("POST", "/_admin/faults", fault);
}

int SimEnvironment::start_switch_like_the_console(const std::string& id, bool enabled) {
  httplib::Client client(sim_->base_url());
  const nlohmann::json body = {{"ssl_option", enabled}};
  auto result = client.Put("/v3/" + sim_->project_id() + "/instances/" + id + "/ssl",
                           httplib::Headers{{"X-Auth-Token", "sim-token"}}, body.dump(), "application/json");
  if (!result) throw std::runtime_error("console PUT failed: " + httplib::to_string(result.error()));
  return result->status;
}

void SimEnvironment::add_instance_without_enable_ssl(const std::string& id) {
  sim_->admin("POST", "/_admin/instances",
              {{"id", id},
               {"name", "e2e-" + id},
               {"engine", "MySQL"},
               {"status", "ACTIVE"},
               {"enable_ssl", nullptr}});
}

int SimEnvironment::accepted_switches() const {
  int count = 0;
  for (const auto& request : requests()) {
    const int status = request.value("status", 0);
    if (request.value("method", "") == "PUT" && request.value("path", "").ends_with("/ssl") &&
        status >= 200 && status < 300) {
      ++count;
    }
  }
  return count;
}

int SimEnvironment::faulted_requests(const std::string& kind) const {
  int count = 0;
  for (const auto& request : requests()) count += request.value("fault", "") == kind ? 1 : 0;
  return count;
}

int SimEnvironment::refused_switches() const {
  int count = 0;
  for (const auto& request : requests()) {
    if (request.value("method", "") == "PUT" && request.value("path", "").ends_with("/ssl") &&
        request.value("status", 0) == 409) {
      ++count;
    }
  }
  return count;
}

nlohmann::json SimEnvironment::requests() const { return sim_->admin("GET", "/_admin/requests")["requests"]; }

int SimEnvironment::count_requests(const std::string& method, const std::string& path_part) const {
  int count = 0;
  for (const auto& request : requests()) {
    if (request.value("method", "") == method &&
        request.value("path", "").find(path_part) != std::string::npos) {
      ++count;
    }
  }
  return count;
}

}  // namespace rds::testing
