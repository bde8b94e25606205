#include "tests/support/command_result.h"

#include <cstring>
#include <regex>
#include <sstream>

namespace rds::testing {

std::string CommandResult::describe() const {
  std::ostringstream text;
  text << "command:";
  for (const auto& word : argv) text << ' ' << word;
  text << "\n";
  if (timed_out) {
    text << "result: killed after its timeout (" << elapsed.count() << " ms)\n";
  } else if (term_signal != 0) {
    text << "result: ended by signal " << term_signal << " (" << strsignal(term_signal) << ")\n";
  } else {
    text << "result: exit code " << exit_code << " after " << elapsed.count() << " ms\n";
  }
  text << "--- stdout ---\n" << out << "\n--- stderr ---\n" << err << "\n--- end ---";
  return text.str();
}

std::string CommandResult::plain_output() const {
  static const std::regex ansi("\x1b\\[[0-9;]*m");
  return std::regex_replace(out + err, ansi, "");
}

}  // namespace rds::testing
