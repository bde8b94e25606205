#pragma once
// Faults injected through POST /_admin/faults: the next N matching API answers misbehave the way a real
// cloud or the network sometimes does. Faults apply to the RDS and IAM routes only, never to /_admin.
#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <string>

namespace rds::sim {

enum class FaultKind {
  status,       // answer `status` with an error body (error_code / error_msg)
  retry_after,  // answer 429 with a Retry-After header
  malformed,    // answer 200 with a body that is not valid JSON
  latency,      // wait latency_ms, then answer normally
  drop,         // close the connection without answering
  job_failure,  // the next SSL switch ends Failed and leaves enable_ssl unchanged (not an HTTP fault)
  // Hostile answers (sim/hostile_answers.h):
  huge_body,     // answer 200 with a valid JSON body of size_mb MiB, with its Content-Length
  endless_body,  // answer 200 with a chunked body that never ends
  deep_json,     // answer 200 with JSON nesting `depth` arrays
  paging,        // answer a list call normally, then make the page lie as `paging` says
};

// How a `paging` fault makes a page of GET .../instances lie.
enum class PagingLie {
  low_total,     // total_count says half of the truth
  overlap,       // a page after the first starts with the last instance of the page before
  empty_id,      // the first instance has "id": ""
  duplicate_id,  // the second instance has the id of the first
  endless,       // every page is full of instances never seen before, and total_count is left out
};

struct Fault {
  FaultKind kind = FaultKind::status;
  int count = 1;
  int status = 500;
  std::string error_code = "DBS.280000";
  std::string error_msg;     // empty => a message naming the injected fault
  bool legacy_body = false;  // answer {"errCode","externalMessage"} instead of {"error_code","error_msg"}
  int retry_after = 1;
  int latency_ms = 200;
  int size_mb = 32;    // huge_body
  int depth = 100000;  // deep_json
  PagingLie paging = PagingLie::low_total;
  std::string method;         // empty => any method (compared case-insensitively)
  std::string path_contains;  // empty => any path
  // Each matching request gets the fault with this chance; `count` counts only those that got it, so
  // faults of several kinds with a small probability each make a random mix of failures.
  double probability = 1.0;
  // > 0: the fault hits every matching request for this many seconds from when it is added (an
  // outage), whatever `count` says.
  double seconds = 0;
  std::chrono::steady_clock::time_point until{};  // set by FaultQueue::add when seconds > 0

  bool matches(const std::string& request_method, const std::string& request_path) const;
};

std::string to_string(FaultKind kind);
std::string to_string(PagingLie lie);

// Parses one fault from the admin API's JSON; throws std::invalid_argument naming the bad field.
Fault parse_fault(const nlohmann::json& body);
nlohmann::json to_json(const Fault& fault);

class FaultQueue {
 public:
  void add(Fault fault);
  // The first queued HTTP fault matching the request, with one use consumed.
  std::optional<Fault> take(const std::string& method, const std::string& path);
  // Consumes one job_failure fault if any is queued.
  bool take_job_failure();
  void clear();
  nlohmann::json pending() const;

  // The seed of the random draws of `probability` faults: random unless set (rds-sim --fault-seed N), and
  // logged at start-up, so that a random run can be replayed with the same draws.
  void set_seed(std::uint32_t seed);
  std::uint32_t seed() const;

 private:
  mutable std::mutex mutex_;
  std::deque<Fault> faults_;
  std::uint32_t seed_{std::random_device{}()};
  std::mt19937 random_{seed_};
};

}  // namespace rds::sim
