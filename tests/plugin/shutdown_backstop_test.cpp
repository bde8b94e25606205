#include "provider/plugin/shutdown_backstop.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>

namespace rds::plugin {
namespace {

using namespace std::chrono_literals;

TEST(ShutdownBackstop, CallsItsActionWhenNotDisarmedWithinTheLimit) {
  std::promise<void> called;
  ShutdownBackstop backstop(0ms, [&called] { called.set_value(); });
  // The backstop: only a failing test waits this long.
  EXPECT_EQ(called.get_future().wait_for(10s), std::future_status::ready);
}

TEST(ShutdownBackstop, DoesNothingOnceDisarmed) {
  std::atomic<bool> called = false;
  {
    // An hour: were disarm() ignored, the destructor's join would hang the test instead of passing it.
    ShutdownBackstop backstop(1h, [&called] { called = true; });
    backstop.disarm();
  }
  EXPECT_FALSE(called);
}

TEST(ShutdownBackstop, DestroyingItDisarmsIt) {
  std::atomic<bool> called = false;
  {
    ShutdownBackstop backstop(1h, [&called] { called = true; });
  }
  EXPECT_FALSE(called);
}

}  // namespace
}  // namespace rds::plugin
