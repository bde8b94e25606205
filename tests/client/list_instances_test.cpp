// list_instances pages through GET /v3/{project_id}/instances (offset/limit, 100 per page) under one
// deadline, passes the filters to the API and checks its answer again. On a fake transport and clock.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "client_harness.h"

namespace rds::client {
namespace {

using namespace std::chrono_literals;
using testing::ClientHarness;
using testing::json_response;

nlohmann::json entry(const std::string& id, const std::string& name, const std::string& engine = "MySQL") {
  return {{"id", id},
          {"name", name},
          {"status", "ACTIVE"},
          {"type", "Single"},
          {"datastore", {{"type", engine}, {"version", "8.0"}}},
          {"enable_ssl", false},
          {"port", 3306},
          {"private_ips", {"192.168.0.1"}},
          {"public_ips", nlohmann::json::array()},
          {"region", "eu-de"},
          {"created", "2026-11-28T00:00:00+0000"},
          {"updated", "2026-11-28T00:00:00+0000"}};
}

std::string query_value(const HttpRequest& request, const std::string& key) {
  for (const auto& [name, value] : request.query)
    if (name == key) return value;
  return "<absent>";
}

// A fake API with `total` instances named db-0001...: answers each page as the request's offset and limit
// ask, like RDS does.
testing::FakeTransport::Handler paged_api(int total) {
  return [total](const HttpRequest& request) {
    const int offset = std::stoi(query_value(request, "offset"));
    const int limit = std::stoi(query_value(request, "limit"));
    nlohmann::json list = nlohmann::json::array();
    for (int i = offset; i < total && i < offset + limit; ++i) {
      const std::string n = std::to_string(i + 1);
      list.push_back(entry("id" + n, "db-" + std::string(4 - n.size(), '0') + n));
    }
    return json_response(200, nlohmann::json{{"instances", list}, {"total_count", total}}.dump());
  };
}

TEST(ClientListInstances, ReadsEveryPageOfAHundredUntilAllAreRead) {
  ClientHarness h;
  h.transport = std::make_shared<testing::FakeTransport>(paged_api(250));
  const auto instances = h.make()->list_instances({}, h.in(1min), CancelToken());
  ASSERT_EQ(instances.size(), 250u);
  EXPECT_EQ(instances.front().id, "id1");
  EXPECT_EQ(instances.back().id, "id250");
  ASSERT_EQ(h.transport->requests.size(), 3u);
  for (int page = 0; page < 3; ++page) {
    EXPECT_EQ(query_value(h.transport->requests[page], "offset"), std::to_string(page * 100));
    EXPECT_EQ(query_value(h.transport->requests[page], "limit"), "100");
  }
}

TEST(ClientListInstances, StopsAfterTheFirstPageWhenItHoldsEverything) {
  ClientHarness h;
  h.transport = std::make_shared<testing::FakeTransport>(paged_api(3));
  EXPECT_EQ(h.make()->list_instances({}, h.in(1min), CancelToken()).size(), 3u);
  EXPECT_EQ(h.transport->requests.size(), 1u);
}

TEST(ClientListInstances, AnExactMultipleOfThePageSizeEndsWithoutAnEmptyPage) {
  ClientHarness h;
  h.transport = std::make_shared<testing::FakeTransport>(paged_api(200));
  EXPECT_EQ(h.make()->list_instances({}, h.in(1min), CancelToken()).size(), 200u);
  EXPECT_EQ(h.transport->requests.size(), 2u) << "total_count says when the last page has come";
}

TEST(ClientListInstances, WithoutTotalCountAShortPageIsTheLast) {
  ClientHarness h;
  nlohmann::json full = nlohmann::json::array(), last = nlohmann::json::array();
  for (int i = 0; i < 100; ++i) full.push_back(entry("a" + std::to_string(i), "a"));
  last.push_back(entry("b", "b"));
  h.transport->then(json_response(200, nlohmann::json{{"instances", full}}.dump()));
  h.transport->then(json_response(200, nlohmann::json{{"instances", last}}.dump()));
  EXPECT_EQ(h.make()->list_instances({}, h.in(1min), CancelToken()).size(), 101u);
  EXPECT_EQ(h.transport->requests.size(), 2u);
}

TEST(ClientListInstances, PassesTheFiltersToTheApi) {
  ClientHarness h;
  h.transport = std::make_shared<testing::FakeTransport>(paged_api(0));
  h.make()->list_instances({.name = "*orders", .type = "Ha", .engine = "MySQL"}, h.in(1min), CancelToken());
  ASSERT_EQ(h.transport->requests.size(), 1u);
  const auto& request = h.transport->requests[0];
  EXPECT_EQ(request.path, "/v3/p1/instances");
  EXPECT_EQ(query_value(request, "name"), "*orders");
  EXPECT_EQ(query_value(request, "type"), "Ha");
  EXPECT_EQ(query_value(request, "datastore_type"), "MySQL");
  EXPECT_EQ(query_value(request, "id"), "<absent>");
}

TEST(ClientListInstances, LeavesOutFiltersThatAreNotSet) {
  ClientHarness h;
  h.transport = std::make_shared<testing::FakeTransport>(paged_api(0));
  h.make()->list_instances({}, h.in(1min), CancelToken());
  for (const char* key : {"name", "type", "datastore_type", "id"})
    EXPECT_EQ(query_value(h.transport->requests[0], key), "<absent>") << key;
}

TEST(ClientListInstances, KeepsOnlyExactNameMatchesWhateverTheApiAnswers) {
  ClientHarness h;
  nlohmann::json list = {entry("1", "orders"), entry("2", "orders-old"), entry("3", "Orders")};
  h.transport->then(json_response(200, nlohmann::json{{"instances", list}, {"total_count", 3}}.dump()));
  const auto found = h.make()->list_instances({.name = "orders"}, h.in(1min), CancelToken());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, "1");
}

TEST(ClientListInstances, LeavesTheFuzzyNameMatchToTheApi) {
  ClientHarness h;
  nlohmann::json list = {entry("1", "orders"), entry("2", "old-orders-db")};
  h.transport->then(json_response(200, nlohmann::json{{"instances", list}, {"total_count", 2}}.dump()));
  EXPECT_EQ(h.make()->list_instances({.name = "*orders"}, h.in(1min), CancelToken()).size(), 2u);
}

TEST(ClientListInstances, KeepsOnlyTheAskedEngineAndTypeIgnoringCase) {
  ClientHarness h;
  nlohmann::json list = {entry("1", "a", "MySQL"), entry("2", "b", "PostgreSQL")};
  list[1]["type"] = "Ha";
  h.transport->then(json_response(200, nlohmann::json{{"instances", list}, {"total_count", 2}}.dump()));
  const auto found = h.make()->list_instances({.engine = "mysql"}, h.in(1min), CancelToken());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, "1");
}

