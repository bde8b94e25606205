// Stored state as Terraform hands it back in UpgradeResourceState: raw JSON under a schema version. The
// input is "<version>\n<raw state JSON>" (without a leading integer line, all of it is the JSON and the
// version is 0). Contracts:
// - decode_state_json (provider/core/json.h) returns a wholly known value of the type or throws CodecError,
//   and what it returns survives encode_json -> decode_state_json unchanged; a strict decode_json that
//   succeeds agrees with it;
// - InstanceSslResource::upgrade_state never throws: a newer version or undecodable JSON is an error
//   diagnostic, anything else upgrades without one to a wholly known state of the current schema with
//   disable_on_destroy filled and the id set when an instance is named, and upgrading again changes nothing.
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "provider/core/json.h"
#include "provider/core/msgpack.h"
#include "provider/resources/instance_ssl_schema.h"
#include "provider/resources/instance_ssl_state.h"
#include "provider/resources/rds_instance_ssl.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using rds::core::CodecError;
using rds::core::Type;
using rds::core::UpgradeRequest;
using rds::core::UpgradeResult;
using rds::core::Value;
namespace ssl = rds::resources::instance_ssl;

// The version line, if the input starts with one; `raw` is left holding the JSON.
int64_t take_version(std::string_view& raw) {
  const auto newline = raw.find('\n');
  if (newline == std::string_view::npos) return 0;
  int64_t version = 0;
  const auto [end, ec] = std::from_chars(raw.data(), raw.data() + newline, version);
  if (ec != std::errc() || end != raw.data() + newline) return 0;
  raw.remove_prefix(newline + 1);
  return version;
}

void check_decode(std::string_view raw, const Type& type) {
  Value state;
  const bool decoded =
      rds::fuzz::returns_or_throws<CodecError>([&] { state = rds::core::decode_state_json(raw, type); });
  Value strict;
  const bool strict_decoded =
      rds::fuzz::returns_or_throws<CodecError>([&] { strict = rds::core::decode_json(raw, type); });
  FUZZ_CHECK(!strict_decoded || (decoded && strict == state),
             "the strict decoder accepts what the lenient one refuses or reads it differently");
  if (!decoded) return;
  FUZZ_CHECK(state.type() == type, "decoded a " + state.type().to_string());
  FUZZ_CHECK(state.is_wholly_known(), "JSON decoded to an unknown value: " + state.to_string());
  std::string json;
  try {
    json = rds::core::encode_json(state, type);
  } catch (const CodecError& e) {
    FUZZ_CHECK(false, std::string("a decoded state does not encode as JSON: ") + e.what());
  }
  Value again;
  try {
    again = rds::core::decode_state_json(json, type);
  } catch (const CodecError& e) {
    FUZZ_CHECK(false, std::string("encode_json(decode(x)) does not decode: ") + e.what() + "\n  " + json);
  }
  FUZZ_CHECK(again == state,
             "JSON round trip changed the state: " + state.to_string() + " -> " + again.to_string());
}

void check_upgraded(const Value& state, const Type& type) {
  FUZZ_CHECK(state.type() == type, "upgraded to a " + state.type().to_string());
  FUZZ_CHECK(state.is_wholly_known(), "upgraded state is not wholly known: " + state.to_string());
  try {
    (void)rds::core::encode_msgpack(state, type);
  } catch (const CodecError& e) {
    FUZZ_CHECK(false, std::string("upgraded state does not encode: ") + e.what());
  }
  if (state.is_null()) return;
  FUZZ_CHECK(!state.attr(ssl::kDisableOnDestroy).is_null(), "disable_on_destroy left null");
  if (!ssl::instance_id_of(state).empty())
    FUZZ_CHECK(!state.attr(ssl::kId).is_null(), "id left null though the state names an instance");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view raw(reinterpret_cast<const char*>(data), size);
  const int64_t version = take_version(raw);
  const Type type = ssl::schema().value_type();
  check_decode(raw, type);

  // The resource needs no configured client to upgrade state: upgrading never calls the API.
  static rds::resources::InstanceSslResource resource(std::make_shared<rds::config::ProviderContext>());
  UpgradeResult result;
  try {
    result = resource.upgrade_state(UpgradeRequest{.version = version, .raw_state_json = std::string(raw)});
  } catch (const std::exception& e) {
    FUZZ_CHECK(false, std::string("upgrade_state threw: ") + e.what());
  }
  bool decodes = true;
  bool names_an_instance = true;  // a state object must say which instance it is about
  try {
    const Value decoded = rds::core::decode_state_json(raw, type);
    names_an_instance = decoded.is_null() || !ssl::instance_id_of(decoded).empty();
  } catch (const CodecError&) {
    decodes = false;
  }
  const bool refused = version < 0 || version > ssl::schema().version || !decodes || !names_an_instance;
  FUZZ_CHECK(result.diagnostics.has_errors() == refused,
             "upgrade_state " + std::string(refused ? "accepted" : "refused") + " version " +
                 std::to_string(version) + (decodes ? "" : " of undecodable JSON") +
                 (names_an_instance ? "" : " of a state that names no instance"));
  if (refused) return 0;
  check_upgraded(result.upgraded_state, type);

  const UpgradeResult again = resource.upgrade_state(
      UpgradeRequest{.version = ssl::schema().version,
                     .raw_state_json = rds::core::encode_json(result.upgraded_state, type)});
  FUZZ_CHECK(!again.diagnostics.has_errors() && again.upgraded_state == result.upgraded_state,
             "upgrading an upgraded state changed it: " + result.upgraded_state.to_string());
  return 0;
}
