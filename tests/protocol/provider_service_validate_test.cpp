// ValidateProviderConfig, ConfigureProvider and ValidateResourceConfig through make_provider_service(),
// protocol 5 and 6, and how errors (exceptions, malformed values, unknown types) become diagnostics.
#include <gtest/gtest.h>

#include "tests/protocol/provider_service_fixture.h"

namespace rds::protocol {
namespace {

using namespace service_test;

TYPED_TEST_SUITE(ProviderServiceTest, Versions);

TYPED_TEST(ProviderServiceTest, ValidateProviderConfigReportsDiagnosticsAndV5EchoesPreparedConfig) {
  using V = TypeParam;
  typename V::ValidateProvider::Request q;
  Value config = Value::object(kProviderType, {{"region", Value::string("")}});
  this->set(q.mutable_config(), config, kProviderType);
  auto response =
      this->template call<typename V::ValidateProvider::Request, typename V::ValidateProvider::Response>(
          [&](auto& c, auto& q2, auto& r) { return V::validate_provider(*this->stub_, &c, q2, &r); }, q);
  ASSERT_EQ(response.diagnostics_size(), 1);
  EXPECT_EQ(response.diagnostics(0).severity(), V::Diagnostic::ERROR);
  EXPECT_EQ(response.diagnostics(0).attribute().steps(0).attribute_name(), "region");
  if constexpr (V::kVersion == 5) {
    EXPECT_EQ(this->get(response.prepared_config(), kProviderType), config);
  }
}

TYPED_TEST(ProviderServiceTest, ConfigurePassesConfigAndTerraformVersion) {
  using V = TypeParam;
  typename V::Configure::Request q;
  q.set_terraform_version("1.11.4");
  this->set(q.mutable_config(), Value::object(kProviderType, {{"region", Value::string("eu-de")}}),
            kProviderType);
  auto response = this->template call<typename V::Configure::Request, typename V::Configure::Response>(
      [&](auto& c, auto& q2, auto& r) { return V::configure(*this->stub_, &c, q2, &r); }, q);
  EXPECT_EQ(response.diagnostics_size(), 0) << this->diagnostics_text(response);
  EXPECT_EQ(this->provider_->configured_region, "eu-de");
  EXPECT_EQ(this->provider_->configured_terraform_version, "1.11.4");
}

TYPED_TEST(ProviderServiceTest, ValidateResourceConfigPointsAtTheAttribute) {
  using V = TypeParam;
  typename V::ValidateResource::Request q;
  q.set_type_name("test_thing");
  this->set(q.mutable_config(), thing({{"name", Value::string("")}}), kResourceType);
  auto response =
      this->template call<typename V::ValidateResource::Request, typename V::ValidateResource::Response>(
          [&](auto& c, auto& q2, auto& r) { return V::validate_resource(*this->stub_, &c, q2, &r); }, q);
  ASSERT_EQ(response.diagnostics_size(), 1);
  EXPECT_EQ(response.diagnostics(0).summary(), "Invalid name");
  ASSERT_EQ(response.diagnostics(0).attribute().steps_size(), 1);
  EXPECT_EQ(response.diagnostics(0).attribute().steps(0).attribute_name(), "name");
}

TYPED_TEST(ProviderServiceTest, ValidateRefusesAValueInAReadOnlyAttribute) {
  using V = TypeParam;
  typename V::ValidateResource::Request q;
  q.set_type_name("test_thing");
  this->set(q.mutable_config(), thing({{"name", Value::string("n")}, {"id", Value::string("x")}}),
            kResourceType);
  auto response =
      this->template call<typename V::ValidateResource::Request, typename V::ValidateResource::Response>(
          [&](auto& c, auto& q2, auto& r) { return V::validate_resource(*this->stub_, &c, q2, &r); }, q);
  ASSERT_EQ(response.diagnostics_size(), 1) << this->diagnostics_text(response);
  EXPECT_EQ(response.diagnostics(0).attribute().steps(0).attribute_name(), "id");
  auto data = this->validate_data(
      Value::object(kDataType, {{"query", Value::string("q")}, {"answer", Value::string("mine")}}));
  ASSERT_EQ(data.diagnostics_size(), 1) << this->diagnostics_text(data);
  EXPECT_EQ(data.diagnostics(0).attribute().steps(0).attribute_name(), "answer");
}

TYPED_TEST(ProviderServiceTest, ValidateToleratesUnknownValues) {
  using V = TypeParam;
  typename V::ValidateResource::Request q;
  q.set_type_name("test_thing");
  this->set(q.mutable_config(), thing({{"name", Value::unknown(Type::string())}}), kResourceType);
  auto response =
      this->template call<typename V::ValidateResource::Request, typename V::ValidateResource::Response>(
          [&](auto& c, auto& q2, auto& r) { return V::validate_resource(*this->stub_, &c, q2, &r); }, q);
  EXPECT_EQ(response.diagnostics_size(), 0) << this->diagnostics_text(response);
}

TYPED_TEST(ProviderServiceTest, ExceptionFromTheProviderBecomesAnErrorDiagnostic) {
  using V = TypeParam;
  typename V::ValidateResource::Request q;
  q.set_type_name("test_thing");
  this->set(q.mutable_config(), thing({{"name", Value::string("throw")}}), kResourceType);
  auto response =
      this->template call<typename V::ValidateResource::Request, typename V::ValidateResource::Response>(
          [&](auto& c, auto& q2, auto& r) { return V::validate_resource(*this->stub_, &c, q2, &r); }, q);
  ASSERT_EQ(response.diagnostics_size(), 1);
  EXPECT_EQ(response.diagnostics(0).severity(), V::Diagnostic::ERROR);
  EXPECT_NE(response.diagnostics(0).detail().find("boom in validate"), std::string::npos);
}

TYPED_TEST(ProviderServiceTest, MalformedDynamicValueIsAnErrorNamingTheField) {
  using V = TypeParam;
  typename V::ValidateResource::Request q;
  q.set_type_name("test_thing");
  q.mutable_config()->set_msgpack(std::string("\xc1", 1));  // 0xc1 is never used in msgpack
  auto response =
      this->template call<typename V::ValidateResource::Request, typename V::ValidateResource::Response>(
          [&](auto& c, auto& q2, auto& r) { return V::validate_resource(*this->stub_, &c, q2, &r); }, q);
  ASSERT_EQ(response.diagnostics_size(), 1);
  EXPECT_EQ(response.diagnostics(0).summary(), "Invalid config value from Terraform");
}

TYPED_TEST(ProviderServiceTest, UnknownResourceTypeIsAnErrorDiagnostic) {
  using V = TypeParam;
  typename V::Read::Request q;
  q.set_type_name("nope_thing");
  auto response = this->template call<typename V::Read::Request, typename V::Read::Response>(
      [&](auto& c, auto& q2, auto& r) { return this->stub_->ReadResource(&c, q2, &r); }, q);
  ASSERT_EQ(response.diagnostics_size(), 1);
  EXPECT_EQ(response.diagnostics(0).summary(), "Unknown resource type");
  EXPECT_NE(response.diagnostics(0).detail().find("nope_thing"), std::string::npos);
}

}  // namespace
}  // namespace rds::protocol
