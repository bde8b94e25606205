#include "tests/support/sim_process.h"

#include <httplib.h>
#include <signal.h>

#include <algorithm>
#include <stdexcept>

namespace rds::testing {

namespace {

constexpr auto kStartTimeout = std::chrono::seconds(10);
constexpr auto kStopTimeout = std::chrono::seconds(5);

std::string flag_value(const std::vector<std::string>& args, const std::string& flag, std::string fallback) {
  for (std::size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == flag) fallback = args[i + 1];  // the last one wins, as in the sim
  }
  return fallback;
}

}  // namespace

std::string rds_sim_path() { return RDS_SIM_PATH; }

SimProcess::SimProcess(std::vector<std::string> extra_args) {
  // Writing to a connection the sim dropped on purpose (the "drop" fault) must fail with EPIPE in the
  // test, not kill it: httplib and some clients send without MSG_NOSIGNAL.
  ::signal(SIGPIPE, SIG_IGN);

  const bool tls = std::find(extra_args.begin(), extra_args.end(), "--tls") != extra_args.end();
  project_id_ = flag_value(extra_args, "--project-id", project_id_);

  std::vector<std::string> argv = {rds_sim_path(), "--port", "0"};
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  // stderr stays the test's: the sim's request log (and why it refused to start) shows in the test output.
  child_ = std::make_unique<ChildProcess>(
      ProcessOptions{.argv = argv, .stderr_to = Output::kInherit, .terminate_with_parent = true});
  try {
    read_announcement(tls);
  } catch (...) {
    stop();
    throw;
  }
}

SimProcess::~SimProcess() { stop(); }

void SimProcess::read_announcement(bool tls) {
  // The sim prints its base URL, then with --tls the CA file, and nothing more on stdout.
  const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  std::vector<std::string> lines;
  while (lines.size() < (tls ? 2u : 1u)) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    auto line = child_->read_stdout_line(left);
    if (line) {
      lines.push_back(*line);
      continue;
    }
    if (!wait_exit(std::chrono::milliseconds(2000))) {
      throw std::runtime_error("SimProcess: rds-sim (" + rds_sim_path() + ") printed no URL within 10 s");
    }
    throw std::runtime_error("SimProcess: rds-sim " + describe_wait_status(*child_->wait_status()) +
                             " before printing its URL (its stderr above says why)");
  }
  base_url_ = lines[0];
  if (tls) ca_file_ = lines[1];
  auto colon = base_url_.rfind(':');
  if (base_url_.rfind("http", 0) != 0 || colon == std::string::npos) {
    throw std::runtime_error("SimProcess: rds-sim printed \"" + base_url_ + "\", not a base URL");
  }
  port_ = std::stoi(base_url_.substr(colon + 1));
}

nlohmann::json SimProcess::admin(const std::string& method, const std::string& path,
                                 const nlohmann::json& body) const {
  httplib::Client client(base_url_);
  if (!ca_file_.empty()) client.set_ca_cert_path(ca_file_);
  client.set_connection_timeout(5);
  client.set_read_timeout(30);
  const std::string payload = body.is_null() ? std::string() : body.dump();
  const char* type = "application/json";
  auto send = [&]() -> httplib::Result {
    if (method == "GET") return client.Get(path);
    if (method == "POST") return client.Post(path, payload, type);
    if (method == "PUT") return client.Put(path, payload, type);
    if (method == "PATCH") return client.Patch(path, payload, type);
    if (method == "DELETE") return client.Delete(path, payload, type);
    throw std::invalid_argument("SimProcess::admin: unsupported method " + method);
  };
  httplib::Result result = send();
  const std::string call = "rds-sim admin " + method + " " + path;
  if (!result) throw std::runtime_error(call + ": " + httplib::to_string(result.error()));
  if (result->status < 200 || result->status > 299) {
    throw std::runtime_error(call + ": HTTP " + std::to_string(result->status) + ": " + result->body);
  }
  if (result->body.empty()) return nullptr;
  auto parsed = nlohmann::json::parse(result->body, nullptr, false);
  if (parsed.is_discarded()) throw std::runtime_error(call + ": answer is not JSON: " + result->body);
  return parsed;
}

nlohmann::json SimProcess::add_instance(const nlohmann::json& instance) const {
  return admin("POST", "/_admin/instances", instance);
}

nlohmann::json SimProcess::instance(const std::string& id) const {
  return admin("GET", "/_admin/instances/" + id);
}

void SimProcess::inject_fault(const nlohmann::json& fault) const { admin("POST", "/_admin/faults", fault); }

nlohmann::json SimProcess::requests() const { return admin("GET", "/_admin/requests").at("requests"); }

bool SimProcess::polled_after_a_switch() const {
  bool put_seen = false;
  for (const auto& request : requests()) {
    const std::string path = request.value("path", "");
    if (request.value("method", "") == "PUT" && path.find("/ssl") != std::string::npos) put_seen = true;
    if (put_seen && request.value("method", "") == "GET" && path.find("/instances") != std::string::npos)
      return true;
  }
  return false;
}

int SimProcess::connections() const { return admin("GET", "/_admin/connections").at("accepted").get<int>(); }

void SimProcess::reset() const { admin("POST", "/_admin/reset"); }

void SimProcess::signal(int signal_number) const { child_->send_signal(signal_number); }

std::optional<int> SimProcess::wait_exit(std::chrono::milliseconds timeout) {
  if (!child_->wait_for_exit(timeout)) return std::nullopt;
  return child_->wait_status();
}

void SimProcess::stop() {
  if (!child_->running()) return;
  child_->send_signal(SIGTERM);
  if (wait_exit(std::chrono::duration_cast<std::chrono::milliseconds>(kStopTimeout))) return;
  child_->send_signal(SIGKILL);
  wait_exit(std::chrono::milliseconds(5000));
}

}  // namespace rds::testing
