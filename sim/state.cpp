#include "sim/state.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "sim/http_util.h"

namespace rds::sim {

namespace {

bool equals_ignore_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](char x, char y) { return std::tolower(x) == std::tolower(y); });
}

// Canonical spelling of a datastore type, so "mysql" from a flag is shown as the cloud shows it.
std::string canonical_engine(const std::string& engine) {
  for (const char* known : {"MySQL", "PostgreSQL", "SQLServer"}) {
    if (equals_ignore_case(engine, known)) return known;
  }
  return engine;
}

std::string default_version(const std::string& engine) {
  if (engine == "PostgreSQL") return "14";
  if (engine == "SQLServer") return "2019_SE";
  return "8.0";
}

// The instance types the RDS API knows, spelled as it spells them.
std::string canonical_type(const std::string& type) {
  for (const char* known : {"Single", "Ha", "Replica"}) {
    if (equals_ignore_case(type, known)) return known;
  }
  throw std::invalid_argument("type must be Single, Ha or Replica, got \"" + type + "\"");
}

int default_port(const std::string& engine) {
  if (engine == "PostgreSQL") return 5432;
  if (engine == "SQLServer") return 1433;
  return 3306;
}

}  // namespace

SimState::SimState(Clocks clocks, std::string region)
    : clocks_(std::move(clocks)), region_(std::move(region)) {}

SimSettings SimState::settings() const {
  std::lock_guard lock(mutex_);
  return settings_;
}

void SimState::set_settings(const SimSettings& settings) {
  std::lock_guard lock(mutex_);
  settings_ = settings;
}

Instance SimState::make_instance(const InstanceSpec& spec) const {
  if (spec.engine.empty()) throw std::invalid_argument("engine must not be empty");
  if (spec.status.empty()) throw std::invalid_argument("status must not be empty");
  if (spec.port < 0 || spec.port > 65535) throw std::invalid_argument("port must be between 0 and 65535");
  Instance inst;
  inst.id = spec.id.empty() ? new_instance_id() : spec.id;
  if (inst.id.find('/') != std::string::npos) throw std::invalid_argument("id must not contain '/'");
  inst.name = spec.name.empty() ? "rds-" + inst.id.substr(0, 8) : spec.name;
  inst.engine = canonical_engine(spec.engine);
  inst.engine_version = spec.engine_version.empty() ? default_version(inst.engine) : spec.engine_version;
  inst.status = spec.status;
  inst.type = canonical_type(spec.type);
  inst.enable_ssl = spec.enable_ssl;
  inst.port = spec.port == 0 ? default_port(inst.engine) : spec.port;
  inst.private_ips = spec.private_ips.value_or(std::vector<std::string>{});
  inst.public_ips = spec.public_ips;
  inst.region = region_;
  inst.created = inst.updated = rds_timestamp(clocks_.wall());
  return inst;
}

Instance SimState::add_instance(const InstanceSpec& spec) { return add_instances({spec}).front(); }

std::vector<Instance> SimState::add_instances(const std::vector<InstanceSpec>& specs) {
  std::vector<Instance> added;
  for (const auto& spec : specs) added.push_back(make_instance(spec));

  std::lock_guard lock(mutex_);
  std::set<std::string> ids;
  for (const auto& existing : instances_) ids.insert(existing.id);
  for (const auto& inst : added) {
    if (!ids.insert(inst.id).second) {
      throw std::invalid_argument("an instance with id " + inst.id + " already exists");
    }
  }
  for (std::size_t i = 0; i < added.size(); ++i) {
    // Generated private IPs are handed out in order so they stay unique within one sim.
    if (!specs[i].private_ips) {
      const int n = next_private_ip_++;
      added[i].private_ips = {"192.168." + std::to_string(n / 250) + "." + std::to_string(n % 250 + 1)};
    }
    instances_.push_back(added[i]);
  }
  return added;
}

bool SimState::remove_instance(const std::string& id) {
  std::lock_guard lock(mutex_);
  auto it = std::find_if(instances_.begin(), instances_.end(), [&](const Instance& i) { return i.id == id; });
  if (it == instances_.end()) return false;
  instances_.erase(it);
  return true;
}

