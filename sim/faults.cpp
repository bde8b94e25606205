#include "sim/faults.h"

#include <algorithm>
#include <stdexcept>

#include "sim/http_util.h"

namespace rds::sim {

namespace {

bool equals_ignore_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](char x, char y) { return std::toupper(x) == std::toupper(y); });
}

FaultKind parse_kind(const std::string& kind) {
  if (kind == "status") return FaultKind::status;
  if (kind == "retry_after") return FaultKind::retry_after;
  if (kind == "malformed") return FaultKind::malformed;
  if (kind == "latency") return FaultKind::latency;
  if (kind == "drop") return FaultKind::drop;
  if (kind == "job_failure") return FaultKind::job_failure;
  if (kind == "huge_body") return FaultKind::huge_body;
  if (kind == "endless_body") return FaultKind::endless_body;
  if (kind == "deep_json") return FaultKind::deep_json;
  if (kind == "paging") return FaultKind::paging;
  throw std::invalid_argument(
      "kind must be one of status, retry_after, malformed, latency, drop, job_failure, huge_body, "
      "endless_body, "
      "deep_json, paging; got \"" +
      kind + "\"");
}

PagingLie parse_paging(const std::string& lie) {
  for (auto candidate : {PagingLie::low_total, PagingLie::overlap, PagingLie::empty_id,
                         PagingLie::duplicate_id, PagingLie::endless})
    if (to_string(candidate) == lie) return candidate;
  throw std::invalid_argument(
      "paging must be one of low_total, overlap, empty_id, duplicate_id, endless; got \"" + lie + "\"");
}

int int_field(const nlohmann::json& body, const char* name, int fallback, int min, int max) {
  if (!body.contains(name)) return fallback;
  const auto& v = body[name];
  if (!v.is_number_integer() || v.get<long long>() < min || v.get<long long>() > max) {
    throw std::invalid_argument(std::string(name) + " must be an integer between " + std::to_string(min) +
                                " and " + std::to_string(max));
  }
  return v.get<int>();
}

double number_field(const nlohmann::json& body, const char* name, double fallback, double min, double max) {
  if (!body.contains(name)) return fallback;
  const auto& v = body[name];
  if (!v.is_number() || v.get<double>() < min || v.get<double>() > max) {
    throw std::invalid_argument(std::string(name) + " must be a number between " + std::to_string(min) +
                                " and " + std::to_string(max));
  }
  return v.get<double>();
}

std::string string_field(const nlohmann::json& body, const char* name, std::string fallback) {
  if (!body.contains(name)) return fallback;
  if (!body[name].is_string()) throw std::invalid_argument(std::string(name) + " must be a string");
  return body[name].get<std::string>();
}

}  // namespace

bool Fault::matches(const std::string& request_method, const std::string& request_path) const {
  if (kind == FaultKind::job_failure) return false;
  if (!method.empty() && !equals_ignore_case(method, request_method)) return false;
  return path_contains.empty() || request_path.find(path_contains) != std::string::npos;
}

std::string to_string(FaultKind kind) {
  switch (kind) {
    case FaultKind::status:
      return "status";
    case FaultKind::retry_after:
      return "retry_after";
    case FaultKind::malformed:
      return "malformed";
    case FaultKind::latency:
      return "latency";
    case FaultKind::drop:
      return "drop";
    case FaultKind::job_failure:
      return "job_failure";
    case FaultKind::huge_body:
      return "huge_body";
    case FaultKind::endless_body:
      return "endless_body";
    case FaultKind::deep_json:
      return "deep_json";
    case FaultKind::paging:
      return "paging";
  }
  return "unknown";
}

std::string to_string(PagingLie lie) {
  switch (lie) {
    case PagingLie::low_total:
      return "low_total";
    case PagingLie::overlap:
      return "overlap";
    case PagingLie::empty_id:
      return "empty_id";
    case PagingLie::duplicate_id:
      return "duplicate_id";
    case PagingLie::endless:
      return "endless";
  }
  return "unknown";
}

