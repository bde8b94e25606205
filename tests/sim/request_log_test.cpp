// The request log: connection counting by peer, clearing, and the size cap.
#include "sim/request_log.h"

#include <gtest/gtest.h>

namespace rds::sim {
namespace {

TEST(RequestLog, CountsEachPeerAddressAndPortOnce) {
  RequestLog log;
  log.note_connection("127.0.0.1:40000");
  log.note_connection("127.0.0.1:40000");
  log.note_connection("127.0.0.1:40001");
  EXPECT_EQ(log.connections(), 2u);
}

TEST(RequestLog, ClearForgetsRequestsAndConnections) {
  RequestLog log;
  log.note_connection("127.0.0.1:40000");
  log.record({"GET", "/v3/p/instances", "", 200, "token", "t", "id", "127.0.0.1:40000", ""});
  log.clear();
  EXPECT_EQ(log.connections(), 0u);
  EXPECT_TRUE(log.to_json()["requests"].empty());
}

TEST(RequestLog, FaultIsShownOnlyWhenThereWasOne) {
  RequestLog log;
  log.record({"GET", "/a", "", 200, "none", "t", "1", "r", ""});
  log.record({"GET", "/b", "", 0, "none", "t", "2", "r", "drop"});
  auto requests = log.to_json()["requests"];
  EXPECT_FALSE(requests[0].contains("fault"));
  EXPECT_EQ(requests[1]["fault"], "drop");
}

TEST(RequestLog, KeepsOnlyTheMostRecentEntries) {
  RequestLog log;
  for (std::size_t i = 0; i < RequestLog::kMaxEntries + 5; ++i) {
    log.record({"GET", "/" + std::to_string(i), "", 200, "none", "t", "", "r", ""});
  }
  auto requests = log.to_json()["requests"];
  EXPECT_LE(requests.size(), RequestLog::kMaxEntries);
  EXPECT_EQ(requests.back()["path"], "/" + std::to_string(RequestLog::kMaxEntries + 4));
}

}  // namespace
}  // namespace rds::sim
