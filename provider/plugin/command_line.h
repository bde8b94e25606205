// Command-line flags of terraform-provider-rds. Terraform passes none; the flags are for people.
#pragma once

#include <string>
#include <string_view>

namespace rds::plugin {

inline constexpr std::string_view kDefaultProviderAddress = "registry.terraform.io/local/rds";

struct CommandLine {
  bool debug = false;    // --debug: serve without Terraform, print TF_REATTACH_PROVIDERS
  bool help = false;     // --help / -h
  bool version = false;  // --version / -v: version, protocol versions, commit
  std::string provider_address{kDefaultProviderAddress};  // --address ADDR (for --debug)
  std::string error;                                      // non-empty: the arguments were not understood
};

CommandLine parse_command_line(int argc, const char* const* argv);

// Usage text for --help and for bad arguments.
std::string usage(std::string_view program);

}  // namespace rds::plugin
