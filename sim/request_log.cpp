#include "sim/request_log.h"

namespace rds::sim {

void RequestLog::note_connection(const std::string& remote) {
  std::lock_guard lock(mutex_);
  remotes_.insert(remote);
}

void RequestLog::record(LoggedRequest entry) {
  std::lock_guard lock(mutex_);
  if (requests_.size() >= kMaxEntries)
    requests_.erase(requests_.begin(), requests_.begin() + kMaxEntries / 10);
  requests_.push_back(std::move(entry));
}

void RequestLog::clear() {
  std::lock_guard lock(mutex_);
  requests_.clear();
  remotes_.clear();
}

std::size_t RequestLog::connections() const {
  std::lock_guard lock(mutex_);
  return remotes_.size();
}

nlohmann::json RequestLog::to_json() const {
  std::lock_guard lock(mutex_);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& r : requests_) {
    nlohmann::json entry = {{"method", r.method},         {"path", r.path},    {"query", r.query},
                            {"status", r.status},         {"auth", r.auth},    {"time", r.time},
                            {"request_id", r.request_id}, {"remote", r.remote}};
    if (!r.fault.empty()) entry["fault"] = r.fault;
    list.push_back(std::move(entry));
  }
  return {{"requests", list}};
}

}  // namespace rds::sim
