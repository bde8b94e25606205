#pragma once
// The simulated cloud: RDS instances, their in-flight SSL switches and the jobs that report them.
// All state sits behind one mutex. Timed transitions are applied lazily from the injected monotonic
// clock whenever the state is read, so no background thread is needed and tests can step time.
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "sim/clock.h"

namespace rds::sim {

// What a seed file, an --instance flag or POST /_admin/instances asks for. Unset fields get defaults.
struct InstanceSpec {
  std::string id;                // empty => generated
  std::string name;              // empty => "rds-" + first 8 characters of the id
  std::string engine = "MySQL";  // datastore.type: MySQL | PostgreSQL | SQLServer
  std::string engine_version;    // empty => 8.0 / 14 / 2019_SE by engine
  std::string status = "ACTIVE";
  std::string type = "Single";             // Single | Ha | Replica (any case; shown as spelled here)
  std::optional<bool> enable_ssl = false;  // nullopt => field absent, like old API versions
  int port = 0;                            // 0 => 3306 / 5432 / 1433 by engine
  std::optional<std::vector<std::string>> private_ips;  // nullopt => one unique 192.168.x.y
  std::vector<std::string> public_ips;                  // empty => no EIP bound
};

struct SslSwitch {
  bool target = false;
  MonoTime done_at;
  std::string job_id;  // empty outside job mode
  bool fails = false;  // an injected job failure: enable_ssl keeps its value, the job ends Failed
};

struct Instance {
  std::string id, name, status, type, engine, engine_version, region;
  std::optional<bool> enable_ssl;
  int port = 0;
  std::vector<std::string> private_ips, public_ips;
  std::string created, updated;          // RDS timestamps
  std::optional<MonoTime> status_until;  // a temporary status reverts to ACTIVE at this time
  std::optional<SslSwitch> ssl_switch;   // an SSL switch in progress
};

struct Job {
  std::string id, name, instance_id, instance_name, status;  // status: Running | Completed | Failed
  std::string created, ended;
  MonoTime done_at;
  bool fails = false;
};

// Admin changes to an instance; unset members are left alone.
struct InstancePatch {
  std::optional<std::string> name;
  std::optional<std::string> status;
  std::optional<double> status_seconds;           // with status: revert to ACTIVE after this long
  std::optional<std::optional<bool>> enable_ssl;  // out-of-band flip (or removal of the field)
  // Ends the SSL switch in progress now, as if its time were up (its job too), so that a test decides
  // exactly when a switch ends relative to what the provider does; without a switch in progress the
  // patch is refused.
  bool finish_ssl_switch = false;
};

struct SimSettings {
  double ssl_switch_seconds = 2.0;
  bool job_mode = false;
  // GET .../ssl-cert/download-link exists (false: it answers 404 like a cloud without the API).
  bool cert_links = true;
};

enum class SslSwitchResult { started, not_found, unsupported_engine, busy };

struct SslSwitchOutcome {
  SslSwitchResult result = SslSwitchResult::not_found;
  Instance instance;  // the instance as it was when asked (when found)
  std::optional<std::string> job_id;
};

class SimState {
 public:
  explicit SimState(Clocks clocks = {}, std::string region = "eu-de");

  SimSettings settings() const;
  void set_settings(const SimSettings& settings);

  // Adds an instance; throws std::invalid_argument when the id is taken or a field is unusable.
  Instance add_instance(const InstanceSpec& spec);
  // Adds all of them or, when one id is taken (also twice in `specs`) or unusable, none.
  std::vector<Instance> add_instances(const std::vector<InstanceSpec>& specs);
  bool remove_instance(const std::string& id);
  std::optional<Instance> patch_instance(const std::string& id, const InstancePatch& patch);

  std::vector<Instance> instances();  // in creation order
  std::optional<Instance> instance(const std::string& id);

  // PUT .../ssl: refuses a missing instance, a non-MySQL engine, and a busy instance (status not ACTIVE
  // or a switch already in progress); otherwise starts a switch that completes after ssl_switch_seconds.
  // `fails` is asked only when the switch starts: true makes it end Failed (an injected job failure).
  SslSwitchOutcome start_ssl_switch(
      const std::string& id, bool enabled, const std::function<bool()>& fails = [] { return false; });

  std::optional<Job> job(const std::string& id);

 private:
  void advance_locked();
  // An instance from `spec` with defaults filled in; checks the fields but not the id's uniqueness.
  Instance make_instance(const InstanceSpec& spec) const;

  Clocks clocks_;
  std::string region_;
  mutable std::mutex mutex_;
  SimSettings settings_;
  std::vector<Instance> instances_;
  std::map<std::string, Job> jobs_;
  int next_private_ip_ = 10;
};

}  // namespace rds::sim