std::optional<Instance> SimState::patch_instance(const std::string& id, const InstancePatch& patch) {
  std::lock_guard lock(mutex_);
  advance_locked();
  auto it = std::find_if(instances_.begin(), instances_.end(), [&](const Instance& i) { return i.id == id; });
  if (it == instances_.end()) return std::nullopt;
  if (patch.finish_ssl_switch) {
    if (!it->ssl_switch) throw std::invalid_argument("instance " + id + " has no SSL switch in progress");
    it->ssl_switch->done_at = clocks_.mono();
    if (auto job = jobs_.find(it->ssl_switch->job_id); job != jobs_.end())
      job->second.done_at = clocks_.mono();
    advance_locked();
  }
  if (patch.name) it->name = *patch.name;
  if (patch.status) {
    it->status = *patch.status;
    it->status_until.reset();
    if (patch.status_seconds) it->status_until = clocks_.mono() + seconds_to_duration(*patch.status_seconds);
  }
  if (patch.enable_ssl) it->enable_ssl = *patch.enable_ssl;
  it->updated = rds_timestamp(clocks_.wall());
  return *it;
}

std::vector<Instance> SimState::instances() {
  std::lock_guard lock(mutex_);
  advance_locked();
  return instances_;
}

std::optional<Instance> SimState::instance(const std::string& id) {
  std::lock_guard lock(mutex_);
  advance_locked();
  for (const auto& inst : instances_) {
    if (inst.id == id) return inst;
  }
  return std::nullopt;
}

SslSwitchOutcome SimState::start_ssl_switch(const std::string& id, bool enabled,
                                            const std::function<bool()>& fails) {
  std::lock_guard lock(mutex_);
  advance_locked();
  SslSwitchOutcome outcome;
  auto it = std::find_if(instances_.begin(), instances_.end(), [&](const Instance& i) { return i.id == id; });
  if (it == instances_.end()) return outcome;  // not_found
  outcome.instance = *it;
  if (it->engine != "MySQL") {
    outcome.result = SslSwitchResult::unsupported_engine;
    return outcome;
  }
  if (it->status != "ACTIVE" || it->ssl_switch) {
    outcome.result = SslSwitchResult::busy;
    return outcome;
  }
  const bool will_fail = fails();
  SslSwitch sw;
  sw.target = enabled;
  sw.done_at = clocks_.mono() + seconds_to_duration(settings_.ssl_switch_seconds);
  sw.fails = will_fail;
  if (settings_.job_mode) {
    Job job;
    job.id = new_uuid();
    job.name = "ConfigureSSL";
    job.instance_id = it->id;
    job.instance_name = it->name;
    job.status = "Running";
    job.created = rds_timestamp(clocks_.wall());
    job.done_at = sw.done_at;
    job.fails = will_fail;
    sw.job_id = job.id;
    outcome.job_id = job.id;
    jobs_[job.id] = job;
  }
  it->ssl_switch = sw;
  outcome.result = SslSwitchResult::started;
  // A zero-length switch is done at once, so the next read already shows the new value.
  advance_locked();
  return outcome;
}

std::optional<Job> SimState::job(const std::string& id) {
  std::lock_guard lock(mutex_);
  advance_locked();
  auto it = jobs_.find(id);
  if (it == jobs_.end()) return std::nullopt;
  return it->second;
}

void SimState::advance_locked() {
  const MonoTime now = clocks_.mono();
  for (auto& inst : instances_) {
    if (inst.status_until && now >= *inst.status_until) {
      inst.status = "ACTIVE";
      inst.status_until.reset();
      inst.updated = rds_timestamp(clocks_.wall());
    }
    if (inst.ssl_switch && now >= inst.ssl_switch->done_at) {
      if (!inst.ssl_switch->fails) inst.enable_ssl = inst.ssl_switch->target;
      inst.ssl_switch.reset();
      inst.updated = rds_timestamp(clocks_.wall());
    }
  }
  for (auto& [id, job] : jobs_) {
    if (job.status == "Running" && now >= job.done_at) {
      job.status = job.fails ? "Failed" : "Completed";
      job.ended = rds_timestamp(clocks_.wall());
    }
  }
}

}  // namespace rds::sim
