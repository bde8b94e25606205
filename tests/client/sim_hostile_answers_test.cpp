// An API (or anything between it and the provider) that answers with hostile bodies: too large, endless,
// nested beyond reason. The client must stay bounded and say which call brought the answer; each test
// proves from the sim's request log that the hostile answer was really sent.
#include <gtest/gtest.h>

#include <string>

#include "client/answer_limits.h"
#include "sim_client.h"

namespace rds::client {
namespace {

using rds::testing::SimProcess;
using testing::sim_client;
using testing::sim_config;

// How many API requests got a fault of this kind.
int faulted(const SimProcess& sim, const std::string& kind) {
  int count = 0;
  for (const auto& request : sim.requests())
    if (request.value("fault", "") == kind) ++count;
  return count;
}

std::string message_of_get_instance(const SimProcess& sim) {
  try {
    sim_client(sim_config(sim))->get_instance("db1");
  } catch (const AnswerTooLargeError& error) {
    return std::string("AnswerTooLargeError: ") + error.what();
  } catch (const Error& error) {
    return std::string("other Error: ") + error.what();
  }
  return "no error";
}

TEST(ClientSimHostileAnswersTest, AnAnswerAnnouncing300MiBIsRefusedOnceNamingTheCall) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--quiet"});
  sim.inject_fault({{"kind", "huge_body"}, {"size_mb", 300}, {"count", 10}});
  const std::string message = message_of_get_instance(sim);
  EXPECT_EQ(message.rfind("AnswerTooLargeError: get instance db1 (GET /v3/sim-project/instances?id=db1)", 0),
            0u)
      << message;
  EXPECT_NE(message.find("answer too large: more than 16 MiB"), std::string::npos) << message;
  EXPECT_EQ(faulted(sim, "huge_body"), 1) << "the same call brings the same answer: never retried";
}

TEST(ClientSimHostileAnswersTest, AnEndlessChunkedAnswerIsCutOffAt16MiB) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--quiet"});
  sim.inject_fault({{"kind", "endless_body"}, {"count", 10}});
  const std::string message = message_of_get_instance(sim);
  EXPECT_EQ(message.rfind("AnswerTooLargeError: get instance db1", 0), 0u) << message;
  EXPECT_NE(message.find("answer too large: more than 16 MiB"), std::string::npos) << message;
  EXPECT_EQ(faulted(sim, "endless_body"), 1);
}

TEST(ClientSimHostileAnswersTest, AnAnswerJustBelowTheCapIsRead) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--quiet"});
  sim.inject_fault({{"kind", "huge_body"}, {"size_mb", 15}});
  // The padded body is a valid, empty list: the instance reads as gone, and no size error is raised.
  EXPECT_FALSE(sim_client(sim_config(sim))->get_instance("db1").has_value());
  EXPECT_EQ(faulted(sim, "huge_body"), 1);
}

TEST(ClientSimHostileAnswersTest, JsonNestedDeeperThanRequestJsonIsRefusedNamingTheCall) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--quiet"});
  sim.inject_fault({{"kind", "deep_json"}, {"depth", 1000000}});
  try {
    sim_client(sim_config(sim))->get_instance("db1");
    FAIL() << "no exception";
  } catch (const ResponseFormatError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("get instance db1"), std::string::npos) << message;
    EXPECT_NE(message.find("more than 257 levels deep"), std::string::npos) << message;
  }
  EXPECT_EQ(faulted(sim, "deep_json"), 1);
}

TEST(ClientSimHostileAnswersTest, JsonAsDeepAsTheCapIsParsed) {
  SimProcess sim({"--instance", "db1:MySQL:off", "--quiet"});
  // The answer's object plus depth arrays: exactly kMaxAnswerNesting levels.
  sim.inject_fault({{"kind", "deep_json"}, {"depth", kMaxAnswerNesting - 1}});
  try {
    sim_client(sim_config(sim))->get_instance("db1");
    FAIL() << "no exception";
  } catch (const ResponseFormatError& error) {
    // Within the cap, the JSON is read, and found not to hold instances.
    EXPECT_NE(std::string(error.what()).find("an instances entry is not an object"), std::string::npos)
        << error.what();
  }
  EXPECT_EQ(faulted(sim, "deep_json"), 1);
}

// The sim with 150 instances, every list page lying as `lie` says; the message of list_instances.
// `seconds` bounds the whole list: the lie, not the time, ends it (an endless list reads 1000 pages of 100
// instances, which took over a minute under AddressSanitizer on a busy CI machine).
std::string list_message(const std::string& lie, int& faulted_pages, int seconds = 60) {
  SimProcess sim({"--quiet"});
  sim.admin("POST", "/_admin/instances/bulk", {{"count", 150}});
  sim.inject_fault({{"kind", "paging"}, {"paging", lie}, {"count", 100000}, {"path_contains", "/instances"}});
  std::string message = "no error";
  try {
    sim_client(sim_config(sim))->list_instances({}, testing::seconds_from_now(seconds), CancelToken());
  } catch (const ResponseFormatError& error) {
    message = error.what();
  }
  faulted_pages = faulted(sim, "paging");
  return message;
}

TEST(ClientSimHostileAnswersTest, ATotalCountBelowTheTruthIsAnErrorNotAShortList) {
  int pages = 0;
  const std::string message = list_message("low_total", pages);
  EXPECT_NE(message.find("more than total_count (75) says there are"), std::string::npos) << message;
  EXPECT_EQ(pages, 1);
}

TEST(ClientSimHostileAnswersTest, OverlappingPagesAreAnError) {
  int pages = 0;
  const std::string message = list_message("overlap", pages);
  EXPECT_NE(message.find("list instances (GET /v3/sim-project/instances?limit=100&offset=100)"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("instance \"bulk-0100\" appears twice in the list"), std::string::npos) << message;
  EXPECT_EQ(pages, 2);
}

TEST(ClientSimHostileAnswersTest, AnEmptyIdIsAnError) {
  int pages = 0;
  const std::string message = list_message("empty_id", pages);
  EXPECT_NE(message.find("an instance has an empty \"id\""), std::string::npos) << message;
  EXPECT_EQ(pages, 1);
}

TEST(ClientSimHostileAnswersTest, TwoInstancesWithOneIdAreAnError) {
  int pages = 0;
  const std::string message = list_message("duplicate_id", pages);
  EXPECT_NE(message.find("instance \"bulk-0001\" appears twice in the list"), std::string::npos) << message;
  EXPECT_EQ(pages, 1);
}

TEST(ClientSimHostileAnswersTest, AnEndlessListEndsAtMaxPagesSayingSo) {
  int pages = 0;
  const std::string message = list_message("endless", pages, 600);
  EXPECT_NE(message.find("the list goes on past 1000 pages"), std::string::npos) << message;
  EXPECT_EQ(message.find("timeout"), std::string::npos) << message;
  EXPECT_EQ(pages, RdsClient::kMaxPages);
}

}  // namespace
}  // namespace rds::client
