// A one-shot "please stop serving" flag that threads can wait on. Raised by
// GRPCController.Shutdown, by SIGTERM, and (in --debug mode) by SIGINT.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>

namespace rds::plugin {

class ShutdownSignal {
 public:
  // Idempotent; the first reason is kept for the log.
  void request(const std::string& reason);
  bool requested() const;
  std::string reason() const;
  void wait() const;
  // True if requested within `timeout`.
  bool wait_for(std::chrono::milliseconds timeout) const;

 private:
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  bool requested_ = false;
  std::string reason_;
};

}  // namespace rds::plugin
