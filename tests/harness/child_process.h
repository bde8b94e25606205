// Starting a child process with a chosen environment and its stdout/stderr on pipes — the way
// Terraform starts a plugin. Used by PluginProcess and by tests that run a binary to completion.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace rds::testing {

// Environment changes applied on top of the parent's environment.
struct EnvironmentChanges {
  std::map<std::string, std::string> set;
  std::vector<std::string> unset;
};

class ChildProcess {
 public:
  // Starts `binary` with `args` (argv[1..]). Throws std::runtime_error if it cannot be started.
  ChildProcess(const std::string& binary, const std::vector<std::string>& args,
               const EnvironmentChanges& env);
  // Kills the child (SIGKILL) if it is still running and reaps it.
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }

  // Reads one line from stdout (without '\n'); nullopt on timeout or EOF.
  std::optional<std::string> read_stdout_line(std::chrono::milliseconds timeout);
  // Everything stdout produced after the lines already read, waiting up to `timeout` for EOF.
  std::string read_remaining_stdout(std::chrono::milliseconds timeout);
  // Everything written to stderr so far (drained continuously by a background thread; complete
  // once wait_for_exit has seen the exit).
  std::string stderr_output() const;

  void send_signal(int signal) const;
  // The exit status (exit code, or 128+signal) if the child exits within `timeout`.
  std::optional<int> wait_for_exit(std::chrono::milliseconds timeout);
  bool running();

 private:
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  int stderr_fd_ = -1;
  std::string stdout_buffer_;
  bool stdout_eof_ = false;
  std::optional<int> exit_status_;
  mutable std::mutex stderr_mutex_;
  std::string stderr_buffer_;
  std::thread stderr_reader_;
};

struct RunResult {
  int exit_status = -1;  // exit code, or 128+signal; -1 when it did not finish in time
  std::string stdout_text;
  std::string stderr_text;
};

// Runs `binary` to completion (killed after `timeout`).
RunResult run_to_completion(const std::string& binary, const std::vector<std::string>& args,
                            const EnvironmentChanges& env,
                            std::chrono::milliseconds timeout = std::chrono::seconds(10));

}  // namespace rds::testing
