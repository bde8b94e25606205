// What Terraform (go-plugin's client) tells a plugin through its environment at start-up.
// Facts from hashicorp/go-plugin server.go / client.go.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace rds::plugin {

// Terraform's handshake cookie: a UX check that the binary was started by Terraform, not a person.
inline constexpr std::string_view kMagicCookieKey = "TF_PLUGIN_MAGIC_COOKIE";
inline constexpr std::string_view kMagicCookieValue =
    "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

// The message go-plugin prints when the cookie is missing (the binary was run by hand).
inline constexpr std::string_view kNotStartedByTerraformMessage =
    "This binary is a plugin. These are not meant to be executed directly.\n"
    "Please execute the program that consumes these plugins, which will\n"
    "load any plugins automatically.\n"
    "(To run terraform-provider-rds for debugging, start it with --debug.)\n";

struct PortRange {
  int min = 10000;  // go-plugin's defaults when PLUGIN_MIN_PORT / PLUGIN_MAX_PORT are unset
  int max = 25000;
};

struct PluginEnvironment {
  bool magic_cookie_ok = false;
  std::vector<int> client_protocol_versions;  // PLUGIN_PROTOCOL_VERSIONS; empty when unset
  std::string unix_socket_dir;                // PLUGIN_UNIX_SOCKET_DIR; empty => TMPDIR or /tmp
  PortRange ports;                            // PLUGIN_MIN_PORT / PLUGIN_MAX_PORT
  std::string client_cert_pem;                // PLUGIN_CLIENT_CERT; empty => serve without TLS
};

// Thrown for an environment value that cannot be used; what() names the variable and the value.
class EnvironmentError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A comma list such as "5,6" or " 6 , 5"; entries that are not integers are skipped (as go-plugin
// does), so "5,x" gives {5}.
std::vector<int> parse_protocol_versions(std::string_view list);

// PLUGIN_MIN_PORT / PLUGIN_MAX_PORT values (either may be null = unset). Throws EnvironmentError
// for a non-number, a port outside 0..65535, or min > max.
PortRange parse_port_range(const char* min_value, const char* max_value);

// Reads all of the above from the process environment. Throws EnvironmentError (bad ports).
PluginEnvironment read_environment();

}  // namespace rds::plugin