Fault parse_fault(const nlohmann::json& body) {
  if (!body.is_object()) throw std::invalid_argument("the fault must be a JSON object");
  if (!body.contains("kind")) throw std::invalid_argument("kind is required");
  reject_unknown_fields(
      body, {"kind", "count", "status", "error_code", "error_msg", "legacy_body", "retry_after", "latency_ms",
             "method", "path_contains", "probability", "seconds", "size_mb", "depth", "paging"});
  Fault f;
  f.kind = parse_kind(string_field(body, "kind", ""));
  f.count = int_field(body, "count", 1, 1, 1000000);
  f.status = int_field(body, "status", 500, 400, 599);
  f.error_code = string_field(body, "error_code", f.error_code);
  f.error_msg = string_field(body, "error_msg", "");
  if (body.contains("legacy_body")) {
    if (!body["legacy_body"].is_boolean()) throw std::invalid_argument("legacy_body must be a boolean");
    f.legacy_body = body["legacy_body"].get<bool>();
  }
  f.retry_after = int_field(body, "retry_after", 1, 0, 3600);
  f.latency_ms = int_field(body, "latency_ms", 200, 0, 600000);
  f.size_mb = int_field(body, "size_mb", f.size_mb, 1, 4096);
  f.depth = int_field(body, "depth", f.depth, 1, 10000000);
  if (body.contains("paging")) f.paging = parse_paging(string_field(body, "paging", ""));
  f.method = string_field(body, "method", "");
  f.path_contains = string_field(body, "path_contains", "");
  f.probability = number_field(body, "probability", 1.0, 0.0, 1.0);
  f.seconds = number_field(body, "seconds", 0.0, 0.0, 3600.0);
  if (f.seconds > 0 && f.kind == FaultKind::job_failure)
    throw std::invalid_argument("seconds does not apply to job_failure");
  return f;
}

nlohmann::json to_json(const Fault& f) {
  return {{"kind", to_string(f.kind)},    {"count", f.count},
          {"status", f.status},           {"error_code", f.error_code},
          {"error_msg", f.error_msg},     {"legacy_body", f.legacy_body},
          {"retry_after", f.retry_after}, {"latency_ms", f.latency_ms},
          {"method", f.method},           {"path_contains", f.path_contains},
          {"probability", f.probability}, {"seconds", f.seconds},
          {"size_mb", f.size_mb},         {"depth", f.depth},
          {"paging", to_string(f.paging)}};
}

void FaultQueue::add(Fault fault) {
  if (fault.seconds > 0) {
    fault.until =
        std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                               std::chrono::duration<double>(fault.seconds));
  }
  std::lock_guard lock(mutex_);
  faults_.push_back(std::move(fault));
}

std::optional<Fault> FaultQueue::take(const std::string& method, const std::string& path) {
  std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  std::erase_if(faults_, [&](const Fault& f) { return f.seconds > 0 && now >= f.until; });
  for (auto it = faults_.begin(); it != faults_.end(); ++it) {
    if (!it->matches(method, path)) continue;
    if (it->probability < 1.0 && std::uniform_real_distribution<double>(0.0, 1.0)(random_) >= it->probability)
      continue;
    Fault taken = *it;
    if (it->seconds <= 0 && --it->count <= 0) faults_.erase(it);
    return taken;
  }
  return std::nullopt;
}

bool FaultQueue::take_job_failure() {
  std::lock_guard lock(mutex_);
  for (auto it = faults_.begin(); it != faults_.end(); ++it) {
    if (it->kind != FaultKind::job_failure) continue;
    if (--it->count <= 0) faults_.erase(it);
    return true;
  }
  return false;
}

void FaultQueue::set_seed(std::uint32_t seed) {
  std::lock_guard lock(mutex_);
  seed_ = seed;
  random_.seed(seed);
}

std::uint32_t FaultQueue::seed() const {
  std::lock_guard lock(mutex_);
  return seed_;
}

void FaultQueue::clear() {
  std::lock_guard lock(mutex_);
  faults_.clear();
}

nlohmann::json FaultQueue::pending() const {
  std::lock_guard lock(mutex_);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& f : faults_) list.push_back(to_json(f));
  return list;
}

}  // namespace rds::sim
