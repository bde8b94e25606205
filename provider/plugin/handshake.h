// The one line a plugin prints on stdout for go-plugin's client (server.go):
//   CORE-VERSION|APP-PROTOCOL-VERSION|NETWORK|ADDRESS|PROTOCOL|SERVER-CERT
// e.g. "1|6|unix|/tmp/tf-provider-rds-a1b2c3/plugin.sock|grpc|MIIB..." where SERVER-CERT is the
// DER certificate in standard base64 without padding (empty when serving without TLS).
// Also the TF_REATTACH_PROVIDERS value printed in --debug mode.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "provider/plugin/listener.h"

namespace rds::plugin {

inline constexpr int kCoreProtocolVersion = 1;  // go-plugin's CoreProtocolVersion

struct Handshake {
  int core_version = kCoreProtocolVersion;
  int protocol_version = 0;
  ListenAddress listen;
  std::string protocol = "grpc";
  std::string server_cert_der;  // empty without TLS
};

// The line including its trailing '\n'.
std::string format_handshake_line(const Handshake& handshake);

// Parses a line (trailing newline optional). Returns nullopt and sets `error` when malformed.
std::optional<Handshake> parse_handshake_line(std::string_view line, std::string* error = nullptr);

// Standard-alphabet base64 without '=' padding (Go's base64.RawStdEncoding), and its inverse
// (which also accepts padding; nullopt on characters outside the alphabet).
std::string base64_encode_raw(std::string_view bytes);
std::optional<std::string> base64_decode(std::string_view text);

// The JSON for TF_REATTACH_PROVIDERS (go-plugin ReattachConfig as Terraform reads it):
// {"<provider address>":{"Protocol":"grpc","ProtocolVersion":6,"Pid":N,"Test":true,
//  "Addr":{"Network":"unix","String":"/path"}}}
std::string format_reattach_config(std::string_view provider_address, int protocol_version, int pid,
                                   const ListenAddress& listen);

}  // namespace rds::plugin
