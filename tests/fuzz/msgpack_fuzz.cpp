// The schema-driven msgpack decoder (provider/core/msgpack.h) on arbitrary bytes, against the types
// Terraform really sends us: the provider block's config and rds_instance_ssl's config/plan/state. A third
// type holds the kinds those schemas do not use (number, list, set, map, dynamic), since the codec serves
// any schema. Contract: decoding returns a value of the requested type or throws CodecError; a decoded
// value encodes without error, decodes back to an equal value, and re-encodes to the same bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "provider/config/provider_schema.h"
#include "provider/core/msgpack.h"
#include "provider/resources/instance_ssl_schema.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using rds::core::CodecError;
using rds::core::Type;
using rds::core::Value;

Type every_kind() {
  return Type::object(
      {{"count", Type::number()},
       {"tags", Type::map(Type::string())},
       {"ports", Type::list(Type::number())},
       {"zones", Type::set(Type::string())},
       {"rules", Type::set(Type::object({{"port", Type::number()}, {"on", Type::boolean()}}))},
       {"extra", Type::dynamic()},
       {"nested", Type::list(Type::map(Type::dynamic()))}});
}

const std::vector<Type>& types() {
  static const std::vector<Type> all = {rds::config::provider_schema().value_type(),
                                        rds::resources::instance_ssl::schema().value_type(), every_kind()};
  return all;
}

void check_round_trip(std::string_view bytes, const Type& type) {
  Value value;
  if (!rds::fuzz::returns_or_throws<CodecError>([&] { value = rds::core::decode_msgpack(bytes, type); }))
    return;
  FUZZ_CHECK(value.type() == type, "decoded a " + value.type().to_string() + " for " + type.to_string());
  std::string encoded;
  try {
    encoded = rds::core::encode_msgpack(value, type);
  } catch (const CodecError& e) {
    FUZZ_CHECK(false, std::string("a decoded value does not encode: ") + e.what());
  }
  Value again;
  try {
    again = rds::core::decode_msgpack(encoded, type);
  } catch (const CodecError& e) {
    FUZZ_CHECK(false, std::string("encode(decode(x)) does not decode: ") + e.what());
  }
  FUZZ_CHECK(again == value,
             "decode(encode(v)) != v\n  v:     " + value.to_string() + "\n  again: " + again.to_string());
  FUZZ_CHECK(rds::core::encode_msgpack(again, type) == encoded, "re-encoding changed the bytes");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (const Type& type : types()) check_round_trip(bytes, type);
  return 0;
}
