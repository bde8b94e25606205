#include "provider/resources/instance_ssl_private.h"

#include <nlohmann/json.hpp>

namespace rds::resources::instance_ssl {
namespace {

constexpr const char* kSuccessor = "successor";
constexpr const char* kDestroyPlanned = "destroy_planned";
constexpr const char* kSwitchPending = "create_incomplete";

// Private state is small; anything far larger was not written by this provider.
constexpr size_t kMaxPrivateBytes = 64 * 1024;

}  // namespace

std::string encode_private(const PrivateState& state) {
  nlohmann::json json = nlohmann::json::object();
  if (state.successor) json[kSuccessor] = *state.successor;
  if (state.destroy_planned) json[kDestroyPlanned] = true;
  if (state.switch_pending) json[kSwitchPending] = true;
  return json.empty() ? std::string() : json.dump();
}

DecodedPrivate decode_private(const std::string& bytes) {
  DecodedPrivate decoded;
  if (bytes.empty()) return decoded;
  if (bytes.size() > kMaxPrivateBytes) {
    decoded.problem = "it is " + std::to_string(bytes.size()) + " bytes long";
    return decoded;
  }
  const auto json = nlohmann::json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) {
    decoded.problem = "it is not a JSON object";
    return decoded;
  }
  auto flag = [&](const char* key, bool& out) {
    const auto it = json.find(key);
    if (it == json.end()) return;
    if (it->is_boolean()) {
      out = it->get<bool>();
    } else {
      decoded.problem = std::string("\"") + key + "\" is not true or false";
    }
  };
  flag(kDestroyPlanned, decoded.state.destroy_planned);
  flag(kSwitchPending, decoded.state.switch_pending);
  if (const auto it = json.find(kSuccessor); it != json.end()) {
    if (it->is_string()) {
      decoded.state.successor = it->get<std::string>();
    } else {
      decoded.problem = std::string("\"") + kSuccessor + "\" is not a string";
    }
  }
  return decoded;
}

std::optional<PrivateState> private_state_or_error(const std::string& bytes, const std::string& call,
                                                   rds::core::Diagnostics& diags) {
  DecodedPrivate decoded = decode_private(bytes);
  if (decoded.problem.empty()) return decoded.state;
  diags.error("Invalid private state of rds_instance_ssl",
              call +
                  ": the private state Terraform keeps for this rds_instance_ssl is not one this provider "
                  "writes (" +
                  decoded.problem + "). Remove the object with terraform state rm and import it again.");
  return std::nullopt;
}

}  // namespace rds::resources::instance_ssl
