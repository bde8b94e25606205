// ReadCoalescer on its own: reads from several threads at once, a scripted project list, a fake clock for
// the snapshot's age. The gather window is long (real time) so that the threads of a test, released
// together, always meet in one round however loaded the machine is.
#include "client/read_coalescer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <latch>
#include <thread>

#include "client/errors.h"
#include "tests/client/fakes.h"

namespace rds::client {
namespace {

using namespace std::chrono_literals;
using testing::FakeClock;

Instance instance(const std::string& id, bool ssl = false) {
  Instance found;
  found.id = id;
  found.status = "ACTIVE";
  found.engine = "MySQL";
  found.enable_ssl = ssl;
  return found;
}

// A project of `size` instances named i0, i1, ...; counts the calls made to it.
class Project {
 public:
  explicit Project(int size) : size_(size) {}

  std::optional<Instance> read_one(const std::string& id) {
    std::lock_guard lock(mutex_);
    single_reads.push_back(id);
    if (hidden.contains(id) || !holds(id)) return std::nullopt;
    return instance(id, ssl_on);
  }
  ProjectList list(const ReadCoalescer::GoOn& go_on) {
    if (on_list) on_list();
    std::lock_guard lock(mutex_);
    ++lists;
    ProjectList list;
    list.total = size_;
    for (int offset = 0; offset < size_; offset += RdsClient::kPageSize) {
      ++list.pages;
      ++pages;
      for (int i = offset; i < std::min(size_, offset + RdsClient::kPageSize); ++i)
        if (!skipped.contains("i" + std::to_string(i)) && !hidden.contains("i" + std::to_string(i)))
          list.instances.push_back(instance("i" + std::to_string(i), ssl_on));
      if (offset == 0 && size_ > RdsClient::kPageSize && !go_on(size_)) return list;
    }
    list.complete = true;
    return list;
  }
  bool holds(const std::string& id) const { return id.starts_with("i") && std::stoi(id.substr(1)) < size_; }

  std::mutex mutex_;
  std::vector<std::string> single_reads;
  int lists = 0, pages = 0;
  bool ssl_on = false;
  std::set<std::string> skipped;  // left out of lists, as paging can while instances come and go
  std::set<std::string> hidden;   // gone: its own GET lists nothing
  std::function<void()> on_list;

 private:
  int size_;
};

class ReadCoalescerTest : public ::testing::Test {
 protected:
  explicit ReadCoalescerTest(int project_size = 30) : project_(project_size) {}

  ReadCoalescer& coalescer(bool enabled = true) {
    if (!coalescer_)
      coalescer_ = std::make_unique<ReadCoalescer>(
          ReadBatching{.enabled = enabled, .snapshot_lifetime = 5s, .gather = 300ms}, clock_,
          [this](const std::string& id, Deadline, const CancelToken&) { return project_.read_one(id); },
          [this](Deadline, const CancelToken&, const ReadCoalescer::GoOn& go_on) {
            return project_.list(go_on);
          },
          [this](LogLevel, std::string_view message, const LogFields&) {
            std::lock_guard lock(log_mutex_);
            logs_.emplace_back(message);
          });
    return *coalescer_;
  }

  std::optional<Instance> read(const std::string& id, Freshness freshness = Freshness::kFresh) {
    return coalescer().read(id, freshness, clock_->now() + 1h, CancelToken());
  }

  // Reads `ids` from one thread each, released together; the answers in the same order.
  std::vector<std::optional<Instance>> read_at_once(const std::vector<std::string>& ids,
                                                    Freshness freshness = Freshness::kFresh) {
    coalescer();
    std::latch start(static_cast<std::ptrdiff_t>(ids.size()));
    std::vector<std::future<std::optional<Instance>>> answers;
    for (const auto& id : ids)
      answers.push_back(std::async(std::launch::async, [&, id] {
        start.arrive_and_wait();
        return read(id, freshness);
      }));
    std::vector<std::optional<Instance>> found;
    for (auto& answer : answers) found.push_back(answer.get());
    return found;
  }

  std::shared_ptr<FakeClock> clock_ = std::make_shared<FakeClock>();
  Project project_;
  std::unique_ptr<ReadCoalescer> coalescer_;
  std::mutex log_mutex_;
  std::vector<std::string> logs_;
};

TEST_F(ReadCoalescerTest, ASingleReadIsItsOwnGet) {
  auto found = read("i3");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, "i3");
  EXPECT_EQ(project_.lists, 0);
  EXPECT_EQ(project_.single_reads, std::vector<std::string>{"i3"});
}

TEST_F(ReadCoalescerTest, ReadsSentAtOnceGoOutAsOneListOfASmallProject) {
  auto found = read_at_once({"i1", "i2", "i3", "i4", "i5"});
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(found[i]) << i;
    EXPECT_EQ(found[i]->id, "i" + std::to_string(i + 1));
  }
  EXPECT_EQ(project_.lists, 1);
  EXPECT_EQ(project_.pages, 1);
  EXPECT_TRUE(project_.single_reads.empty());
  EXPECT_NE(std::find(logs_.begin(), logs_.end(), "coalesced instance reads into one list"), logs_.end());
}

