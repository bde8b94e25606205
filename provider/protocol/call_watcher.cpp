#include "provider/protocol/call_watcher.h"

#include <chrono>
#include <vector>

namespace rds::protocol {

struct CallWatcher::Watch::Entry {
  grpc::ServerContext* context;
  rds::CancelSource source;
};

CallWatcher::Watch::Watch(CallWatcher* watcher, std::list<std::shared_ptr<Entry>>::iterator entry,
                          rds::CancelToken token)
    : watcher_(watcher), entry_(entry), token_(std::move(token)) {}

CallWatcher::Watch::~Watch() {
  if (watcher_ == nullptr) return;
  std::lock_guard lock(watcher_->mutex_);
  watcher_->entries_.erase(entry_);
}

CallWatcher::CallWatcher() : thread_([this] { run(); }) {}

CallWatcher::~CallWatcher() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

std::unique_ptr<CallWatcher::Watch> CallWatcher::watch(grpc::ServerContext* context) {
  if (context == nullptr) return std::unique_ptr<Watch>(new Watch(nullptr, {}, rds::CancelToken()));
  auto entry = std::make_shared<Watch::Entry>(Watch::Entry{context, {}});
  std::unique_ptr<Watch> watch;
  {
    std::lock_guard lock(mutex_);
    entries_.push_front(entry);
    watch.reset(new Watch(this, entries_.begin(), entry->source.token()));
  }
  wake_.notify_all();
  return watch;
}

void CallWatcher::run() {
  using namespace std::chrono_literals;
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (entries_.empty()) {
      wake_.wait(lock, [this] { return stopping_ || !entries_.empty(); });
      continue;
    }
    std::vector<std::shared_ptr<Watch::Entry>> gone;
    for (const auto& entry : entries_) {
      if (!entry->source.cancelled() && entry->context->IsCancelled()) gone.push_back(entry);
    }
    lock.unlock();
    // Cancelling wakes the waits of the RPC; done outside the lock so none of them can block on it.
    for (const auto& entry : gone) entry->source.cancel();
    lock.lock();
    wake_.wait_for(lock, 20ms, [this] { return stopping_; });
  }
}

}  // namespace rds::protocol
