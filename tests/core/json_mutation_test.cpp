// UpgradeResourceState hands the provider stored state as JSON, which may be old, hand-edited or
// damaged: decoding either yields a value or throws CodecError — never a crash or another exception.
#include <gtest/gtest.h>

#include <random>

#include "provider/core/codec_error.h"
#include "provider/core/json.h"
#include "tests/support/returns_or_throws.h"

namespace rds::core {
namespace {

Type state_type() {
  return Type::object({{"id", Type::string()},
                       {"instance_id", Type::string()},
                       {"ssl_enable", Type::boolean()},
                       {"disable_on_destroy", Type::boolean()},
                       {"ports", Type::list(Type::number())},
                       {"timeouts", Type::object({{"create", Type::string()}, {"delete", Type::string()}})}});
}

const std::string kStoredState =
    R"({"id":"db1","instance_id":"db1","ssl_enable":true,"disable_on_destroy":false,"retired":"x",)"
    R"("ports":[3306,1e3,-0.5],"timeouts":{"create":"30m","delete":null}})";

bool decodes(const std::string& text) {
  return rds::testing::returns_or_throws<CodecError>([&] { decode_state_json(text, state_type()); });
}

TEST(JsonMutation, TheStoredStateDecodesDroppingTheRetiredAttribute) {
  const Value state = decode_state_json(kStoredState, state_type());
  EXPECT_EQ(state.attr("ssl_enable"), Value::boolean(true));
}

TEST(JsonMutation, EveryTruncationIsACodecError) {
  for (size_t length = 0; length < kStoredState.size(); ++length) {
    EXPECT_FALSE(decodes(kStoredState.substr(0, length))) << "prefix of " << length << " bytes decoded";
  }
}

TEST(JsonMutation, RandomByteChangesNeverCrashTheDecoder) {
  std::mt19937 random(20261128);
  std::uniform_int_distribution<size_t> position(0, kStoredState.size() - 1);
  std::uniform_int_distribution<int> byte(0, 255), changes(1, 3);
  for (int round = 0; round < 20000; ++round) {
    std::string mutated = kStoredState;
    for (int i = changes(random); i > 0; --i) mutated[position(random)] = static_cast<char>(byte(random));
    decodes(mutated);
  }
}

TEST(JsonMutation, DeeplyNestedInputIsACodecError) {
  EXPECT_FALSE(decodes(std::string(100000, '[') + std::string(100000, ']')));
}

}  // namespace
}  // namespace rds::core