TEST_F(ReadCoalescerTest, AnInstanceMissingFromTheListIsConfirmedByItsOwnGet) {
  project_.skipped = {"i2"};  // paging skipped it; it still exists
  project_.hidden = {"i4"};   // really gone
  auto found = read_at_once({"i1", "i2", "i4"});
  ASSERT_TRUE(found[0]);
  ASSERT_TRUE(found[1]) << "an instance a list skipped is not gone";
  EXPECT_EQ(found[1]->id, "i2");
  EXPECT_FALSE(found[2]);
  EXPECT_EQ(project_.lists, 1);
  std::sort(project_.single_reads.begin(), project_.single_reads.end());
  EXPECT_EQ(project_.single_reads, (std::vector<std::string>{"i2", "i4"}));
}

TEST_F(ReadCoalescerTest, BatchingOffSendsEveryReadAsItsOwnGet) {
  coalescer(/*enabled=*/false);
  read_at_once({"i1", "i2", "i3", "i4"});
  EXPECT_EQ(project_.lists, 0);
  EXPECT_EQ(project_.single_reads.size(), 4u);
}

TEST_F(ReadCoalescerTest, AListThatFailsLeavesEachReadToItsOwnGet) {
  project_.on_list = [] { throw ApiError("list instances", 500, "DBS.0001", "boom", "req-1"); };
  auto found = read_at_once({"i1", "i2", "i3"});
  for (const auto& one : found) EXPECT_TRUE(one);
  EXPECT_EQ(project_.single_reads.size(), 3u);
  EXPECT_NE(std::find(logs_.begin(), logs_.end(),
                      "the list for a round of instance reads failed; each read goes out on its own"),
            logs_.end());
}

TEST_F(ReadCoalescerTest, ARefreshIsAnsweredByTheSnapshotForAFewSecondsAndNoLonger) {
  read_at_once({"i1", "i2", "i3"}, Freshness::kRecentList);
  ASSERT_EQ(project_.lists, 1);
  for (int i = 0; i < 30; ++i) EXPECT_TRUE(read("i" + std::to_string(i), Freshness::kRecentList));
  clock_->advance(4900ms);
  EXPECT_TRUE(read("i7", Freshness::kRecentList));
  EXPECT_EQ(project_.lists, 1);
  EXPECT_TRUE(project_.single_reads.empty()) << "the snapshot answered the refresh";

  clock_->advance(200ms);  // 5.1 s after the list began
  EXPECT_TRUE(read("i8", Freshness::kRecentList));
  EXPECT_EQ(project_.single_reads, std::vector<std::string>{"i8"});
}

TEST_F(ReadCoalescerTest, FreshReadsNeverTakeTheSnapshot) {
  read_at_once({"i1", "i2"}, Freshness::kRecentList);
  project_.ssl_on = true;  // the switch ended after the list
  auto found = read("i1", Freshness::kFresh);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->enable_ssl, true);
  EXPECT_EQ(project_.single_reads, std::vector<std::string>{"i1"});
}

TEST_F(ReadCoalescerTest, ASnapshotNeverAnswersForAnInstanceSwitchedAfterItBegan) {
  // A PUT leaves for i2 while the list is being read: the list may show i2 before or after it.
  project_.on_list = [this] { coalescer_->before_write("i2"); };
  read_at_once({"i1", "i3"}, Freshness::kRecentList);
  project_.on_list = nullptr;
  coalescer().before_write("i5");  // and one after the list ended
  EXPECT_TRUE(read("i2", Freshness::kRecentList));
  EXPECT_TRUE(read("i5", Freshness::kRecentList));
  EXPECT_TRUE(read("i4", Freshness::kRecentList));
  EXPECT_EQ(project_.single_reads, (std::vector<std::string>{"i2", "i5"}));
}

TEST_F(ReadCoalescerTest, AnInstanceSwitchedBeforeTheSnapshotBeganIsAnsweredByIt) {
  coalescer().before_write("i2");
  read_at_once({"i1", "i3"}, Freshness::kRecentList);
  EXPECT_TRUE(read("i2", Freshness::kRecentList));
  EXPECT_TRUE(project_.single_reads.empty());
}

