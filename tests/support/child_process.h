// ChildProcess: the one way tests, the harness, the e2e helpers and the benchmarks start a program.
//
// It covers what they need between them:
// - a complete environment (see process_environment.h) and a working directory;
// - optionally a process group of its own, so a test can send Ctrl-C (SIGINT) to everything a command
//   started, as a terminal does, and kill all of it when the command overruns;
// - stdout on a pipe, read line by line with a timeout (a plugin's handshake, the sim's URL), or
//   captured to a file; stderr drained from a pipe by a background thread, captured to a file, or
//   shared with the test (so the sim's request log shows up in the test output).
// Files are used for chatty children (Terraform): nothing can block on a full pipe nobody reads.
//
//   ChildProcess child({.argv = {binary, "--debug"}, .env = inherited_environment({.unset = {"X"}})});
//   auto line = child.read_stdout_line(10s);
//   child.send_signal(SIGINT);
//   EXPECT_EQ(child.wait_for_exit(3s), 0);
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/command_result.h"
#include "tests/support/process_environment.h"

namespace rds::testing {

// Where one of the child's output streams goes.
enum class Output {
  kPipe,     // stdout: read_stdout_line / read_remaining_stdout; stderr: drained by a thread
  kFile,     // <capture_prefix>.out / <capture_prefix>.err
  kInherit,  // the test's own stream
};

struct ProcessOptions {
  std::vector<std::string> argv{};  // argv[0] is looked up on PATH when it has no '/'
  Environment env = inherited_environment();
  std::filesystem::path cwd{};  // empty: the test's
  bool own_process_group = false;
  Output stdout_to = Output::kPipe;
  Output stderr_to = Output::kPipe;
  std::filesystem::path capture_prefix{};  // required when either stream goes to a file
  // A shell starts background jobs with SIGINT ignored, and that survives exec; a child that must stop
  // on Ctrl-C the way it would in a terminal (Terraform) gets SIGINT's default action back.
  bool default_sigint = false;
  // The kernel sends the child SIGTERM if the thread that started it dies (a crashed test), so nothing
  // is left running. Bound to that thread: start such children from a thread that outlives them.
  bool terminate_with_parent = false;
};

class ChildProcess {
 public:
  // Starts the child. Throws std::runtime_error naming the program if it cannot be started.
  explicit ChildProcess(ProcessOptions options);
  // Kills the child (its whole group when it has one) with SIGKILL if it still runs, and reaps it.
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  bool running();

  // Sends `signal` to the child only, or to its whole process group (needs own_process_group).
  void send_signal(int signal) const;
  void signal_group(int signal) const;

  // stdout on a pipe: the next line (without '\n'); nullopt on timeout or when stdout closed.
  std::optional<std::string> read_stdout_line(std::chrono::milliseconds timeout);
  // stdout on a pipe: everything after the lines already read, waiting up to `timeout` for its end.
  std::string read_remaining_stdout(std::chrono::milliseconds timeout);
  // stdout in a file: what it holds so far.
  std::string stdout_so_far() const;
  // stderr in a file or on a pipe: what the child wrote so far (complete once it has been reaped).
  std::string stderr_so_far() const;

  // The exit status (exit code, or 128+signal as a shell reports it) if the child ends within `timeout`.
  std::optional<int> wait_for_exit(std::chrono::milliseconds timeout);
  // The raw waitpid() status once the child has been reaped.
  std::optional<int> wait_status() const { return status_; }
  // Waits for the child to end; after `timeout` kills it (its group when it has one) and reports
  // timed_out. With a group of its own nothing the child started outlives this call.
  CommandResult wait(std::chrono::milliseconds timeout);

 private:
  void open_outputs(int& out_fd, int& err_fd);
  void start_stderr_drain(int fd);
  // Reads what stdout has within `timeout` into stdout_buffer_; false once stdout is closed.
  bool read_stdout_chunk(std::chrono::milliseconds timeout);
  bool try_reap();
  void kill_now();
  void finish_stderr_drain();

  ProcessOptions options_;
  std::filesystem::path out_path_, err_path_;
  pid_t pid_ = -1;
  std::optional<int> status_;
  std::chrono::steady_clock::time_point started_;
  int stdout_fd_ = -1;
  std::string stdout_buffer_;
  bool stdout_closed_ = false;
  int stderr_fd_ = -1;
  mutable std::mutex stderr_mutex_;
  std::string stderr_buffer_;
  std::atomic<bool> child_reaped_{false};
  std::thread stderr_drain_;
};

// Starts a child and waits for it (killed after `timeout`), collecting its whole output.
CommandResult run_to_completion(ProcessOptions options,
                                std::chrono::milliseconds timeout = std::chrono::seconds(10));

// "exited with status 2", "was killed by signal 9": a waitpid() status for error messages.
std::string describe_wait_status(int status);

// Reads a whole file; empty when it does not exist.
std::string read_text_file(const std::filesystem::path& path);

}  // namespace rds::testing
