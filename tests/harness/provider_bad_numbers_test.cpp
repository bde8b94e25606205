// The real terraform-provider-rds given 100,000-digit numbers, over protocol 5 and protocol 6. Terraform
// sends a number that fits neither int64 nor float64 as its decimal text (`max_retries = 1e100000`
// arrives as 100,001 digits); parsing one used to overflow the stack and kill the provider, which
// Terraform reports as "the plugin did not respond". Now it is an error diagnostic on the attribute.
//
// The test walks the schemas the provider returns: every attribute of type number, in every block of
// the provider, resource and data source schemas, gets the huge number, so an attribute added later is
// covered without touching this file. Configs are encoded here from the wire schema (msgpack by hand),
// independent of the provider's own codec.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "tests/harness/plugin_process.h"
#include "tests/harness/wire_config.h"
#include "tests/protocol/version_traits.h"

namespace rds::testing {
namespace {

// A 100,000-digit number as msgpack carries big numbers, and one that is malformed at its end.
const std::vector<std::string> kHugeNumbers = {std::string(100000, '9'), std::string(100000, '9') + "x"};

// The block as an object whose `target`-th number attribute (in walk order) holds `number` and whose
// other attributes are null; nested blocks hold one such object each, so that their number attributes
// are reached too. The names of all number attributes are added to `numeric`. One number at a time: the
// provider's decoder stops at the first bad value, and every attribute must be shown to refuse one.
template <class Block>
std::string object_with_number(const Block& block, const std::string& number,
                               std::vector<std::string>& numeric, size_t target) {
  std::string out = map_header(static_cast<size_t>(block.attributes_size() + block.block_types_size()));
  for (const auto& attribute : block.attributes()) {
    out += msgpack_string(attribute.name());
    if (attribute.type() == R"("number")") {
      out += numeric.size() == target ? msgpack_string(number) : std::string(kNil);
      numeric.push_back(attribute.name());
    } else {
      out += kNil;
    }
  }
  for (const auto& nested : block.block_types()) {
    using Nested = std::decay_t<decltype(nested)>;
    out += msgpack_string(nested.type_name());
    const std::string element = object_with_number(nested.block(), number, numeric, target);
    if (nested.nesting() == Nested::LIST || nested.nesting() == Nested::SET) {
      out += "\x91" + element;  // an array of one
    } else if (nested.nesting() == Nested::MAP) {
      out += map_header(1) + msgpack_string("key") + element;
    } else {
      out += element;  // SINGLE or GROUP
    }
  }
  return out;
}

template <class P>
class ProviderBadNumbers : public ::testing::Test {
 protected:
  // Sends the schema's config with `number` in every number attribute through `validate`, the
  // validate RPC of `Rpc`; expects an answer (not a dead plugin) with an error naming each of those
  // attributes. Returns the names, empty when the schema has no number attribute (then nothing is sent).
  template <class Rpc, class SchemaMessage, class Validate>
  std::vector<std::string> expect_rejected(typename P::Stub& stub, Validate validate,
                                           const std::string& label, const SchemaMessage& schema,
                                           const std::string& number, const std::string& type_name = "") {
    std::vector<std::string> numeric;
    for (size_t target = 0; target == 0 || target < numeric.size(); ++target) {
      numeric.clear();
      const std::string config = object_with_number(schema.block(), number, numeric, target);
      if (numeric.empty()) return numeric;
      typename Rpc::Request request;
      if constexpr (requires { request.set_type_name(type_name); }) request.set_type_name(type_name);
      request.mutable_config()->set_msgpack(config);
      typename Rpc::Response response;
      auto context = PluginProcess::context(std::chrono::seconds(30));
      const grpc::Status status = validate(stub, context.get(), request, &response);
      EXPECT_TRUE(status.ok()) << label << ": " << status.error_message();
      EXPECT_TRUE(has_error_naming(response.diagnostics(), numeric[target]))
          << label << " accepted a " << number.size() << "-character number in " << numeric[target] << ":\n"
          << describe(response.diagnostics());
    }
    return numeric;
  }
};

using Protocols = ::testing::Types<V5, V6>;
TYPED_TEST_SUITE(ProviderBadNumbers, Protocols);

TYPED_TEST(ProviderBadNumbers, HundredThousandDigitNumbersInEveryNumberAttributeAreErrorsNotCrashes) {
  using P = TypeParam;
  PluginOptions options;
  options.binary = provider_binary_path();
  options.protocol_versions = {P::kVersion};
  PluginProcess plugin(options);
  auto stub = plugin.template stub<P>();
  typename P::GetSchema::Response schema;
  auto schema_context = PluginProcess::context();
  ASSERT_TRUE(P::get_schema(*stub, schema_context.get(), {}, &schema).ok());

  for (const std::string& number : kHugeNumbers) {
    const auto provider_numbers = this->template expect_rejected<typename P::ValidateProvider>(
        *stub, P::validate_provider, "provider", schema.provider(), number);
    EXPECT_NE(std::find(provider_numbers.begin(), provider_numbers.end(), "max_retries"),
              provider_numbers.end())
        << "the walk over the provider schema missed max_retries";
    for (const auto& [type_name, resource] : schema.resource_schemas()) {
      this->template expect_rejected<typename P::ValidateResource>(*stub, P::validate_resource, type_name,
                                                                   resource, number, type_name);
    }
    for (const auto& [type_name, data_source] : schema.data_source_schemas()) {
      this->template expect_rejected<typename P::ValidateData>(*stub, P::validate_data, type_name,
                                                               data_source, number, type_name);
    }
  }

  EXPECT_TRUE(plugin.process().running()) << plugin.process().stderr_so_far();
  typename P::GetSchema::Response again;
  auto again_context = PluginProcess::context();
  EXPECT_TRUE(P::get_schema(*stub, again_context.get(), {}, &again).ok()) << "the plugin stopped answering";
  EXPECT_EQ(plugin.shutdown(), 0);
}

}  // namespace
}  // namespace rds::testing