TEST_F(ReadCoalescerTest, AReadThatArrivesWhileAListRunsWaitsForAListThatStartsAfterIt) {
  std::promise<void> list_started, release_list;
  auto release = release_list.get_future().share();
  int list_calls = 0;
  project_.on_list = [&] {
    if (++list_calls == 1) {
      list_started.set_value();
      release.wait();
    }
  };
  auto first_round = std::async(std::launch::async, [&] { return read_at_once({"i1", "i2"}); });
  list_started.get_future().wait();
  project_.ssl_on = true;  // changes after the first list began
  auto late = std::async(std::launch::async, [&] { return read_at_once({"i3", "i4"}); });
  std::this_thread::sleep_for(50ms);  // let the late reads queue behind the running list
  release_list.set_value();
  auto early = first_round.get();
  auto after = late.get();
  ASSERT_TRUE(after[0] && after[1]);
  EXPECT_EQ(after[0]->enable_ssl, true) << "answered by the list that began after the read";
  EXPECT_EQ(after[1]->enable_ssl, true);
  EXPECT_EQ(project_.lists, 2);
  EXPECT_TRUE(project_.single_reads.empty());
}

TEST_F(ReadCoalescerTest, ACancelWhileWaitingForARoundEndsTheRead) {
  std::promise<void> list_started, release_list;
  auto release = release_list.get_future().share();
  project_.on_list = [&] {
    list_started.set_value();
    release.wait();
  };
  auto first_round = std::async(std::launch::async, [&] { return read_at_once({"i1", "i2"}); });
  list_started.get_future().wait();
  CancelSource cancel;
  auto waiting = std::async(std::launch::async, [&] {
    return coalescer_->read("i3", Freshness::kFresh, clock_->now() + 1h, cancel.token());
  });
  std::this_thread::sleep_for(50ms);
  cancel.cancel();
  EXPECT_THROW(waiting.get(), CancelledError);
  project_.on_list = nullptr;
  release_list.set_value();
  first_round.get();
}

class LargeProject : public ReadCoalescerTest {
 protected:
  LargeProject() : ReadCoalescerTest(5000) {}
};

TEST_F(LargeProject, FreshReadsFarFewerThanItsPagesGoOutAsSingleGetsOnceItsSizeIsKnown) {
  read_at_once({"i1", "i2", "i150", "i4000"});
  // The first list stops after its first page (total_count 5000 = 50 pages for 4 reads), whose
  // instances it answers; the others go out on their own.
  EXPECT_EQ(project_.lists, 1);
  EXPECT_EQ(project_.pages, 1);
  std::sort(project_.single_reads.begin(), project_.single_reads.end());
  EXPECT_EQ(project_.single_reads, (std::vector<std::string>{"i150", "i4000"}));

  project_.single_reads.clear();
  read_at_once({"i1", "i2", "i3", "i4"});
  EXPECT_EQ(project_.lists, 1) << "the project's size is known: no list is worth it";
  EXPECT_EQ(project_.single_reads.size(), 4u);
}

TEST_F(LargeProject, ARefreshListsThePagesOnceItsReadsWouldCostAsMuch) {
  // 5000 instances are 50 pages: rounds of 10 reads go out as GETs until the refresh has made 40
  // single reads in the last few seconds, then one list answers the rest of it.
  int round = 0;
  for (; project_.lists < 2 && round < 10; ++round) {
    std::vector<std::string> ids;
    for (int i = 0; i < 10; ++i) ids.push_back("i" + std::to_string(round * 10 + i));
    read_at_once(ids, Freshness::kRecentList);
  }
  EXPECT_EQ(project_.lists, 2) << "a first page to learn the size, then the whole list";
  EXPECT_EQ(project_.pages, 1 + 50);
  const auto singles = project_.single_reads.size();
  EXPECT_LE(singles, 50u);
  for (int i = 100; i < 1000; ++i) EXPECT_TRUE(read("i" + std::to_string(i), Freshness::kRecentList));
  EXPECT_EQ(project_.single_reads.size(), singles) << "the snapshot answered the rest of the refresh";
}

TEST_F(LargeProject, ARefreshCountsTheReadsThatArriveWhileItsFirstPageIsRead) {
  // 5000 instances are 50 pages. Ten reads wait for the first round; forty more arrive while its first
  // page is read: together they are worth the whole list, which as the snapshot answers them all.
  std::vector<std::future<std::vector<std::optional<Instance>>>> late;
  project_.on_list = [&] {
    if (project_.lists > 0) return;
    std::vector<std::string> ids;
    for (int i = 10; i < 50; ++i) ids.push_back("i" + std::to_string(i * 100));
    late.push_back(
        std::async(std::launch::async, [this, ids] { return read_at_once(ids, Freshness::kRecentList); }));
    std::this_thread::sleep_for(200ms);  // they queue behind the running round
  };
  std::vector<std::string> first;
  for (int i = 0; i < 10; ++i) first.push_back("i" + std::to_string(i * 100));
  for (const auto& found : read_at_once(first, Freshness::kRecentList)) EXPECT_TRUE(found);
  for (const auto& found : late.at(0).get()) EXPECT_TRUE(found);
  EXPECT_EQ(project_.lists, 1);
  EXPECT_EQ(project_.pages, 50);
  EXPECT_TRUE(project_.single_reads.empty());
}

}  // namespace
}  // namespace rds::client
