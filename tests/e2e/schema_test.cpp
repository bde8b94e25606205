// Issues 2 and 8: `terraform providers schema -json` shows the provider, rds_instance_ssl and the data
// sources with every argument, each described, and the secrets marked sensitive.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/e2e/support/e2e_test.h"

namespace rds::testing {
namespace {

class ProvidersSchema : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    if (HasFatalFailure()) return;
    TerraformWorkspace workspace;
    workspace.write_config("provider \"rds\" {}\n" + ssl_resource("x", "inst-1", true));
    schema_ = workspace.provider_schema();
  }

  static void expect_described(const nlohmann::json& block, const std::string& name) {
    ASSERT_TRUE(block["attributes"].contains(name))
        << "attribute '" << name << "' missing from " << block.dump(2);
    const auto& attribute = block["attributes"][name];
    EXPECT_FALSE(attribute.value("description", "").empty())
        << "attribute '" << name << "' has no description";
  }

  nlohmann::json schema_;
};

// The names of `block`'s attributes, sorted: a test that lists them all fails when one is added unlisted.
std::vector<std::string> attribute_names(const nlohmann::json& block) {
  std::vector<std::string> names;
  for (const auto& [name, attribute] : block["attributes"].items()) names.push_back(name);
  std::sort(names.begin(), names.end());
  return names;
}

TEST_F(ProvidersSchema, ListsEveryProviderArgumentWithADescription) {
  const auto& block = schema_["provider"]["block"];
  std::vector<std::string> expected = {"region",         "project_id",  "endpoint",
                                       "auth_url",       "access_key",  "secret_key",
                                       "security_token", "token",       "user_name",
                                       "password",       "domain_name", "insecure",
                                       "cacert_file",    "max_retries", "request_timeout",
                                       "project_name",   "cloud",       "max_requests_per_second",
                                       "batch_reads"};
  for (const auto& name : expected) {
    expect_described(block, name);
    EXPECT_FALSE(block["attributes"][name].value("required", false))
        << name << " must be optional (env fallback)";
  }
  EXPECT_EQ(block["attributes"]["request_timeout"]["type"], "string");
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(attribute_names(block), expected) << "every provider argument is listed (and tested) here";
}

TEST_F(ProvidersSchema, MarksProviderSecretsSensitive) {
  const auto& attributes = schema_["provider"]["block"]["attributes"];
  for (const char* name : {"secret_key", "security_token", "token", "password"}) {
    EXPECT_TRUE(attributes[name].value("sensitive", false)) << name << " must be sensitive";
  }
  for (const char* name : {"region", "access_key", "user_name"}) {
    EXPECT_FALSE(attributes[name].value("sensitive", false)) << name << " need not be hidden";
  }
}

TEST_F(ProvidersSchema, ListsRdsInstanceSslWithEveryAttributeDescribed) {
  ASSERT_TRUE(schema_["resource_schemas"].contains("rds_instance_ssl")) << schema_.dump(2);
  const auto& block = schema_["resource_schemas"]["rds_instance_ssl"]["block"];
  std::vector<std::string> expected = {"id",    "instance_id",   "ssl_enable", "disable_on_destroy",
                                       "name",  "instance_name", "engine",     "engine_version",
                                       "region"};
  for (const auto& name : expected) expect_described(block, name);
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(attribute_names(block), expected);

  const auto& attributes = block["attributes"];
  // What the API says about the instance, for plan reviews: computed only, never set in a config.
  for (const char* name : {"id", "name", "instance_name", "engine", "engine_version"}) {
    EXPECT_TRUE(attributes[name].value("computed", false)) << name;
    EXPECT_FALSE(attributes[name].value("optional", false)) << name << " is not an argument";
    EXPECT_EQ(attributes[name]["type"], "string") << name;
  }
  EXPECT_TRUE(attributes["instance_id"].value("required", false));
  EXPECT_TRUE(attributes["ssl_enable"].value("required", false));
  EXPECT_TRUE(attributes["disable_on_destroy"].value("optional", false));
  EXPECT_EQ(attributes["ssl_enable"]["type"], "bool");
  EXPECT_EQ(attributes["instance_id"]["type"], "string");
  // Defaults to the provider's region, and the state records the region used.
  EXPECT_TRUE(attributes["region"].value("optional", false) && attributes["region"].value("computed", false));
}

