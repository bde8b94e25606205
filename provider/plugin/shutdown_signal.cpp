#include "provider/plugin/shutdown_signal.h"

namespace rds::plugin {

void ShutdownSignal::request(const std::string& reason) {
  {
    std::lock_guard lock(mutex_);
    if (requested_) return;
    requested_ = true;
    reason_ = reason;
  }
  changed_.notify_all();
}

bool ShutdownSignal::requested() const {
  std::lock_guard lock(mutex_);
  return requested_;
}

std::string ShutdownSignal::reason() const {
  std::lock_guard lock(mutex_);
  return reason_;
}

void ShutdownSignal::wait() const {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return requested_; });
}

bool ShutdownSignal::wait_for(std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [this] { return requested_; });
}

}  // namespace rds::plugin
