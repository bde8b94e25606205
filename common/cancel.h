// Cooperative cancellation: the provider's StopProvider cancels a CancelSource; every wait, retry
// sleep and HTTP transfer in flight checks its CancelToken and gives up within 100 ms.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

namespace rds {

namespace detail {
struct CancelState {
  std::mutex mutex;
  std::condition_variable cv;
  bool cancelled = false;
  // States cancelled with this one (see either()); weak, so a finished operation's state goes away.
  std::vector<std::weak_ptr<CancelState>> dependents;
  std::size_t prune_at = 64;
};
}  // namespace detail

class CancelToken {
 public:
  // A token that is never cancelled.
  CancelToken();

  bool cancelled() const;
  // Blocks for up to `duration` (real time); returns early, true, as soon as the token is cancelled.
  bool wait_for(std::chrono::nanoseconds duration) const;

 private:
  friend class CancelSource;
  friend CancelToken either(const CancelToken& a, const CancelToken& b);
  explicit CancelToken(std::shared_ptr<detail::CancelState> state);
  std::shared_ptr<detail::CancelState> state_;
};

// A token cancelled as soon as `a` or `b` is: an operation stops on StopProvider and also when the
// client of its RPC has gone away.
CancelToken either(const CancelToken& a, const CancelToken& b);

class CancelSource {
 public:
  CancelSource();
  CancelToken token() const;
  void cancel();  // idempotent, thread-safe; wakes every waiter at once
  bool cancelled() const;

 private:
  std::shared_ptr<detail::CancelState> state_;
};

}  // namespace rds
