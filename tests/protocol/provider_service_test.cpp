// The service itself: StopProvider, the RPCs it does not serve, concurrent calls, the versions
// make_provider_service() accepts. In-process gRPC channel, protocol 5 and 6 (typed tests).
#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

#include "tests/protocol/provider_service_fixture.h"

namespace rds::protocol {
namespace {

using namespace service_test;

TYPED_TEST_SUITE(ProviderServiceTest, Versions);

TYPED_TEST(ProviderServiceTest, StopCallsProviderStopAndTheServerKeepsServing) {
  using V = TypeParam;
  auto response = this->template call<typename V::Stop::Request, typename V::Stop::Response>(
      [&](auto& c, auto& q, auto& r) { return V::stop(*this->stub_, &c, q, &r); }, {});
  EXPECT_EQ(response.error(), "");
  EXPECT_EQ(this->provider_->stop_calls, 1);
  EXPECT_EQ(this->get_schema().resource_schemas().count("test_thing"), 1u);
}

TYPED_TEST(ProviderServiceTest, RpcsWeDoNotServeAnswerUnimplemented) {
  using V = TypeParam;
  grpc::ClientContext context;
  typename V::Proto::Stub* stub = this->stub_.get();
  if constexpr (V::kVersion == 5) {
    tfplugin5::GetFunctions::Request q;
    tfplugin5::GetFunctions::Response r;
    EXPECT_EQ(stub->GetFunctions(&context, q, &r).error_code(), grpc::StatusCode::UNIMPLEMENTED);
  } else {
    tfplugin6::GetFunctions::Request q;
    tfplugin6::GetFunctions::Response r;
    EXPECT_EQ(stub->GetFunctions(&context, q, &r).error_code(), grpc::StatusCode::UNIMPLEMENTED);
  }
}

TYPED_TEST(ProviderServiceTest, ConcurrentPlansAreServedIndependently) {
  std::vector<std::thread> threads;
  std::atomic<int> good{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        std::string name = "n" + std::to_string(t) + "-" + std::to_string(i);
        auto response = this->plan(Value::null(kResourceType), thing({{"name", Value::string(name)}}));
        if (this->get(response.planned_state(), kResourceType).get_string("id") == name) ++good;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(good, 160);
}

TEST(MakeProviderService, RejectsVersionsOtherThanFiveAndSix) {
  EXPECT_THROW(make_provider_service(7, std::make_shared<TestProvider>()), std::invalid_argument);
  EXPECT_NE(make_provider_service(5, std::make_shared<TestProvider>()), nullptr);
}

}  // namespace
}  // namespace rds::protocol
