#include "provider/plugin/shutdown_backstop.h"

namespace rds::plugin {

ShutdownBackstop::ShutdownBackstop(std::chrono::milliseconds limit, std::function<void()> on_overrun) {
  watcher_ = std::thread([this, limit, on_overrun = std::move(on_overrun)] {
    {
      std::unique_lock lock(mutex_);
      if (disarmed_changed_.wait_for(lock, limit, [this] { return disarmed_; })) return;
    }
    on_overrun();
  });
}

ShutdownBackstop::~ShutdownBackstop() {
  disarm();
  watcher_.join();
}

void ShutdownBackstop::disarm() {
  {
    std::lock_guard lock(mutex_);
    disarmed_ = true;
  }
  disarmed_changed_.notify_all();
}

}  // namespace rds::plugin
