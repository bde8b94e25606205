// The outcome of a command run to completion (or killed): how it ended and everything it printed.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace rds::testing {

struct CommandResult {
  std::vector<std::string> argv;
  int exit_code = -1;      // the child's exit status; -1 when it was ended by a signal
  int term_signal = 0;     // the signal that ended it, 0 when it exited by itself
  bool timed_out = false;  // true when it was killed because it overran its timeout
  std::chrono::milliseconds elapsed{0};
  std::string out;  // everything written to stdout
  std::string err;  // everything written to stderr

  bool succeeded() const { return !timed_out && term_signal == 0 && exit_code == 0; }
  // stdout then stderr with terminal colour codes removed (Terraform colours its output even into files).
  std::string plain_output() const;
  // One paragraph for assertion messages: the command, how it ended, its stdout and stderr.
  std::string describe() const;
};

}  // namespace rds::testing
