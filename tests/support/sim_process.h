#pragma once
// SimProcess: runs the real rds-sim (build/bin/rds-sim) as a child process for one test.
//
//   rds::testing::SimProcess sim({"--instance", "db1:MySQL:off", "--job-mode"});
//   client_config.endpoint = sim.base_url();          // http://127.0.0.1:PORT
//   client_config.auth_url = sim.auth_url();          // base_url + "/v3"
//   sim.admin("POST", "/_admin/faults", {{"kind", "status"}, {"status", 503}});
//
// The sim is started with "--port 0" and the given arguments (later flags win). The constructor waits
// at most 10 s for the URL line(s) and throws std::runtime_error otherwise. The destructor stops the sim
// (SIGTERM, then SIGKILL after 5 s) even when the test failed; if the test process dies without running
// destructors, the kernel sends the sim SIGTERM (PR_SET_PDEATHSIG, bound to the thread that started it,
// so create SimProcess on a thread that outlives it, e.g. the test's own). The sim's stderr (one line per
// request; pass "--quiet" to silence) goes to the test's stderr.
#include <sys/types.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "tests/support/child_process.h"

namespace rds::testing {

// Path of the rds-sim executable built alongside the tests.
std::string rds_sim_path();

class SimProcess {
 public:
  explicit SimProcess(std::vector<std::string> extra_args = {});
  ~SimProcess();
  SimProcess(const SimProcess&) = delete;
  SimProcess& operator=(const SimProcess&) = delete;

  // "http://127.0.0.1:PORT", or "https://localhost:PORT" with --tls. Serves RDS and IAM alike.
  const std::string& base_url() const { return base_url_; }
  // IAM base including /v3 (ClientConfig::auth_url).
  std::string auth_url() const { return base_url_ + "/v3"; }
  // The CA certificate to trust with --tls; empty otherwise.
  const std::string& ca_file() const { return ca_file_; }
  // The project the sim serves (--project-id, default sim-project).
  const std::string& project_id() const { return project_id_; }
  int port() const { return port_; }
  pid_t pid() const { return child_->pid(); }

  // Calls the admin API ("GET", "POST", "PATCH", "DELETE", "PUT" on e.g. "/_admin/instances"). `body`
  // null sends no body. Returns the parsed JSON answer (null for an empty one, e.g. 204). Throws
  // std::runtime_error naming the call, the HTTP status and the answer on a non-2xx or transport error.
  nlohmann::json admin(const std::string& method, const std::string& path,
                       const nlohmann::json& body = nullptr) const;

  // Convenience wrappers over admin().
  nlohmann::json add_instance(const nlohmann::json& instance) const;  // POST /_admin/instances
  nlohmann::json instance(const std::string& id) const;               // GET /_admin/instances/{id}
  void inject_fault(const nlohmann::json& fault) const;               // POST /_admin/faults
  nlohmann::json requests() const;                                    // GET /_admin/requests → the array
  // Whether the log holds a GET of instances after the first PUT .../ssl: a switch was sent, and its
  // result is being polled.
  bool polled_after_a_switch() const;
  int connections() const;  // GET /_admin/connections → accepted
  void reset() const;       // POST /_admin/reset

  // Sends `signal_number` to the sim (e.g. SIGTERM) without waiting.
  void signal(int signal_number) const;
  // Waits for the sim to exit; its wait status (as from waitpid), or nullopt on timeout.
  std::optional<int> wait_exit(std::chrono::milliseconds timeout);
  // SIGTERM, wait up to 5 s, then SIGKILL. Idempotent; the destructor calls it.
  void stop();

 private:
  void read_announcement(bool tls);

  std::unique_ptr<ChildProcess> child_;
  std::string base_url_;
  std::string ca_file_;
  std::string project_id_ = "sim-project";
  int port_ = 0;
};

}  // namespace rds::testing
