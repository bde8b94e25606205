// Single-instance reads answered together. In the RDS v3 API a single read is the project's list with an
// id filter, so one paged list (100 instances a page) answers as many reads as it holds. Terraform sends
// at most -parallelism calls at once (10 by default), so the reads waiting at one moment are few; what
// makes a large refresh cheap is the snapshot: the list taken for one round of reads answers the reads of
// the next few seconds too. docs/PERFORMANCE.md has the rules with figures.
//
//   ReadCoalescer reads(batching, clock, read_one, list_project, log);
//   auto instance = reads.read(id, Freshness::kRecentList, deadline, cancel);  // nullopt: gone
//   reads.before_write(id);  // before each PUT to `id`
//
// Thread-safe. One round runs at a time: the first read to find none running leads it, the reads that
// arrive meanwhile wait for the next one.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "client/clock.h"
#include "client/config.h"
#include "client/rds_client.h"
#include "client/types.h"
#include "common/cancel.h"

namespace rds::client {

struct ReadBatching {
  bool enabled = true;
  // How long a complete list answers kRecentList reads.
  std::chrono::milliseconds snapshot_lifetime{5'000};
  // How long the first read of a round waits for the reads Terraform sends alongside it (real time).
  std::chrono::milliseconds gather{3};
};

// What a list of the project read: every instance when complete, else the first page's.
struct ProjectList {
  std::vector<Instance> instances;
  bool complete = false;
  int pages = 0;
  int64_t total = 0;  // total_count as the API said
};

// What a round and the snapshot hold. At namespace scope: clang 14 cannot default-construct a nested class
// with member initialisers inside std::optional of its enclosing class.
namespace read_coalescing {
struct Waiter {
  std::string id;
  Freshness freshness = Freshness::kFresh;
  bool done = false;
  std::optional<Instance> found;  // set when done and a list held the instance
};
struct Snapshot {
  std::map<std::string, Instance> instances;
  std::chrono::steady_clock::time_point began{};
  uint64_t began_after_write = 0;  // writes_ when the list began
  int answered = 0;
};
}  // namespace read_coalescing

class ReadCoalescer {
 public:
  // GET /instances?id=… for one instance; nullopt when the API lists none.
  using ReadOne = std::function<std::optional<Instance>(const std::string& id, Deadline, const CancelToken&)>;
  // Lists the project page after page. After the first page it asks `worth_going_on(total_count)` and
  // returns an incomplete list when the answer is no.
  using GoOn = std::function<bool(int64_t total)>;
  using ListProject = std::function<ProjectList(Deadline, const CancelToken&, const GoOn& worth_going_on)>;

  ReadCoalescer(ReadBatching batching, std::shared_ptr<Clock> clock, ReadOne read_one, ListProject list,
                LogFunction log);

  // The instance, or nullopt when it is gone: absence from a list is always confirmed by the instance's
  // own GET, since paging can skip an instance while others are created or deleted. Errors are those of
  // ReadOne (a list that fails leaves its reads to their own GETs, so each error names its own call);
  // CancelledError when `cancel` fires while waiting for a round.
  std::optional<Instance> read(const std::string& id, Freshness freshness, Deadline deadline,
                               const CancelToken& cancel);

  // Called before a PUT to `id` leaves: from then on no list that began earlier answers for it.
  void before_write(const std::string& id);

  // Pages a list of `total` instances takes.
  static int64_t pages_for(int64_t total);

 private:
  using Waiter = read_coalescing::Waiter;
  using Snapshot = read_coalescing::Snapshot;

  std::optional<Instance> from_snapshot(const std::string& id, std::chrono::steady_clock::time_point now);
  void lead_round(std::unique_lock<std::mutex>& lock, Deadline deadline, const CancelToken& cancel);
  bool worth_listing(int64_t total, int waiting_fresh, int waiting_recent) const;
  void answer(const std::vector<std::shared_ptr<Waiter>>& batch, const ProjectList& list);
  void log(LogLevel level, std::string_view message, const LogFields& fields) const;

  const ReadBatching batching_;
  const std::shared_ptr<Clock> clock_;
  const ReadOne read_one_;
  const ListProject list_;
  const LogFunction log_;

  std::mutex mutex_;
  std::condition_variable round_ended_;
  std::vector<std::shared_ptr<Waiter>> waiting_;
  bool round_running_ = false;
  std::optional<Snapshot> snapshot_;
  std::optional<int64_t> known_total_;  // the project's size, as the last list said
  uint64_t writes_ = 0;
  std::map<std::string, uint64_t> last_write_;  // id -> writes_ after its last before_write
  // kRecentList reads that went out as single GETs lately: a refresh in progress, which a list would serve.
  std::deque<std::chrono::steady_clock::time_point> recent_singles_;
};

}  // namespace rds::client
