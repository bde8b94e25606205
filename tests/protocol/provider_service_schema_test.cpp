// GetProviderSchema and GetMetadata through make_provider_service(), protocol 5 and 6.
#include <gtest/gtest.h>

#include "tests/protocol/provider_service_fixture.h"

namespace rds::protocol {
namespace {

using namespace service_test;

TYPED_TEST_SUITE(ProviderServiceTest, Versions);

TYPED_TEST(ProviderServiceTest, SchemaCarriesAttributesFlagsDescriptionsAndNestedBlocks) {
  using V = TypeParam;
  auto schema = this->get_schema();
  ASSERT_EQ(schema.diagnostics_size(), 0);
  const auto& provider_block = schema.provider().block();
  ASSERT_EQ(provider_block.attributes_size(), 2);
  EXPECT_EQ(provider_block.attributes(0).name(), "region");
  EXPECT_EQ(provider_block.attributes(0).description(), "The `region`.");
  EXPECT_EQ(provider_block.attributes(0).description_kind(), V::kMarkdown);
  EXPECT_EQ(provider_block.attributes(1).description(), "A secret.");
  EXPECT_EQ(provider_block.attributes(1).description_kind(), V::kPlain);
  EXPECT_TRUE(provider_block.attributes(1).sensitive());
  EXPECT_EQ(provider_block.description(), "Test provider.");

  ASSERT_EQ(schema.resource_schemas().count("test_thing"), 1u);
  const auto& resource = schema.resource_schemas().at("test_thing");
  EXPECT_EQ(resource.version(), 1);
  const auto& id = resource.block().attributes(0);
  EXPECT_EQ(id.name(), "id");
  EXPECT_EQ(id.type(), "\"string\"");
  EXPECT_TRUE(id.computed());
  EXPECT_FALSE(id.optional());
  EXPECT_TRUE(resource.block().attributes(1).required());
  ASSERT_EQ(resource.block().block_types_size(), 1);
  EXPECT_EQ(resource.block().block_types(0).type_name(), "timeouts");
  EXPECT_EQ(resource.block().block_types(0).nesting(), V::NestedBlock::SINGLE);
  EXPECT_TRUE(schema.server_capabilities().plan_destroy());
  EXPECT_FALSE(schema.server_capabilities().get_provider_schema_optional());
}

TYPED_TEST(ProviderServiceTest, MetadataListsEveryResourceTypeAndDataSource) {
  using V = TypeParam;
  auto response = this->template call<typename V::GetMetadata::Request, typename V::GetMetadata::Response>(
      [&](auto& c, auto& q, auto& r) { return this->stub_->GetMetadata(&c, q, &r); }, {});
  ASSERT_EQ(response.resources_size(), 1);
  EXPECT_EQ(response.resources(0).type_name(), "test_thing");
  ASSERT_EQ(response.data_sources_size(), 1);
  EXPECT_EQ(response.data_sources(0).type_name(), "test_lookup");
}

TYPED_TEST(ProviderServiceTest, SchemaCarriesDataSourceSchemas) {
  auto schema = this->get_schema();
  ASSERT_EQ(schema.data_source_schemas().count("test_lookup"), 1u);
  const auto& block = schema.data_source_schemas().at("test_lookup").block();
  ASSERT_EQ(block.attributes_size(), 2);
  EXPECT_EQ(block.attributes(0).name(), "query");
  EXPECT_TRUE(block.attributes(0).required());
  EXPECT_EQ(block.attributes(1).name(), "answer");
  EXPECT_TRUE(block.attributes(1).computed());
  EXPECT_EQ(schema.data_source_schemas().count("test_thing"), 0u) << "resources are not data sources";
}

}  // namespace
}  // namespace rds::protocol
