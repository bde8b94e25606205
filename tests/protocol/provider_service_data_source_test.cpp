// ValidateDataResourceConfig and ReadDataSource through make_provider_service(), protocol 5 and 6.
#include <gtest/gtest.h>

#include "tests/protocol/provider_service_fixture.h"

namespace rds::protocol {
namespace {

using namespace service_test;

TYPED_TEST_SUITE(ProviderServiceTest, Versions);

TYPED_TEST(ProviderServiceTest, ValidateDataSourceConfigPointsAtTheAttribute) {
  auto response = this->validate_data(Value::object(kDataType, {{"query", Value::string("")}}));
  ASSERT_EQ(response.diagnostics_size(), 1);
  EXPECT_EQ(response.diagnostics(0).summary(), "Invalid query");
  EXPECT_EQ(response.diagnostics(0).attribute().steps(0).attribute_name(), "query");
  EXPECT_EQ(this->validate_data(Value::object(kDataType, {{"query", Value::unknown(Type::string())}}))
                .diagnostics_size(),
            0);
}

TYPED_TEST(ProviderServiceTest, ReadDataSourceReturnsTheStateWithComputedAttributes) {
  auto response = this->read_data("test_lookup", Value::object(kDataType, {{"query", Value::string("x")}}));
  EXPECT_EQ(response.diagnostics_size(), 0) << this->diagnostics_text(response);
  EXPECT_EQ(this->get(response.state(), kDataType),
            Value::object(kDataType, {{"query", Value::string("x")}, {"answer", Value::string("found x")}}));
}

TYPED_TEST(ProviderServiceTest, ReadDataSourceErrorsAndExceptionsBecomeDiagnostics) {
  using V = TypeParam;
  auto failed = this->read_data("test_lookup", Value::object(kDataType, {{"query", Value::string("fail")}}));
  ASSERT_EQ(failed.diagnostics_size(), 1);
  EXPECT_EQ(failed.diagnostics(0).summary(), "Lookup failed");
  auto thrown = this->read_data("test_lookup", Value::object(kDataType, {{"query", Value::string("throw")}}));
  ASSERT_EQ(thrown.diagnostics_size(), 1);
  EXPECT_EQ(thrown.diagnostics(0).severity(), V::Diagnostic::ERROR);
  EXPECT_NE(thrown.diagnostics(0).detail().find("boom in read"), std::string::npos);
}

TYPED_TEST(ProviderServiceTest, UnknownDataSourceIsAnErrorNamingTheOnesThereAre) {
  auto response = this->read_data("test_thing", Value::object(kDataType, {{"query", Value::string("x")}}));
  ASSERT_EQ(response.diagnostics_size(), 1);
  EXPECT_EQ(response.diagnostics(0).summary(), "Unknown data source");
  EXPECT_NE(response.diagnostics(0).detail().find("test_lookup"), std::string::npos);
}

}  // namespace
}  // namespace rds::protocol
