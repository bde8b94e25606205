// What the data sources refuse at validate time, before any API call, and where the error points.
#include <gtest/gtest.h>

#include "provider/rds_provider.h"

namespace rds::data_sources {
namespace {

using rds::core::Diagnostics;
using rds::core::Type;
using rds::core::Value;

class DataSourceValidate : public ::testing::Test {
 protected:
  std::shared_ptr<rds::core::DataSource> data_source(const std::string& type_name) {
    for (auto& candidate : provider_->data_sources())
      if (candidate->type_name() == type_name) return candidate;
    ADD_FAILURE() << "no data source " << type_name;
    return nullptr;
  }
  Diagnostics validate(const std::string& type_name, std::map<std::string, Value> attributes) {
    auto source = data_source(type_name);
    return source->validate(Value::object(source->schema().value_type(), std::move(attributes)));
  }
  static std::string path_of_first_error(const Diagnostics& diags) {
    for (const auto& d : diags)
      if (d.severity == rds::core::Severity::error && d.path) return d.path->to_string();
    return "<none>";
  }

  std::shared_ptr<rds::core::Provider> provider_ = rds::make_rds_provider();
};

TEST_F(DataSourceValidate, TheProviderOffersExactlyTheFourDataSources) {
  std::vector<std::string> names;
  for (const auto& source : provider_->data_sources()) names.push_back(source->type_name());
  EXPECT_EQ(names, (std::vector<std::string>{"rds_instance", "rds_instances", "rds_ssl_certificates",
                                             "rds_ssl_ca_bundle"}));
}

TEST_F(DataSourceValidate, InstanceWithBothIdAndNameIsAnErrorOnName) {
  auto diags = validate("rds_instance", {{"id", Value::string("a")}, {"name", Value::string("b")}});
  ASSERT_TRUE(diags.has_errors());
  EXPECT_EQ(path_of_first_error(diags), "name");
  EXPECT_EQ(diags.items().front().summary, "Conflicting arguments");
}

TEST_F(DataSourceValidate, InstanceWithNeitherIdNorNameIsAnErrorOnId) {
  auto diags = validate("rds_instance", {});
  ASSERT_TRUE(diags.has_errors());
  EXPECT_EQ(path_of_first_error(diags), "id");
  EXPECT_EQ(diags.items().front().summary, "Missing argument");
}

TEST_F(DataSourceValidate, InstanceWithOneOfThemUnknownYetIsFine) {
  EXPECT_FALSE(validate("rds_instance", {{"id", Value::unknown(Type::string())}}).has_errors());
  EXPECT_FALSE(validate("rds_instance", {{"name", Value::unknown(Type::string())}}).has_errors());
  EXPECT_TRUE(validate("rds_instance", {{"id", Value::unknown(Type::string())}, {"name", Value::string("x")}})
                  .has_errors())
      << "an unknown id is still an id";
}

TEST_F(DataSourceValidate, InstanceIdsThatWouldAddressOtherInstancesAreRefused) {
  for (const char* id : {"", " ", "*in01", "a/b", "a b", "a?b"}) {
    auto diags = validate("rds_instance", {{"id", Value::string(id)}});
    EXPECT_TRUE(diags.has_errors()) << "id \"" << id << "\"";
    EXPECT_EQ(path_of_first_error(diags), "id") << "id \"" << id << "\"";
  }
  EXPECT_FALSE(validate("rds_instance", {{"id", Value::string("a1b2c3d4e5f6in01")}}).has_errors());
}

TEST_F(DataSourceValidate, InstanceNameMustBeExactAndNotEmpty) {
  auto fuzzy = validate("rds_instance", {{"name", Value::string("*orders")}});
  ASSERT_TRUE(fuzzy.has_errors());
  EXPECT_NE(fuzzy.items().front().detail.find("rds_instances"), std::string::npos);
  EXPECT_TRUE(validate("rds_instance", {{"name", Value::string("")}}).has_errors());
  EXPECT_FALSE(validate("rds_instance", {{"name", Value::string("orders")}}).has_errors());
}

TEST_F(DataSourceValidate, InstancesFiltersMustNotBeEmptyStrings) {
  for (const char* filter : {"name", "engine", "type"}) {
    auto diags = validate("rds_instances", {{filter, Value::string("")}});
    EXPECT_TRUE(diags.has_errors()) << filter;
    EXPECT_EQ(path_of_first_error(diags), filter);
  }
  EXPECT_FALSE(validate("rds_instances", {}).has_errors()) << "no filter lists every instance";
  EXPECT_FALSE(validate("rds_instances", {{"name", Value::string("*orders")}}).has_errors())
      << "the fuzzy name is offered on purpose";
}

// A typo must not list nothing (a for_each over it would plan to drop every resource).
TEST_F(DataSourceValidate, InstancesFiltersOutsideTheDocumentedSetAreErrorsListingTheAllowedValues) {
  auto engine = validate("rds_instances", {{"engine", Value::string("Oracle")}});
  ASSERT_TRUE(engine.has_errors());
  EXPECT_EQ(path_of_first_error(engine), "engine");
  EXPECT_NE(engine.items()[0].detail.find("MySQL, PostgreSQL, SQLServer"), std::string::npos)
      << engine.items()[0].detail;
  EXPECT_NE(engine.items()[0].detail.find("\"Oracle\""), std::string::npos) << engine.items()[0].detail;

  auto type = validate("rds_instances", {{"type", Value::string("Cluster")}});
  ASSERT_TRUE(type.has_errors());
  EXPECT_EQ(path_of_first_error(type), "type");
  EXPECT_NE(type.items()[0].detail.find("Single, Ha, Replica"), std::string::npos) << type.items()[0].detail;

  for (const char* engine_name : {"MySQL", "mysql", "PostgreSQL", "sqlserver"})
    EXPECT_FALSE(validate("rds_instances", {{"engine", Value::string(engine_name)}}).has_errors())
        << engine_name;
  for (const char* type_name : {"Single", "ha", "REPLICA"})
    EXPECT_FALSE(validate("rds_instances", {{"type", Value::string(type_name)}}).has_errors()) << type_name;
  EXPECT_FALSE(validate("rds_instances", {{"engine", Value::unknown(Type::string())}}).has_errors());
}

TEST_F(DataSourceValidate, SslCertificatesNeedAnInstanceId) {
  auto diags = validate("rds_ssl_certificates", {{"instance_id", Value::string("*x")}});
  ASSERT_TRUE(diags.has_errors());
  EXPECT_EQ(path_of_first_error(diags), "instance_id");
  EXPECT_FALSE(validate("rds_ssl_certificates", {{"instance_id", Value::string("a1")}}).has_errors());
}

// Echoed values are bounded: every id and name has a length limit at validate, and the message quotes
// at most 64 bytes of what it refuses.
TEST_F(DataSourceValidate, IdsAndNamesLongerThan64AreRefusedNamingTheAttributeAndQuotedCut) {
  const std::string huge(1 << 20, 'x');
  const std::vector<std::pair<std::string, std::string>> cases{{"rds_instance", "id"},
                                                               {"rds_instance", "name"},
                                                               {"rds_instances", "name"},
                                                               {"rds_ssl_certificates", "instance_id"},
                                                               {"rds_ssl_ca_bundle", "instance_id"}};
  for (const auto& [type_name, attribute] : cases) {
    auto diags = validate(type_name, {{attribute, Value::string(huge)}});
    ASSERT_TRUE(diags.has_errors()) << type_name << "." << attribute;
    EXPECT_EQ(path_of_first_error(diags), attribute) << type_name;
    const std::string& detail = diags.items().front().detail;
    EXPECT_NE(detail.find("1048576 bytes long"), std::string::npos)
        << type_name << ": " << detail.substr(0, 300);
    EXPECT_NE(detail.find("at most 64 characters"), std::string::npos)
        << type_name << ": " << detail.substr(0, 300);
    EXPECT_LT(detail.size(), 400u) << type_name << "." << attribute;
    EXPECT_FALSE(validate(type_name, {{attribute, Value::string(std::string(64, 'x'))}}).has_errors())
        << type_name << "." << attribute;
  }
}

TEST_F(DataSourceValidate, AnUnknownFilterValueIsQuotedCut) {
  auto diags = validate("rds_instances", {{"engine", Value::string(std::string(100000, 'q'))}});
  ASSERT_TRUE(diags.has_errors());
  EXPECT_LT(diags.items().front().detail.size(), 400u);
  EXPECT_NE(diags.items().front().detail.find("(100000 bytes)"), std::string::npos)
      << diags.items().front().detail;
}

TEST_F(DataSourceValidate, SslCaBundleNeedsAnInstanceId) {
  auto diags = validate("rds_ssl_ca_bundle", {{"instance_id", Value::string("a/b")}});
  ASSERT_TRUE(diags.has_errors());
  EXPECT_EQ(path_of_first_error(diags), "instance_id");
  EXPECT_FALSE(validate("rds_ssl_ca_bundle", {{"instance_id", Value::string("a1")}}).has_errors());
  EXPECT_FALSE(validate("rds_ssl_ca_bundle", {{"instance_id", Value::unknown(rds::core::Type::string())}})
                   .has_errors());
}

TEST_F(DataSourceValidate, ReadBeforeConfigureSaysTheProviderIsNotConfigured) {
  auto source = data_source("rds_instances");
  auto result = source->read({.config = Value::object(source->schema().value_type(), {})});
  ASSERT_TRUE(result.diagnostics.has_errors());
  EXPECT_EQ(result.diagnostics.items().front().summary, "Provider not configured");
}

}  // namespace
}  // namespace rds::data_sources
