// The real terraform-provider-rds started as Terraform starts it (AutoMTLS, handshake), then
// GetProviderSchema / GetMetadata and the validate RPCs over protocol 5 AND protocol 6.
// Configs are encoded from the schema the provider returned (tests/harness/wire_config.h), so the
// test depends on the wire format only, not on the provider's own codec.
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>

#include "tests/harness/plugin_process.h"
#include "tests/harness/wire_config.h"

namespace rds::testing {
namespace {

// --- minimal msgpack reader: a value as comparable text ({"k":v,...} with keys sorted, [..], "s", 7,
// true, null, unknown) so that two encodings of the same value compare equal whatever their key order.
class MsgpackText {
 public:
  explicit MsgpackText(const std::string& bytes) : bytes_(bytes) {}
  // The whole input as one value; throws when it is malformed or has trailing bytes.
  std::string value_text() {
    std::string text = next();
    if (at_ != bytes_.size()) throw std::runtime_error("trailing bytes after the msgpack value");
    return text;
  }

 private:
  uint64_t take(std::size_t n) {
    if (at_ + n > bytes_.size()) throw std::runtime_error("msgpack value cut short");
    uint64_t value = 0;
    for (std::size_t i = 0; i < n; ++i) value = (value << 8) | static_cast<unsigned char>(bytes_[at_++]);
    return value;
  }
  std::string text(std::size_t n) {
    if (at_ + n > bytes_.size()) throw std::runtime_error("msgpack string cut short");
    std::string out = "\"" + bytes_.substr(at_, n) + "\"";
    at_ += n;
    return out;
  }
  std::string map(std::size_t n) {
    std::map<std::string, std::string> entries;
    for (std::size_t i = 0; i < n; ++i) {
      std::string key = next();
      entries[key] = next();
    }
    std::string out = "{";
    for (const auto& [key, value] : entries) out += (out.size() > 1 ? "," : "") + key + ":" + value;
    return out + "}";
  }
  std::string array(std::size_t n) {
    std::string out = "[";
    for (std::size_t i = 0; i < n; ++i) out += (i ? "," : "") + next();
    return out + "]";
  }
  std::string extension(std::size_t length) {
    take(1);  // the extension type: 0 plain, 12 with refinements; both are an unknown value
    if (at_ + length > bytes_.size()) throw std::runtime_error("msgpack extension cut short");
    at_ += length;
    return "unknown";
  }
  std::string next() {
    const auto b = static_cast<unsigned char>(take(1));
    if (b <= 0x7f) return std::to_string(b);
    if (b >= 0x80 && b <= 0x8f) return map(b & 0x0f);
    if (b >= 0x90 && b <= 0x9f) return array(b & 0x0f);
    if (b >= 0xa0 && b <= 0xbf) return text(b & 0x1f);
    if (b >= 0xe0) return std::to_string(static_cast<int>(b) - 256);
    switch (b) {
      case 0xc0:
        return "null";
      case 0xc2:
        return "false";
      case 0xc3:
        return "true";
      case 0xcc:
        return std::to_string(take(1));
      case 0xcd:
        return std::to_string(take(2));
      case 0xce:
        return std::to_string(take(4));
      case 0xd9:
        return text(take(1));
      case 0xda:
        return text(take(2));
      case 0xdc:
        return array(take(2));
      case 0xde:
        return map(take(2));
      case 0xd4:
        return extension(1);
      case 0xd5:
        return extension(2);
      case 0xd6:
        return extension(4);
      case 0xc7:
        return extension(take(1));
      default:
        throw std::runtime_error("msgpack byte not expected in a provider config: " + std::to_string(b));
    }
  }