TEST_F(ProvidersSchema, ListsTheDataSourcesWithEveryAttributeDescribed) {
  const auto& data_sources = schema_["data_source_schemas"];
  const std::vector<std::string> instance_fields = {
      "id",   "name",        "status",     "type",   "engine",  "engine_version", "ssl_enable",
      "port", "private_ips", "public_ips", "region", "created", "updated"};
  ASSERT_TRUE(data_sources.contains("rds_instance")) << schema_.dump(2);
  for (const auto& name : instance_fields) expect_described(data_sources["rds_instance"]["block"], name);
  const auto& instance = data_sources["rds_instance"]["block"]["attributes"];
  EXPECT_TRUE(instance["id"].value("optional", false) && instance["id"].value("computed", false));
  EXPECT_TRUE(instance["name"].value("optional", false) && instance["name"].value("computed", false));

  ASSERT_TRUE(data_sources.contains("rds_instances")) << schema_.dump(2);
  for (const char* name : {"name", "engine", "type", "ssl_enable", "instances", "ids"})
    expect_described(data_sources["rds_instances"]["block"], name);
  const auto& element = data_sources["rds_instances"]["block"]["attributes"]["instances"]["type"][1][1];
  for (const auto& name : instance_fields) EXPECT_TRUE(element.contains(name)) << name << " in " << element;

  ASSERT_TRUE(data_sources.contains("rds_ssl_certificates")) << schema_.dump(2);
  for (const char* name : {"instance_id", "certificates"})
    expect_described(data_sources["rds_ssl_certificates"]["block"], name);
  EXPECT_TRUE(
      data_sources["rds_ssl_certificates"]["block"]["attributes"]["instance_id"].value("required", false));

  ASSERT_TRUE(data_sources.contains("rds_ssl_ca_bundle")) << schema_.dump(2);
  for (const char* name : {"instance_id", "category", "download_link", "pem", "not_after", "certificates"})
    expect_described(data_sources["rds_ssl_ca_bundle"]["block"], name);
  const auto& bundle = data_sources["rds_ssl_ca_bundle"]["block"]["attributes"];
  EXPECT_TRUE(bundle["instance_id"].value("required", false));
  EXPECT_TRUE(bundle["category"].value("optional", false) && bundle["category"].value("computed", false));
  // Every data source reads in the provider's region unless told another.
  for (const char* source : {"rds_instance", "rds_instances", "rds_ssl_certificates", "rds_ssl_ca_bundle"}) {
    const auto& region = data_sources[source]["block"]["attributes"]["region"];
    EXPECT_TRUE(region.value("optional", false) && region.value("computed", false)) << source;
  }
  const auto& certificate = bundle["certificates"]["type"][1][1];
  for (const char* name : {"subject", "issuer", "not_before", "not_after", "sha256_fingerprint"})
    EXPECT_TRUE(certificate.contains(name)) << name << " in " << certificate;
}

TEST_F(ProvidersSchema, DescribesTheTimeoutsBlock) {
  const auto& block = schema_["resource_schemas"]["rds_instance_ssl"]["block"];
  ASSERT_TRUE(block.contains("block_types") && block["block_types"].contains("timeouts")) << block.dump(2);
  const auto& timeouts = block["block_types"]["timeouts"]["block"];
  for (const char* name : {"create", "update", "delete"}) {
    expect_described(timeouts, name);
    EXPECT_EQ(timeouts["attributes"][name]["type"], "string") << name;
  }
}

}  // namespace
}  // namespace rds::testing
