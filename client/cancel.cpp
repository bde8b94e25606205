#include "client/cancel.h"

namespace rds::client {

CancelToken::CancelToken() : state_(std::make_shared<detail::CancelState>()) {}

CancelToken::CancelToken(std::shared_ptr<detail::CancelState> state) : state_(std::move(state)) {}

bool CancelToken::cancelled() const {
  std::lock_guard lock(state_->mutex);
  return state_->cancelled;
}

bool CancelToken::wait_for(std::chrono::nanoseconds duration) const {
  std::unique_lock lock(state_->mutex);
  return state_->cv.wait_for(lock, duration, [this] { return state_->cancelled; });
}

CancelSource::CancelSource() : state_(std::make_shared<detail::CancelState>()) {}

CancelToken CancelSource::token() const { return CancelToken(state_); }

void CancelSource::cancel() {
  {
    std::lock_guard lock(state_->mutex);
    state_->cancelled = true;
  }
  state_->cv.notify_all();
}

bool CancelSource::cancelled() const {
  std::lock_guard lock(state_->mutex);
  return state_->cancelled;
}

}  // namespace rds::client
