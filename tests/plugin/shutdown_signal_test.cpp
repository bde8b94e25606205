#include "provider/plugin/shutdown_signal.h"

#include <gtest/gtest.h>

#include <thread>

namespace rds::plugin {
namespace {

using namespace std::chrono_literals;

TEST(ShutdownSignal, WakesWaitersAndKeepsTheFirstReason) {
  ShutdownSignal signal;
  EXPECT_FALSE(signal.requested());
  EXPECT_FALSE(signal.wait_for(10ms));
  std::thread requester([&] {
    signal.request("GRPCController.Shutdown");
    signal.request("SIGTERM");
  });
  signal.wait();
  requester.join();
  EXPECT_TRUE(signal.requested());
  EXPECT_TRUE(signal.wait_for(0ms));
  EXPECT_EQ(signal.reason(), "GRPCController.Shutdown");
}

}  // namespace
}  // namespace rds::plugin
