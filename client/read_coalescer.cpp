#include "client/read_coalescer.h"

#include <algorithm>
#include <set>

#include "client/errors.h"

namespace rds::client {

namespace {

// How often a read waiting for a round looks at its cancel token.
constexpr std::chrono::milliseconds kCancelCheck{50};

}  // namespace

ReadCoalescer::ReadCoalescer(ReadBatching batching, std::shared_ptr<Clock> clock, ReadOne read_one,
                             ListProject list, LogFunction log)
    : batching_(batching),
      clock_(std::move(clock)),
      read_one_(std::move(read_one)),
      list_(std::move(list)),
      log_(std::move(log)) {}

int64_t ReadCoalescer::pages_for(int64_t total) {
  return std::max<int64_t>(1, (total + RdsClient::kPageSize - 1) / RdsClient::kPageSize);
}

std::optional<Instance> ReadCoalescer::read(const std::string& id, Freshness freshness, Deadline deadline,
                                            const CancelToken& cancel) {
  if (!batching_.enabled) return read_one_(id, deadline, cancel);
  auto waiter = std::make_shared<Waiter>();
  waiter->id = id;
  waiter->freshness = freshness;
  {
    std::unique_lock lock(mutex_);
    if (freshness == Freshness::kRecentList) {
      if (auto held = from_snapshot(id, clock_->now())) return held;
    }
    waiting_.push_back(waiter);
    while (!waiter->done) {
      if (!round_running_) {
        lead_round(lock, deadline, cancel);
        continue;
      }
      round_ended_.wait_for(lock, kCancelCheck);
      if (waiter->done) break;
      if (cancel.cancelled()) {
        std::erase(waiting_, waiter);
        throw CancelledError("get instance " + id);
      }
      // The round that just ended may have left a snapshot that answers this read without a call.
      if (freshness == Freshness::kRecentList) {
        if (auto held = from_snapshot(id, clock_->now())) {
          std::erase(waiting_, waiter);
          return held;
        }
      }
    }
    if (waiter->found) return waiter->found;
    if (freshness == Freshness::kRecentList) recent_singles_.push_back(clock_->now());
  }
  // Not in a list (none was worth it, it failed, or it did not hold the instance): its own GET decides,
  // and its own error names its own call.
  return read_one_(id, deadline, cancel);
}

void ReadCoalescer::before_write(const std::string& id) {
  std::lock_guard lock(mutex_);
  last_write_[id] = ++writes_;
}

// The snapshot's answer for `id` when it may give one. An instance the snapshot lacks is not taken for
// gone: nullopt sends the read to a round, whose list or own GET confirms it.
std::optional<Instance> ReadCoalescer::from_snapshot(const std::string& id,
                                                     std::chrono::steady_clock::time_point now) {
  if (!snapshot_ || now - snapshot_->began >= batching_.snapshot_lifetime) return std::nullopt;
  if (auto write = last_write_.find(id);
      write != last_write_.end() && write->second > snapshot_->began_after_write)
    return std::nullopt;  // switched since the list began: the list may show the state before
  auto held = snapshot_->instances.find(id);
  if (held == snapshot_->instances.end()) return std::nullopt;
  ++snapshot_->answered;
  return held->second;
}

// A list of P pages replaces the GETs of the reads waiting now. For fresh reads it must take fewer calls
// than they would. A refresh's reads also count those of the last few seconds that went out one by one:
// the refresh goes on, and the list, kept as the snapshot, answers its next reads without a call.
bool ReadCoalescer::worth_listing(int64_t total, int waiting_fresh, int waiting_recent) const {
  const int64_t pages = pages_for(total);
  if (waiting_recent == 0) return pages < waiting_fresh;
  return pages <= waiting_fresh + waiting_recent + static_cast<int64_t>(recent_singles_.size());
}

void ReadCoalescer::lead_round(std::unique_lock<std::mutex>& lock, Deadline deadline,
                               const CancelToken& cancel) {
  round_running_ = true;
  lock.unlock();
  cancel.wait_for(batching_.gather);  // the reads Terraform sent alongside this one join the round
  lock.lock();
  auto batch = std::move(waiting_);
  waiting_.clear();

  const auto now = clock_->now();
  while (!recent_singles_.empty() && now - recent_singles_.front() >= batching_.snapshot_lifetime)
    recent_singles_.pop_front();
  std::set<std::string> fresh_ids, recent_ids;
  for (const auto& waiter : batch)
    (waiter->freshness == Freshness::kFresh ? fresh_ids : recent_ids).insert(waiter->id);
  const int fresh = static_cast<int>(fresh_ids.size());
  const int recent = static_cast<int>(recent_ids.size());

  ProjectList list;
  const bool try_list = fresh + recent >= 2 && (!known_total_ || worth_listing(*known_total_, fresh, recent));
  if (try_list) {
    const uint64_t writes_at_start = writes_;
    // Decided with the figures of the round's start, so the list's check needs no lock.
    const bool refresh = recent > 0;
    const int64_t saved = fresh + recent + (refresh ? static_cast<int64_t>(recent_singles_.size()) : 0);
    // The refresh's reads that arrive while the first page is read wait for the next round, which the
    // snapshot would answer: they count too.
    const auto arrived_since = [this, &recent_ids] {
      std::lock_guard arrived_lock(mutex_);
      std::set<std::string> arrived;
      for (const auto& waiter : waiting_)
        if (waiter->freshness == Freshness::kRecentList && !recent_ids.contains(waiter->id))
          arrived.insert(waiter->id);
      return static_cast<int64_t>(arrived.size());
    };
    lock.unlock();
    const auto began = clock_->now();
    try {
      list = list_(deadline, cancel, [&](int64_t total) {
        const int64_t pages = pages_for(total);
        return refresh ? pages <= saved + arrived_since() : pages < saved;
      });
    } catch (const std::exception& error) {
      log(LogLevel::warn, "the list for a round of instance reads failed; each read goes out on its own",
          {{"reads", std::to_string(batch.size())}, {"error", error.what()}});
      list = {};
    }
    lock.lock();
    if (list.pages > 0) known_total_ = list.total;
    if (list.complete) {
      if (snapshot_)
        log(LogLevel::debug, "instance list snapshot replaced",
            {{"reads_answered", std::to_string(snapshot_->answered)}});
      snapshot_.emplace();
      snapshot_->began = began;
      snapshot_->began_after_write = writes_at_start;
      for (const auto& instance : list.instances) snapshot_->instances.emplace(instance.id, instance);
    }
  }
  answer(batch, list);
  if (try_list && list.pages > 0) {
    const auto answered =
        std::count_if(batch.begin(), batch.end(), [](const auto& w) { return w->found.has_value(); });
    log(LogLevel::info, "coalesced instance reads into one list",
        {{"reads_answered", std::to_string(answered)},
         {"reads_waiting", std::to_string(batch.size())},
         {"pages", std::to_string(list.pages)},
         {"total_count", std::to_string(list.total)},
         {"complete", list.complete ? "true" : "false"}});
  }
  round_running_ = false;
  round_ended_.notify_all();
}

void ReadCoalescer::answer(const std::vector<std::shared_ptr<Waiter>>& batch, const ProjectList& list) {
  std::map<std::string, const Instance*> by_id;
  for (const auto& instance : list.instances) by_id.emplace(instance.id, &instance);
  for (const auto& waiter : batch) {
    if (auto held = by_id.find(waiter->id); held != by_id.end()) waiter->found = *held->second;
    waiter->done = true;
  }
}

void ReadCoalescer::log(LogLevel level, std::string_view message, const LogFields& fields) const {
  if (log_) log_(level, message, fields);
}

}  // namespace rds::client