TEST(ClientListInstances, ReadsEveryFieldTheDataSourcesShow) {
  ClientHarness h;
  auto one = entry("i1", "orders");
  one["type"] = "Ha";
  one["port"] = 3307;
  one["private_ips"] = {"10.0.0.1", "10.0.0.2"};
  one["public_ips"] = {"80.1.2.3"};
  one["datastore"]["version"] = "5.7";
  h.transport->then(json_response(200, nlohmann::json{{"instances", {one}}, {"total_count", 1}}.dump()));
  const auto found = h.make()->list_instances({}, h.in(1min), CancelToken());
  ASSERT_EQ(found.size(), 1u);
  const Instance& instance = found[0];
  EXPECT_EQ(instance.type, "Ha");
  EXPECT_EQ(instance.engine, "MySQL");
  EXPECT_EQ(instance.engine_version, "5.7");
  EXPECT_EQ(instance.port, 3307);
  EXPECT_EQ(instance.private_ips, (std::vector<std::string>{"10.0.0.1", "10.0.0.2"}));
  EXPECT_EQ(instance.public_ips, (std::vector<std::string>{"80.1.2.3"}));
  EXPECT_EQ(instance.region, "eu-de");
  EXPECT_EQ(instance.created, "2026-11-28T00:00:00+0000");
  EXPECT_EQ(instance.updated, "2026-11-28T00:00:00+0000");
}

