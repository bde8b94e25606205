// What Terraform hands the plugin at start-up (provider/plugin): the handshake environment, the command
// line, and the protocol version chosen from them. The input is lines: "NAME=value" for the handshake
// variables, then a line "--", then one argument per line. Contracts: read_environment returns or throws
// EnvironmentError, and what it returns is usable (ports 0..65535, min <= max; the cookie is accepted
// only when exact); negotiation picks a version both sides speak (our lowest for a client that sent no
// list) or explains why there is none; parse_command_line never throws and always leaves a provider
// address unless it reports an error. The same input also goes through the handshake line reader
// (handshake.h), whose result must print back to a line that reads the same.
#include <stdlib.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "provider/plugin/command_line.h"
#include "provider/plugin/environment.h"
#include "provider/plugin/handshake.h"
#include "provider/plugin/version_negotiation.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using namespace rds::plugin;

// Only these are ever set or cleared: the fuzzer's own environment (ASAN_OPTIONS, ...) stays as it is.
constexpr std::array<std::string_view, 6> kVariables = {kMagicCookieKey,          "PLUGIN_PROTOCOL_VERSIONS",
                                                        "PLUGIN_MIN_PORT",        "PLUGIN_MAX_PORT",
                                                        "PLUGIN_UNIX_SOCKET_DIR", "PLUGIN_CLIENT_CERT"};

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  while (!text.empty()) {
    const auto newline = text.find('\n');
    lines.emplace_back(text.substr(0, newline));
    if (newline == std::string_view::npos) break;
    text.remove_prefix(newline + 1);
  }
  return lines;
}

// Sets exactly the handshake variables assigned in `assignments`. putenv() with strings owned here,
// because glibc's setenv() never frees a value it replaces: over millions of runs that adds up.
void set_environment(const std::vector<std::string>& assignments) {
  static std::array<std::string, kVariables.size()> entries;
  for (size_t i = 0; i < kVariables.size(); ++i) unsetenv(std::string(kVariables[i]).c_str());
  for (const std::string& line : assignments) {
    const auto equals = line.find('=');
    if (equals == std::string::npos) continue;
    const auto known = std::find(kVariables.begin(), kVariables.end(), line.substr(0, equals));
    if (known == kVariables.end()) continue;
    std::string& entry = entries[static_cast<size_t>(known - kVariables.begin())];
    unsetenv(std::string(*known).c_str());  // before `entry`, which the environment may point to, changes
    entry = line;                           // the value ends at a NUL, as in a real environment
    putenv(entry.data());
  }
}

void check_environment(const std::vector<std::string>& assignments) {
  set_environment(assignments);
  PluginEnvironment env;
  if (!rds::fuzz::returns_or_throws<EnvironmentError>([&] { env = read_environment(); })) return;
  FUZZ_CHECK(0 <= env.ports.min && env.ports.min <= env.ports.max && env.ports.max <= 65535,
             "port range " + std::to_string(env.ports.min) + ".." + std::to_string(env.ports.max));
  const char* cookie = getenv(std::string(kMagicCookieKey).c_str());
  FUZZ_CHECK(env.magic_cookie_ok == (cookie != nullptr && cookie == kMagicCookieValue),
             "the magic cookie check is wrong");

  const NegotiatedVersion negotiated = negotiate_protocol_version(env.client_protocol_versions);
  const auto& ours = kSupportedProtocolVersions;
  const auto& theirs = env.client_protocol_versions;
  if (!negotiated.version) {
    FUZZ_CHECK(!negotiated.error.empty(), "no version and no reason");
    for (int v : ours)
      FUZZ_CHECK(std::find(theirs.begin(), theirs.end(), v) == theirs.end(),
                 "version " + std::to_string(v) + " is common but was not chosen");
    return;
  }
  const int chosen = *negotiated.version;
  FUZZ_CHECK(std::find(ours.begin(), ours.end(), chosen) != ours.end(),
             "chose version " + std::to_string(chosen) + ", which we do not serve");
  if (theirs.empty()) {
    FUZZ_CHECK(chosen == *std::min_element(ours.begin(), ours.end()),
               "a legacy client did not get our lowest");
    return;
  }
  FUZZ_CHECK(std::find(theirs.begin(), theirs.end(), chosen) != theirs.end(),
             "chose version " + std::to_string(chosen) + ", which the client did not offer");
  for (int v : ours)
    if (v > chosen)
      FUZZ_CHECK(std::find(theirs.begin(), theirs.end(), v) == theirs.end(),
                 "a higher common version exists");
}

void check_command_line(const std::vector<std::string>& arguments) {
  std::vector<const char*> argv = {"terraform-provider-rds"};
  for (const std::string& argument : arguments) argv.push_back(argument.c_str());
  CommandLine parsed;
  try {
    parsed = parse_command_line(static_cast<int>(argv.size()), argv.data());
  } catch (const std::exception& e) {
    FUZZ_CHECK(false, std::string("parse_command_line threw: ") + e.what());
  }
  if (parsed.error.empty()) FUZZ_CHECK(!parsed.provider_address.empty(), "accepted an empty --address");
}

void check_handshake_line(std::string_view line) {
  const auto handshake = parse_handshake_line(line);
  if (!handshake) return;
  const std::string printed = format_handshake_line(*handshake);
  const auto again = parse_handshake_line(printed);
  FUZZ_CHECK(again.has_value(), "a handshake line that was read prints as an unreadable one: " + printed);
  FUZZ_CHECK(again->core_version == handshake->core_version &&
                 again->protocol_version == handshake->protocol_version &&
                 again->listen.network == handshake->listen.network &&
                 again->listen.address == handshake->listen.address &&
                 again->protocol == handshake->protocol &&
                 again->server_cert_der == handshake->server_cert_der,
             "the handshake line reads differently once printed: " + printed);
  FUZZ_CHECK(base64_decode(base64_encode_raw(line)) == std::string(line), "base64 round trip lost bytes");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::vector<std::string> lines = lines_of(text);
  const auto separator = std::find(lines.begin(), lines.end(), "--");
  check_environment({lines.begin(), separator});
  check_command_line({separator == lines.end() ? lines.end() : separator + 1, lines.end()});
  check_handshake_line(text);
  return 0;
}
