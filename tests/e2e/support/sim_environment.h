// An rds-sim for one e2e test, plus the provider settings that point Terraform at it.
//
// Wraps rds::testing::SimProcess (tests/support) with the few admin calls the scenarios use, named after
// what they mean to a user ("flip SSL out of band", "hold the instance busy") rather than the HTTP route.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/child_process.h"
#include "tests/support/sim_process.h"

namespace rds::testing {

struct SimOptions {
  // How long the simulated SSL switch takes. Short by default: the machine has 2 cores shared by many tests.
  double ssl_switch_seconds = 0.3;
  // The sim answers the PUT with a job_id and a job to poll (the Huawei flavour of the API).
  bool job_mode = false;
  // Silences the sim's one-line-per-request log on stderr (tests keep it: it explains failures).
  bool quiet = false;
  // More rds-sim flags, e.g. {"--secret-key", "..."} (see sim/README.md).
  std::vector<std::string> extra_args;
};

class SimEnvironment {
 public:
  explicit SimEnvironment(SimOptions options = {});

  const std::string& base_url() const { return sim_->base_url(); }

  // Environment variables that configure `provider "rds" {}` for this sim with AK/SK credentials.
  Environment provider_env() const;

  void add_instance(const std::string& id, bool ssl_enabled = false, const std::string& engine = "MySQL");
  // Adds instances given as the sim's admin API takes them ({"id","name","engine","type","port",...}),
  // all in one call (POST /_admin/instances/bulk).
  void add_instances(const nlohmann::json& instances);
  void delete_instance(const std::string& id);
  bool instance_exists(const std::string& id) const;
  // The SSL setting the sim's instance has right now (what the API would report).
  bool ssl_enabled(const std::string& id) const;
  // Changes SSL behind Terraform's back, as someone using the console would.
  void flip_ssl_out_of_band(const std::string& id, bool enabled);
  // Keeps the instance in `status` (e.g. "BACKING UP") for `seconds`, then back to ACTIVE.
  void hold_status(const std::string& id, const std::string& status, double seconds);
  void set_ssl_switch_seconds(double seconds);
  // Whether an SSL switch is running on the instance right now.
  bool ssl_switch_in_progress(const std::string& id) const;
  // Ends the running SSL switch now (the test decides when a switch ends relative to Terraform).
  void finish_ssl_switch(const std::string& id);
  // How many PUT .../ssl the sim refused because the instance was busy (e.g. a switch still running).
  int refused_switches() const;
  // Starts an SSL switch through the RDS API itself, as someone in the console would; returns its status.
  int start_switch_like_the_console(const std::string& id, bool enabled);
  // Adds a MySQL instance whose API answer has no enable_ssl field (old API versions).
  void add_instance_without_enable_ssl(const std::string& id);
  // How many PUT .../ssl the sim accepted (answered 2xx): the switches that really started.
  int accepted_switches() const;
  // Queues a fault (see sim/README.md: kind status|retry_after|malformed|latency|drop, count, ...).
  void inject_fault(const nlohmann::json& fault);
  // The request log: [{"method","path","query","status","auth","time"}...].
  nlohmann::json requests() const;
  // How many requests the sim answered with an injected fault of `kind` ("status", "drop", ...): the proof
  // that a fault test's fault fired.
  int faulted_requests(const std::string& kind) const;
  // How many requests matched `method` and had `path_part` in their path.
  int count_requests(const std::string& method, const std::string& path_part) const;

  const SimProcess& process() const { return *sim_; }

  // Kills the sim (SIGKILL) and starts a fresh one on the same port: every instance, switch and token is
  // lost, as when the cloud's API servers restart from scratch.
  void restart_losing_state();

 private:
  SimOptions options_;
  std::unique_ptr<SimProcess> sim_;
};

}  // namespace rds::testing
