#include "provider/plugin/command_line.h"

#include <string_view>

namespace rds::plugin {

CommandLine parse_command_line(int argc, const char* const* argv) {
  CommandLine result;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--debug" || arg == "-debug") {
      result.debug = true;
    } else if (arg == "--help" || arg == "-h" || arg == "-help") {
      result.help = true;
    } else if (arg == "--version" || arg == "-v" || arg == "-version") {
      result.version = true;
    } else if (arg == "--address" || arg == "-address") {
      if (i + 1 >= argc) {
        result.error = "--address needs a value, e.g. --address " + std::string(kDefaultProviderAddress);
        return result;
      }
      result.provider_address = argv[++i];
    } else if (arg.rfind("--address=", 0) == 0) {
      result.provider_address = std::string(arg.substr(10));
    } else {
      result.error = "unknown argument \"" + std::string(arg) + "\"";
      return result;
    }
  }
  if (result.provider_address.empty()) result.error = "--address must not be empty";
  return result;
}

std::string usage(std::string_view program) {
  const std::string name(program);
  return "Usage: " + name +
         " [--debug [--address ADDRESS]] | --version | --help\n"
         "\n"
         "terraform-provider-rds is a Terraform plugin: Terraform starts it by itself.\n"
         "\n"
         "  --debug            serve without Terraform and print the TF_REATTACH_PROVIDERS value\n"
         "                     to export, so Terraform attaches to this running process\n"
         "  --address ADDRESS  provider address for --debug (default " +
         std::string(kDefaultProviderAddress) +
         ")\n"
         "  --version          the version, the protocol versions and the commit\n"
         "  --help             this text\n";
}

}  // namespace rds::plugin
