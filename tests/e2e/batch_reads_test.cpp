// Two hundred resources refreshed by real Terraform against rds-sim: the reads of the refresh go out as a
// few paged lists instead of one GET each; an instance missing from a list leaves the state only after
// its own GET said it is gone, also while other instances come and go as the list pages; batch_reads =
// false sends one GET per resource.
#include <gtest/gtest.h>

#include <atomic>
#include <deque>
#include <set>
#include <thread>

#include "tests/e2e/support/e2e_test.h"

namespace rds::testing {
namespace {

constexpr int kResources = 200;

std::string managed_id(int index) { return numbered_instance_id(index, 3); }

class BatchReads : public E2eTest {
 protected:
  // `noise` unmanaged instances first (listed before the managed ones), then 200 managed ones with SSL
  // on, applied (no switch needed). The request log is cleared afterwards.
  void start_with(int noise, const std::string& provider_block = "") {
    start();
    nlohmann::json instances = nlohmann::json::array();
    for (int i = 0; i < noise; ++i) instances.push_back(sim_instance("noise-" + std::to_string(i)));
    for (int i = 1; i <= kResources; ++i) instances.push_back(sim_instance(managed_id(i)));
    sim().add_instances(instances);
    next_noise_ = noise;
    for (int i = 0; i < noise; ++i) noise_.push_back("noise-" + std::to_string(i));
    std::string config = provider_block;
    for (int i = 1; i <= kResources; ++i)
      config += ssl_resource("r" + std::to_string(i), managed_id(i), true);
    workspace().write_config(config);
    apply_ok();
    sim().process().admin("DELETE", "/_admin/requests");
  }
  static nlohmann::json sim_instance(const std::string& id) {
    return {{"id", id}, {"name", "db-" + id}, {"engine", "MySQL"}, {"enable_ssl", true}};
  }

  // GETs of the instance list: one instance each (?id=) and pages of the project (offset/limit).
  struct Reads {
    int single = 0, pages = 0;
    std::vector<std::string> single_ids;
  };
  Reads reads() {
    Reads counted;
    for (const auto& request : sim().requests()) {
      if (request["method"] != "GET" || !request["path"].get<std::string>().ends_with("/instances")) continue;
      const auto query = request["query"].get<std::string>();
      if (query.find("limit=") != std::string::npos) {
        ++counted.pages;
      } else {
        ++counted.single;
        counted.single_ids.push_back(query);
      }
    }
    return counted;
  }
  std::size_t resources_in_state() {
    return workspace().state_json()["values"]["root_module"]["resources"].size();
  }

  // Deletes the oldest unmanaged instance (which shifts every instance listed after it one place up, so
  // that a list paging meanwhile skips one) and adds a new one at the end, until `stop`.
  void churn(const std::atomic<bool>& stop, std::atomic<int>& deleted) {
    while (!stop) {
      sim().delete_instance(noise_.front());
      noise_.pop_front();
      ++deleted;
      const std::string added = "noise-" + std::to_string(next_noise_++);
      sim().add_instances(nlohmann::json::array({sim_instance(added)}));
      noise_.push_back(added);
    }
  }

  std::deque<std::string> noise_;
  int next_noise_ = 0;
};

TEST_F(BatchReads, ARefreshOfTwoHundredResourcesTakesAFewListsInsteadOfAGetEach) {
  start_with(0);
  auto refresh =
      workspace().terraform({"apply", "-refresh-only", "-auto-approve", "-input=false", "-no-color"});
  ASSERT_TRUE(refresh.succeeded()) << refresh.describe();
  const auto counted = reads();
  RecordProperty("list_pages", counted.pages);
  RecordProperty("single_gets", counted.single);
  EXPECT_GE(counted.pages, 2) << "200 instances are two pages";
  // A list (two pages) answers the first reads and, kept a few seconds, the rest of the refresh. The
  // bound leaves room for a machine so slow that the snapshot ages out once or twice.
  EXPECT_LE(counted.pages + counted.single, 40) << counted.pages << " pages, " << counted.single << " GETs";
  EXPECT_EQ(resources_in_state(), static_cast<size_t>(kResources));
  expect_empty_plan("after a refresh answered by lists");
}

TEST_F(BatchReads, AnInstanceDeletedOutsideTerraformLeavesTheStateOnlyAfterItsOwnGet) {
  start_with(0);
  const std::string gone = managed_id(117);
  sim().delete_instance(gone);
  auto refresh =
      workspace().terraform({"apply", "-refresh-only", "-auto-approve", "-input=false", "-no-color"});
  ASSERT_TRUE(refresh.succeeded()) << refresh.describe();
  const auto counted = reads();
  EXPECT_GE(counted.pages, 2);
  EXPECT_NE(std::find(counted.single_ids.begin(), counted.single_ids.end(), "id=" + gone),
            counted.single_ids.end())
      << "absence from a list is confirmed by the instance's own GET";
  EXPECT_EQ(resources_in_state(), static_cast<size_t>(kResources - 1));
  EXPECT_EQ(workspace().state_json().dump().find("\"" + gone + "\""), std::string::npos);
}

TEST_F(BatchReads, InstancesThatComeAndGoWhileTheListPagesNeverTakeAResourceOutOfTheState) {
  start_with(150);
  const std::string gone = managed_id(42);
  sim().delete_instance(gone);
  std::atomic<bool> stop{false};
  std::atomic<int> deleted{0};
  std::thread churner([&] { churn(stop, deleted); });
  auto refresh =
      workspace().terraform({"apply", "-refresh-only", "-auto-approve", "-input=false", "-no-color"});
  stop = true;
  churner.join();
  ASSERT_TRUE(refresh.succeeded()) << refresh.describe();
  EXPECT_GT(deleted.load(), 0) << "the instances must really have come and gone during the refresh";
  const auto counted = reads();
  RecordProperty("list_pages", counted.pages);
  RecordProperty("single_gets", counted.single);
  RecordProperty("instances_deleted_meanwhile", deleted.load());
  EXPECT_GE(counted.pages, 1) << "the refresh must really have listed";
  EXPECT_EQ(resources_in_state(), static_cast<size_t>(kResources - 1))
      << "only the instance deleted for real leaves the state";
  std::set<std::string> in_state, expected;
  const auto state = workspace().state_json();
  for (const auto& resource : state["values"]["root_module"]["resources"])
    in_state.insert(resource["values"]["instance_id"].get<std::string>());
  for (int i = 1; i <= kResources; ++i)
    if (managed_id(i) != gone) expected.insert(managed_id(i));
  EXPECT_EQ(in_state, expected);
}

TEST_F(BatchReads, TurnedOffEveryReadIsItsOwnGet) {
  start_with(0, "provider \"rds\" {\n  batch_reads = false\n}\n");
  auto refresh =
      workspace().terraform({"apply", "-refresh-only", "-auto-approve", "-input=false", "-no-color"});
  ASSERT_TRUE(refresh.succeeded()) << refresh.describe();
  const auto counted = reads();
  EXPECT_EQ(counted.pages, 0);
  EXPECT_EQ(counted.single, kResources);
}

}  // namespace
}  // namespace rds::testing
