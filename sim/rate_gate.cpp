#include "sim/rate_gate.h"

#include <sstream>
#include <vector>

namespace rds::sim {
namespace {

std::vector<std::string> segments(const std::string& path) {
  std::vector<std::string> parts;
  std::stringstream stream(path);
  for (std::string part; std::getline(stream, part, '/');)
    if (!part.empty()) parts.push_back(part);
  return parts;
}

bool is_iam(const std::vector<std::string>& parts) {
  return parts.size() >= 2 && parts[0] == "v3" && (parts[1] == "auth" || parts[1] == "projects");
}

}  // namespace

std::string RateGate::route_of(const std::string& method, const std::string& path) {
  auto parts = segments(path);
  if (!is_iam(parts)) {
    if (parts.size() >= 2) parts[1] = "{project_id}";
    if (parts.size() >= 4 && parts[2] == "instances") parts[3] = "{instance_id}";
  }
  std::string route = method + " ";
  for (const auto& part : parts) route += "/" + part;
  return route;
}

void RateGate::set_limit(double per_second) {
  std::lock_guard lock(mutex_);
  limit_ = per_second > 0 ? per_second : 0;
}

double RateGate::limit() const {
  std::lock_guard lock(mutex_);
  return limit_;
}

bool RateGate::throttle(const std::string& method, const std::string& path, TimePoint now) {
  const auto parts = segments(path);
  const std::string key = is_iam(parts) || parts.size() < 2 ? "iam" : parts[1];
  std::lock_guard lock(mutex_);
  Counts& counts = routes_[route_of(method, path)];
  ++counts.calls;
  if (limit_ <= 0) return false;
  auto& recent = recent_[key];
  while (!recent.empty() && recent.front() <= now - std::chrono::seconds(1)) recent.pop_front();
  if (static_cast<double>(recent.size()) >= limit_) {
    ++counts.throttled;
    return true;
  }
  recent.push_back(now);
  return false;
}

nlohmann::json RateGate::stats() const {
  std::lock_guard lock(mutex_);
  nlohmann::json routes = nlohmann::json::object();
  for (const auto& [route, counts] : routes_)
    routes[route] = {{"calls", counts.calls}, {"throttled", counts.throttled}};
  return {{"rate_limit", limit_}, {"routes", routes}};
}

}  // namespace rds::sim
