#include "provider/plugin/handshake.h"

#include <charconv>
#include <vector>

namespace rds::plugin {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  while (true) {
    const auto at = text.find(separator);
    parts.push_back(text.substr(0, at));
    if (at == std::string_view::npos) return parts;
    text.remove_prefix(at + 1);
  }
}

std::optional<int> to_int(std::string_view text) {
  int value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

// Minimal JSON string escaping for paths and addresses in the reattach config.
std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string base64_encode_raw(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const uint32_t n = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8) | uint8_t(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  const size_t rest = bytes.size() - i;
  if (rest == 1) {
    const uint32_t n = uint8_t(bytes[i]) << 16;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
  } else if (rest == 2) {
    const uint32_t n = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
  }
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  uint32_t accumulator = 0;
  int bits = 0;
  for (char c : text) {
    const auto index = kAlphabet.find(c);
    if (index == std::string_view::npos) return std::nullopt;
    accumulator = (accumulator << 6) | static_cast<uint32_t>(index);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((accumulator >> bits) & 0xff);
    }
  }
  return out;
}

std::string format_handshake_line(const Handshake& h) {
  return std::to_string(h.core_version) + "|" + std::to_string(h.protocol_version) + "|" + h.listen.network +
         "|" + h.listen.address + "|" + h.protocol + "|" + base64_encode_raw(h.server_cert_der) + "\n";
}

std::optional<Handshake> parse_handshake_line(std::string_view line, std::string* error) {
  auto failed = [&](const std::string& why) -> std::optional<Handshake> {
    if (error != nullptr) *error = "malformed plugin handshake line \"" + std::string(line) + "\": " + why;
    return std::nullopt;
  };
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  const auto parts = split(line, '|');
  if (parts.size() != 6) return failed("expected 6 fields separated by '|'");
  Handshake h;
  const auto core = to_int(parts[0]);
  const auto protocol = to_int(parts[1]);
  if (!core) return failed("core protocol version is not a number");
  if (!protocol) return failed("protocol version is not a number");
  h.core_version = *core;
  h.protocol_version = *protocol;
  h.listen.network = std::string(parts[2]);
  if (h.listen.network != "unix" && h.listen.network != "tcp") return failed("unknown network");
  h.listen.address = std::string(parts[3]);
  h.protocol = std::string(parts[4]);
  const auto cert = base64_decode(parts[5]);
  if (!cert) return failed("server certificate is not base64");
  h.server_cert_der = *cert;
  return h;
}

std::string format_reattach_config(std::string_view provider_address, int protocol_version, int pid,
                                   const ListenAddress& listen) {
  return "{" + json_string(provider_address) +
         ":{\"Protocol\":\"grpc\",\"ProtocolVersion\":" + std::to_string(protocol_version) +
         ",\"Pid\":" + std::to_string(pid) +
         ",\"Test\":true,\"Addr\":{\"Network\":" + json_string(listen.network) +
         ",\"String\":" + json_string(listen.address) + "}}}";
}

}  // namespace rds::plugin