TEST(ClientListInstances, AnInstanceShiftedIntoTheNextPageIsReadOnce) {
  ClientHarness h;
  nlohmann::json first = nlohmann::json::array(), second = nlohmann::json::array();
  for (int i = 0; i < 100; ++i) first.push_back(entry("a" + std::to_string(i), "a"));
  // An instance created meanwhile pushed a99 from the first page into the second.
  second.push_back(entry("a99", "a"));
  second.push_back(entry("b", "b"));
  h.transport->then(json_response(200, nlohmann::json{{"instances", first}, {"total_count", 101}}.dump()));
  h.transport->then(json_response(200, nlohmann::json{{"instances", second}, {"total_count", 102}}.dump()));
  EXPECT_EQ(h.make()->list_instances({}, h.in(1min), CancelToken()).size(), 101u);
}

TEST(ClientListInstances, AnApiThatIgnoresOffsetIsAnErrorNotAnEndlessLoop) {
  ClientHarness h;
  nlohmann::json page = nlohmann::json::array();
  for (int i = 0; i < 100; ++i) page.push_back(entry("a" + std::to_string(i), "a"));
  h.transport = std::make_shared<testing::FakeTransport>([&](const HttpRequest&) {
    return json_response(200, nlohmann::json{{"instances", page}}.dump());
  });
  EXPECT_THROW(h.make()->list_instances({}, h.in(1min), CancelToken()), ResponseFormatError);
  EXPECT_EQ(h.transport->requests.size(), 2u);
}

TEST(ClientListInstances, TransientFailuresOfAPageAreRetried) {
  ClientHarness h;
  auto api = paged_api(150);
  h.transport = std::make_shared<testing::FakeTransport>(api);
  h.transport->then(api);                     // the first page
  h.transport->then(json_response(503, ""));  // the second page, once
  EXPECT_EQ(h.make()->list_instances({}, h.in(1min), CancelToken()).size(), 150u);
  EXPECT_EQ(h.transport->requests.size(), 3u);
  EXPECT_EQ(h.clock->sleeps.size(), 1u);
}

TEST(ClientListInstances, NoFurtherPageIsAskedForOnceTheDeadlineHasPassed) {
  ClientHarness h;
  auto api = paged_api(350);
  h.transport = std::make_shared<testing::FakeTransport>([&](const HttpRequest& request) {
    h.clock->advance(40s);  // each page takes 40 s
    return api(request);
  });
  EXPECT_THROW(h.make()->list_instances({}, h.in(1min), CancelToken()), TimeoutError);
  EXPECT_EQ(h.transport->requests.size(), 2u);
}

TEST(ClientListInstances, AnErrorAnswerIsAnApiErrorNamingTheCall) {
  ClientHarness h;
  h.transport->then(json_response(400, R"({"error_code":"DBS.200001","error_msg":"bad limit"})"));
  try {
    h.make()->list_instances({}, h.in(1min), CancelToken());
    FAIL() << "expected an ApiError";
  } catch (const ApiError& error) {
    EXPECT_EQ(error.error_code(), "DBS.200001");
    EXPECT_NE(error.operation().find("GET /v3/p1/instances?limit=100&offset=0"), std::string::npos)
        << error.operation();
  }
}

// The API is doubted: a list that contradicts itself is an error naming the call, never a shorter list.
std::string list_error(ClientHarness& h) {
  try {
    h.make()->list_instances({}, h.in(1min), CancelToken());
  } catch (const ResponseFormatError& error) {
    return error.what();
  }
  return "no ResponseFormatError";
}

nlohmann::json full_page(const std::string& prefix) {
  nlohmann::json page = nlohmann::json::array();
  for (int i = 0; i < 100; ++i) page.push_back(entry(prefix + std::to_string(i), "a"));
  return page;
}

