// Bytes from the wire are untrusted: whatever Terraform (or a broken client) sends, decoding either
// yields a value or throws CodecError with context — never a crash, a hang or another exception type.
// Deterministic: the mutations come from a fixed seed, so a failure reproduces.
#include <gtest/gtest.h>

#include <random>

#include "provider/core/msgpack.h"
#include "tests/support/returns_or_throws.h"

namespace rds::core {
namespace {

// The shape of rds_instance_ssl's state, plus the collection and dynamic kinds the codec also handles.
Type resource_like_type() {
  return Type::object({{"id", Type::string()},
                       {"instance_id", Type::string()},
                       {"ssl_enable", Type::boolean()},
                       {"retries", Type::number()},
                       {"tags", Type::map(Type::string())},
                       {"ports", Type::list(Type::number())},
                       {"zones", Type::set(Type::string())},
                       {"extra", Type::dynamic()},
                       {"timeouts", Type::object({{"create", Type::string()}, {"delete", Type::string()}})}});
}

Value resource_like_value(const Type& type) {
  return Value::object(type,
                       {{"id", Value::string("db1")},
                        {"instance_id", Value::string("db1")},
                        {"ssl_enable", Value::boolean(true)},
                        {"retries", Value::number(3.5)},
                        {"tags", Value::map(Type::string(), {{"env", Value::string("prod")}})},
                        {"ports", Value::list(Type::number(), {Value::number(3306), Value::number(-1)})},
                        {"zones", Value::set(Type::string(), {Value::string("a"), Value::string("b")})},
                        {"extra", Value::list(Type::string(), {Value::string("x")})},
                        {"timeouts", Value::unknown(type.attributes().at("timeouts"))}});
}

bool decodes(const std::string& bytes, const Type& type) {
  return rds::testing::returns_or_throws<CodecError>([&] { decode_msgpack(bytes, type); });
}

TEST(MsgpackMutation, TheValidEncodingRoundTrips) {
  const Type type = resource_like_type();
  const Value value = resource_like_value(type);
  EXPECT_EQ(decode_msgpack(encode_msgpack(value, type), type), value);
}

TEST(MsgpackMutation, EveryTruncationIsACodecError) {
  const Type type = resource_like_type();
  const std::string valid = encode_msgpack(resource_like_value(type), type);
  for (size_t length = 0; length < valid.size(); ++length) {
    EXPECT_FALSE(decodes(valid.substr(0, length), type)) << "prefix of " << length << " bytes decoded";
  }
}

TEST(MsgpackMutation, RandomByteChangesNeverCrashTheDecoder) {
  const Type type = resource_like_type();
  const std::string valid = encode_msgpack(resource_like_value(type), type);
  std::mt19937 random(20261128);
  std::uniform_int_distribution<size_t> position(0, valid.size() - 1);
  std::uniform_int_distribution<int> byte(0, 255), changes(1, 4);
  for (int round = 0; round < 20000; ++round) {
    std::string mutated = valid;
    for (int i = changes(random); i > 0; --i) mutated[position(random)] = static_cast<char>(byte(random));
    decodes(mutated, type);
  }
}

TEST(MsgpackMutation, RandomBytesNeverCrashTheDecoder) {
  const Type type = resource_like_type();
  std::mt19937 random(42);
  std::uniform_int_distribution<int> byte(0, 255), length(0, 64);
  for (int round = 0; round < 20000; ++round) {
    std::string bytes(length(random), '\0');
    for (auto& c : bytes) c = static_cast<char>(byte(random));
    decodes(bytes, type);
    decodes(bytes, Type::dynamic());
  }
}

}  // namespace
}  // namespace rds::core
