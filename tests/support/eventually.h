// Waiting for an event in another process or thread (the sim logged a request, a switch started)
// instead of sleeping a fixed time: a slow machine makes such a test slower, not flaky.
#pragma once

#include <chrono>
#include <functional>
#include <thread>

namespace rds::testing {

// Polls `condition` every 20 ms until it holds or `timeout` passes; returns its last result. The
// timeout only bounds a test that is failing anyway, so make it generous.
inline bool eventually(const std::function<bool()>& condition,
                       std::chrono::milliseconds timeout = std::chrono::seconds(30)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= deadline) return condition();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

}  // namespace rds::testing