  const std::string& bytes_;
  std::size_t at_ = 0;
};

std::string msgpack_text(const std::string& bytes) { return MsgpackText(bytes).value_text(); }

template <typename Diagnostic>
bool points_at(const Diagnostic& diagnostic, const std::string& attribute) {
  return diagnostic.severity() == Diagnostic::ERROR && diagnostic.attribute().steps_size() > 0 &&
         diagnostic.attribute().steps(0).attribute_name() == attribute;
}

PluginProcess start(int version) {
  PluginOptions options;
  options.binary = provider_binary_path();
  options.protocol_versions = {version};
  return PluginProcess(options);
}

template <typename Block>
void expect_described_attributes(const Block& block, const std::vector<std::string>& names) {
  for (const auto& name : names) {
    bool found = false;
    for (const auto& attribute : block.attributes()) {
      if (attribute.name() != name) continue;
      found = true;
      EXPECT_FALSE(attribute.description().empty()) << name << " has no description";
    }
    EXPECT_TRUE(found) << "schema lacks " << name;
  }
}

const std::vector<std::string> kProviderAttributes = {
    "region", "project_id", "endpoint", "auth_url",    "access_key", "secret_key",  "security_token",
    "token",  "user_name",  "password", "domain_name", "insecure",   "cacert_file", "max_retries"};
const std::vector<std::string> kResourceAttributes = {"id", "instance_id", "ssl_enable",
                                                      "disable_on_destroy"};

// ---------------------------------------------------------------------------------------------
TEST(ProviderRpcV6, GetProviderSchemaDescribesProviderAndInstanceSsl) {
  auto plugin = start(6);
  ASSERT_EQ(plugin.protocol_version(), 6);
  tfplugin6::GetProviderSchema::Response schema;
  auto context = PluginProcess::context();
  ASSERT_TRUE(plugin.v6()->GetProviderSchema(context.get(), {}, &schema).ok());
  EXPECT_EQ(schema.diagnostics_size(), 0) << describe(schema.diagnostics());
  expect_described_attributes(schema.provider().block(), kProviderAttributes);
  ASSERT_EQ(schema.resource_schemas().count("rds_instance_ssl"), 1u);
  expect_described_attributes(schema.resource_schemas().at("rds_instance_ssl").block(), kResourceAttributes);
  for (const auto& attribute : schema.provider().block().attributes()) {
    if (attribute.name() == "secret_key" || attribute.name() == "password") {
      EXPECT_TRUE(attribute.sensitive()) << attribute.name();
    }
  }
}

TEST(ProviderRpcV6, GetMetadataListsInstanceSsl) {
  auto plugin = start(6);
  tfplugin6::GetMetadataMessage::Response metadata;
  auto context = PluginProcess::context();
  ASSERT_TRUE(plugin.v6()->GetMetadata(context.get(), {}, &metadata).ok());
  ASSERT_EQ(metadata.resources_size(), 1);
  EXPECT_EQ(metadata.resources(0).type_name(), "rds_instance_ssl");
}

TEST(ProviderRpcV6, ValidateRpcsAcceptAValidConfigAndPointAtAnEmptyInstanceId) {
  auto plugin = start(6);
  auto stub = plugin.v6();
  tfplugin6::GetProviderSchema::Response schema;
  auto schema_context = PluginProcess::context();
  ASSERT_TRUE(stub->GetProviderSchema(schema_context.get(), {}, &schema).ok());

  tfplugin6::ValidateProviderConfig::Request provider_request;
  provider_request.mutable_config()->set_msgpack(
      encode_object(schema.provider().block(), {{"region", msgpack_string("eu-de")}}));
  tfplugin6::ValidateProviderConfig::Response provider_response;
  auto provider_context = PluginProcess::context();
  ASSERT_TRUE(
      stub->ValidateProviderConfig(provider_context.get(), provider_request, &provider_response).ok());
  EXPECT_EQ(provider_response.diagnostics_size(), 0) << describe(provider_response.diagnostics());

  const auto& resource_block = schema.resource_schemas().at("rds_instance_ssl").block();
  tfplugin6::ValidateResourceConfig::Request good;
  good.set_type_name("rds_instance_ssl");
  good.mutable_config()->set_msgpack(
      encode_object(resource_block, {{"instance_id", msgpack_string("abc123in01")}, {"ssl_enable", kTrue}}));
  tfplugin6::ValidateResourceConfig::Response good_response;
  auto good_context = PluginProcess::context();
  ASSERT_TRUE(stub->ValidateResourceConfig(good_context.get(), good, &good_response).ok());
  EXPECT_EQ(good_response.diagnostics_size(), 0) << describe(good_response.diagnostics());

  tfplugin6::ValidateResourceConfig::Request bad = good;
  bad.mutable_config()->set_msgpack(
      encode_object(resource_block, {{"instance_id", msgpack_string("")}, {"ssl_enable", kTrue}}));
  tfplugin6::ValidateResourceConfig::Response bad_response;
  auto bad_context = PluginProcess::context();
  ASSERT_TRUE(stub->ValidateResourceConfig(bad_context.get(), bad, &bad_response).ok());
  ASSERT_GE(bad_response.diagnostics_size(), 1);
  EXPECT_TRUE(points_at(bad_response.diagnostics(0), "instance_id")) << describe(bad_response.diagnostics());
}

// ---------------------------------------------------------------------------------------------
TEST(ProviderRpcV5, GetSchemaDescribesProviderAndInstanceSsl) {
  auto plugin = start(5);
  ASSERT_EQ(plugin.protocol_version(), 5);
  tfplugin5::GetProviderSchema::Response schema;
  auto context = PluginProcess::context();
  ASSERT_TRUE(plugin.v5()->GetSchema(context.get(), {}, &schema).ok());
  EXPECT_EQ(schema.diagnostics_size(), 0) << describe(schema.diagnostics());
  expect_described_attributes(schema.provider().block(), kProviderAttributes);
  ASSERT_EQ(schema.resource_schemas().count("rds_instance_ssl"), 1u);
  expect_described_attributes(schema.resource_schemas().at("rds_instance_ssl").block(), kResourceAttributes);
}

// The provider adds no defaults, so Terraform must get back exactly the config it sent: strings, a
// bool, a number, nulls and an unknown (a value from a resource not yet created).
TEST(ProviderRpcV5, PrepareProviderConfigAnswersTheConfigItReceivedAndValidateResourceTypePointsAtAttribute) {
  auto plugin = start(5);
  auto stub = plugin.v5();
  tfplugin5::GetProviderSchema::Response schema;
  auto schema_context = PluginProcess::context();
  ASSERT_TRUE(stub->GetSchema(schema_context.get(), {}, &schema).ok());

  const std::string config =
      encode_object(schema.provider().block(), {{"region", msgpack_string("eu-de")},
                                                {"endpoint", msgpack_string("https://rds.example.test")},
                                                {"access_key", msgpack_string("AK")},
                                                {"secret_key", msgpack_string("SK")},
                                                {"project_id", kUnknown},
                                                {"insecure", kTrue},
                                                {"max_retries", std::string("\x03", 1)}});
  tfplugin5::PrepareProviderConfig::Request prepare;
  prepare.mutable_config()->set_msgpack(config);
  tfplugin5::PrepareProviderConfig::Response prepared;
  auto prepare_context = PluginProcess::context();
  ASSERT_TRUE(stub->PrepareProviderConfig(prepare_context.get(), prepare, &prepared).ok());
  EXPECT_EQ(prepared.diagnostics_size(), 0) << describe(prepared.diagnostics());
  EXPECT_EQ(msgpack_text(prepared.prepared_config().msgpack()), msgpack_text(config));

  const auto& resource_block = schema.resource_schemas().at("rds_instance_ssl").block();
  tfplugin5::ValidateResourceTypeConfig::Request bad;
  bad.set_type_name("rds_instance_ssl");
  bad.mutable_config()->set_msgpack(
      encode_object(resource_block, {{"instance_id", msgpack_string("")}, {"ssl_enable", kTrue}}));
  tfplugin5::ValidateResourceTypeConfig::Response bad_response;
  auto bad_context = PluginProcess::context();
  ASSERT_TRUE(stub->ValidateResourceTypeConfig(bad_context.get(), bad, &bad_response).ok());
  ASSERT_GE(bad_response.diagnostics_size(), 1);
  EXPECT_TRUE(points_at(bad_response.diagnostics(0), "instance_id")) << describe(bad_response.diagnostics());
}

TEST(ProviderRpc, ProviderBinaryRefusesToRunWithoutMagicCookie) {
  const auto result =
      run_to_completion({.argv = {provider_binary_path()},
                         .env = inherited_environment({.unset = {"TF_PLUGIN_MAGIC_COOKIE"}})});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "");
  EXPECT_NE(result.err.find("This binary is a plugin"), std::string::npos) << result.err;
}

TEST(ProviderRpc, ProviderBinaryShutsDownCleanlyAfterRpcs) {
  auto plugin = start(6);
  tfplugin6::GetProviderSchema::Response schema;
  auto context = PluginProcess::context();
  ASSERT_TRUE(plugin.v6()->GetProviderSchema(context.get(), {}, &schema).ok());
  EXPECT_EQ(plugin.shutdown(std::chrono::seconds(2)), 0);
}

}  // namespace
}  // namespace rds::testing
