#include "common/cancel.h"

#include <algorithm>

namespace rds {

namespace {
using detail::CancelState;

void cancel_state(const std::shared_ptr<CancelState>& state) {
  std::vector<std::weak_ptr<CancelState>> dependents;
  {
    std::lock_guard lock(state->mutex);
    if (state->cancelled) return;
    state->cancelled = true;
    dependents.swap(state->dependents);
  }
  state->cv.notify_all();
  // Links are one level deep (either() of two roots), so this recursion is shallow whatever happens.
  for (const auto& weak : dependents)
    if (auto dependent = weak.lock()) cancel_state(dependent);
}

void link(const std::shared_ptr<CancelState>& parent, const std::shared_ptr<CancelState>& child) {
  {
    std::lock_guard lock(parent->mutex);
    if (!parent->cancelled) {
      // A long-lived parent (the provider's stop) collects one link per operation: drop the dead ones.
      if (parent->dependents.size() >= parent->prune_at) {
        std::erase_if(parent->dependents, [](const auto& weak) { return weak.expired(); });
        parent->prune_at = std::max<std::size_t>(64, parent->dependents.size() * 2);
      }
      parent->dependents.push_back(child);
      return;
    }
  }
  cancel_state(child);
}
}  // namespace

CancelToken either(const CancelToken& a, const CancelToken& b) {
  auto state = std::make_shared<CancelState>();
  link(a.state_, state);
  link(b.state_, state);
  return CancelToken(state);
}

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

void CancelSource::cancel() { cancel_state(state_); }

bool CancelSource::cancelled() const {
  std::lock_guard lock(state_->mutex);
  return state_->cancelled;
}

}  // namespace rds