TEST(ClientListInstancesDoubt, OverlappingPagesAreAnErrorNotAShorterList) {
  ClientHarness h;
  nlohmann::json second = nlohmann::json::array({entry("a99", "a"), entry("b", "b")});
  h.transport->then(
      json_response(200, nlohmann::json{{"instances", full_page("a")}, {"total_count", 102}}.dump()));
  h.transport->then(json_response(200, nlohmann::json{{"instances", second}, {"total_count", 102}}.dump()));
  const std::string message = list_error(h);
  EXPECT_NE(message.find("list instances (GET /v3/p1/instances?limit=100&offset=100)"), std::string::npos)
      << message;
  EXPECT_NE(message.find("instance \"a99\" appears twice in the list"), std::string::npos) << message;
}

TEST(ClientListInstancesDoubt, TwoInstancesWithOneIdAreAnError) {
  ClientHarness h;
  nlohmann::json list = nlohmann::json::array({entry("x", "a"), entry("x", "b")});
  h.transport->then(json_response(200, nlohmann::json{{"instances", list}, {"total_count", 2}}.dump()));
  EXPECT_NE(list_error(h).find("instance \"x\" appears twice"), std::string::npos) << list_error(h);
}

TEST(ClientListInstancesDoubt, AnEmptyIdIsAnError) {
  ClientHarness h;
  nlohmann::json list = nlohmann::json::array({entry("", "a")});
  h.transport->then(json_response(200, nlohmann::json{{"instances", list}, {"total_count", 1}}.dump()));
  EXPECT_NE(list_error(h).find("an instance has an empty \"id\""), std::string::npos) << list_error(h);
}

TEST(ClientListInstancesDoubt, PagesHoldingMoreThanTotalCountAreAnError) {
  ClientHarness h;
  h.transport->then(
      json_response(200, nlohmann::json{{"instances", full_page("a")}, {"total_count", 50}}.dump()));
  const std::string message = list_error(h);
  EXPECT_NE(message.find("the pages hold 100 instances, more than total_count (50) says there are"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("list instances (GET /v3/p1/instances?limit=100&offset=0)"), std::string::npos)
      << message;
}

TEST(ClientListInstancesDoubt, AListEndingBeforeTotalCountIsAnError) {
  ClientHarness h;
  nlohmann::json list = nlohmann::json::array({entry("a", "a")});
  h.transport->then(json_response(200, nlohmann::json{{"instances", list}, {"total_count", 3}}.dump()));
  EXPECT_NE(list_error(h).find("the list ended after 1 instances, though total_count says 3"),
            std::string::npos)
      << list_error(h);
}

TEST(ClientListInstancesDoubt, AnEndlessListStopsAtMaxPagesSayingSo) {
  ClientHarness h;
  int served = 0;
  h.transport = std::make_shared<testing::FakeTransport>([&](const HttpRequest&) {
    return json_response(
        200, nlohmann::json{{"instances", full_page("p" + std::to_string(served++) + "-")}}.dump());
  });
  const std::string message = list_error(h);
  EXPECT_NE(message.find("the list goes on past 1000 pages (100000 instances)"), std::string::npos)
      << message;
  EXPECT_EQ(message.find("timeout"), std::string::npos) << message;
  EXPECT_EQ(h.transport->requests.size(), static_cast<std::size_t>(RdsClient::kMaxPages));
}

TEST(ClientListInstancesDoubt, AListCutByItsDeadlineDoesNotAskToRaiseATimeout) {
  ClientHarness h;
  auto api = paged_api(350);
  h.transport = std::make_shared<testing::FakeTransport>([&](const HttpRequest& request) {
    h.clock->advance(40s);
    return api(request);
  });
  try {
    h.make()->list_instances({}, h.in(1min), CancelToken());
    FAIL() << "no TimeoutError";
  } catch (const TimeoutError& error) {
    EXPECT_EQ(std::string(error.what()).find("increase the timeout"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("the API answered too slowly"), std::string::npos)
        << error.what();
  }
}

}  // namespace
}  // namespace rds::client
