// Docs that cannot drift. `terraform providers schema -json` is compared with docs/:
// every argument, attribute and nested block of the provider, every resource and every data source is
// documented on its page as "- `name` ...", and nothing documented there is missing from the schema.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "tests/e2e/support/e2e_test.h"

namespace rds::testing {
namespace {

const std::filesystem::path kDocs = std::filesystem::path(RDS_E2E_EXAMPLES_DIR).parent_path() / "docs";

std::string read(const std::filesystem::path& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// Every name a block's schema has: attributes, nested blocks and (recursively) their attributes, and the
// fields of nested object types (a list of objects, as rds_instances' `instances`).
void collect_names(const nlohmann::json& block, std::set<std::string>& names) {
  const nlohmann::json attributes = block.value("attributes", nlohmann::json::object());
  for (const auto& [name, attribute] : attributes.items()) {
    names.insert(name);
    // cty type JSON: ["list", ["object", {"field": type, ...}]] and the like.
    std::vector<const nlohmann::json*> types{&attribute["type"]};
    while (!types.empty()) {
      const nlohmann::json* type = types.back();
      types.pop_back();
      if (!type->is_array()) continue;
      if (type->size() == 2 && (*type)[0] == "object" && (*type)[1].is_object()) {
        for (const auto& [field, field_type] : (*type)[1].items()) {
          names.insert(field);
          types.push_back(&field_type);
        }
      } else if (type->size() == 2) {
        types.push_back(&(*type)[1]);
      }
    }
  }
  const nlohmann::json block_types = block.value("block_types", nlohmann::json::object());
  for (const auto& [name, nested] : block_types.items()) {
    names.insert(name);
    collect_names(nested["block"], names);
  }
}

// The names a page documents: lines "- `name` ..." (the registry's argument and attribute lists).
std::set<std::string> documented_names(const std::string& page) {
  static const std::regex entry(R"(^\s*[-*] `([a-z_0-9]+)`)", std::regex::multiline);
  std::set<std::string> names;
  for (std::sregex_iterator it(page.begin(), page.end(), entry), end; it != end; ++it) names.insert((*it)[1]);
  return names;
}

class DocsMatchTheSchema : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    if (HasFatalFailure()) return;
    TerraformWorkspace workspace;
    workspace.write_config("provider \"rds\" {}\n" + ssl_resource("x", "inst-1", true));
    schema_ = workspace.provider_schema();
  }

  // The page of a resource or data source: docs/<kind>/<type without "rds_">.md.
  static std::filesystem::path page_of(const std::string& kind, const std::string& type_name) {
    return kDocs / kind / (type_name.substr(std::string("rds_").size()) + ".md");
  }

  static void expect_page_matches(const std::filesystem::path& page, const nlohmann::json& block) {
    ASSERT_TRUE(std::filesystem::exists(page)) << page << " is missing";
    std::set<std::string> in_schema;
    collect_names(block, in_schema);
    const std::set<std::string> in_docs = documented_names(read(page));
    for (const auto& name : in_schema)
      EXPECT_TRUE(in_docs.count(name)) << "`" << name << "` is in the schema but not documented in " << page;
    for (const auto& name : in_docs)
      EXPECT_TRUE(in_schema.count(name))
          << "`" << name << "` is documented in " << page << " but not in the schema";
  }

  nlohmann::json schema_;
};

TEST_F(DocsMatchTheSchema, TheProviderPageDocumentsEveryArgument) {
  expect_page_matches(kDocs / "index.md", schema_["provider"]["block"]);
}

TEST_F(DocsMatchTheSchema, EveryResourcePageDocumentsItsSchema) {
  ASSERT_FALSE(schema_["resource_schemas"].empty());
  for (const auto& [type_name, resource] : schema_["resource_schemas"].items()) {
    SCOPED_TRACE(type_name);
    expect_page_matches(page_of("resources", type_name), resource["block"]);
  }
}

TEST_F(DocsMatchTheSchema, EveryDataSourcePageDocumentsItsSchema) {
  const nlohmann::json data_sources = schema_.value("data_source_schemas", nlohmann::json::object());
  ASSERT_FALSE(data_sources.empty()) << "the provider lists no data source";
  for (const auto& [type_name, data_source] : data_sources.items()) {
    SCOPED_TRACE(type_name);
    expect_page_matches(page_of("data-sources", type_name), data_source["block"]);
  }
}

// The other way round: a page whose type the provider does not have (renamed, removed) is a stale page.
TEST_F(DocsMatchTheSchema, EveryPageBelongsToATypeOfTheSchema) {
  for (const auto& [kind, schemas] :
       {std::pair{"resources", "resource_schemas"}, std::pair{"data-sources", "data_source_schemas"}}) {
    int pages = 0;
    for (const auto& entry : std::filesystem::directory_iterator(kDocs / kind)) {
      ++pages;
      const std::string type_name = "rds_" + entry.path().stem().string();
      EXPECT_TRUE(schema_[schemas].contains(type_name))
          << entry.path() << " documents " << type_name << ", which the provider does not have";
    }
    EXPECT_EQ(pages, static_cast<int>(schema_[schemas].size())) << kind;
  }
}

}  // namespace
}  // namespace rds::testing
