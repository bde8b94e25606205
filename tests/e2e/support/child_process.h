// A child process started in its own process group, with stdout and stderr captured to files.
//
// The e2e tests drive real Terraform, which starts the provider as its own child. Putting Terraform in a
// fresh process group lets a test (a) send SIGINT to the whole group exactly as a terminal's Ctrl-C does,
// and (b) kill everything it started when a command overruns its timeout, so a test never hangs.
// Output goes to files rather than pipes so a chatty child can never block on a full pipe buffer.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rds::testing {

// The outcome of one finished (or killed) command.
struct CommandResult {
  std::vector<std::string> argv;
  int exit_code = -1;      // the child's exit status; -1 when it was ended by a signal
  int term_signal = 0;     // the signal that ended it, 0 when it exited by itself
  bool timed_out = false;  // true when we killed it because it overran its timeout
  std::chrono::milliseconds elapsed{0};
  std::string out;  // everything written to stdout
  std::string err;  // everything written to stderr

  bool succeeded() const { return !timed_out && term_signal == 0 && exit_code == 0; }
  // stdout then stderr with terminal colour codes removed (Terraform colours its output even into files).
  std::string plain_output() const;
  // The summaries of Terraform's "Warning: ..." diagnostics, leaving out the dev_overrides notice that
  // every command in a test workspace prints.
  std::vector<std::string> warnings() const;
  // One paragraph for assertion messages: the command, how it ended, its stdout and stderr.
  std::string describe() const;
};

using Environment = std::map<std::string, std::string>;

class ChildProcess {
 public:
  // Starts `argv[0]` (looked up on PATH when it has no '/') in `cwd` with exactly `env`.
  // Output is written to `<capture_prefix>.out` / `.err`. Throws std::runtime_error if it cannot start.
  ChildProcess(std::vector<std::string> argv, const Environment& env, const std::filesystem::path& cwd,
               const std::filesystem::path& capture_prefix);
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  // Kills the whole process group if it is still running.
  ~ChildProcess();

  pid_t pid() const { return pid_; }
  bool running();
  // Sends `signal` to the child's whole process group, as a terminal does for Ctrl-C (SIGINT).
  void signal_group(int signal);
  // What the child has written to stdout / stderr so far.
  std::string stdout_so_far() const;
  std::string stderr_so_far() const;
  // Waits for the child to end; after `timeout` kills the process group and reports timed_out.
  CommandResult wait(std::chrono::milliseconds timeout);

 private:
  void reap(int status);

  std::vector<std::string> argv_;
  std::filesystem::path out_path_, err_path_;
  pid_t pid_ = -1;
  std::optional<int> status_;
  std::chrono::steady_clock::time_point started_;
};

// The environment of this process minus every variable that would change how Terraform or the provider
// behave (TF_*, OS_*, RDS_*, PLUGIN_*, CHECKPOINT_*), so tests only see what they set themselves.
Environment clean_environment();

// Full path of `program` found on PATH, or empty when it is not there.
std::string find_on_path(const std::string& program);

// Reads a whole file; empty when it does not exist.
std::string read_text_file(const std::filesystem::path& path);

}  // namespace rds::testing
