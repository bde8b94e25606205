#include "tests/support/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace rds::testing {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds kReapPollInterval{10};
// How long the stderr drain waits for more once the child is gone: a grandchild may still hold the
// pipe open, and it must not keep us waiting for an EOF that never comes.
constexpr milliseconds kDrainIdle{50};
// Reading what an ended child left in its stdout pipe.
constexpr milliseconds kStdoutLeftovers{100};

std::vector<char*> c_strings(std::vector<std::string>& words) {
  std::vector<char*> pointers;
  for (auto& word : words) pointers.push_back(word.data());
  pointers.push_back(nullptr);
  return pointers;
}

int shell_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

milliseconds time_left(std::chrono::steady_clock::time_point deadline) {
  return std::chrono::duration_cast<milliseconds>(deadline - std::chrono::steady_clock::now());
}

void close_if_open(int fd) {
  if (fd >= 0) ::close(fd);
}

}  // namespace

std::string describe_wait_status(int status) {
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "was killed by signal " + std::to_string(WTERMSIG(status));
  return "stopped (wait status " + std::to_string(status) + ")";
}

std::string read_text_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

ChildProcess::ChildProcess(ProcessOptions options) : options_(std::move(options)) {
  if (options_.argv.empty()) throw std::invalid_argument("ChildProcess: empty argv");
  const std::string program = find_on_path(options_.argv[0]);
  if (program.empty()) throw std::runtime_error("ChildProcess: '" + options_.argv[0] + "' is not on PATH");

  // Everything the child needs is prepared before fork(): after it only async-signal-safe calls, as the
  // test may have other threads (gRPC's) holding locks.
  std::vector<std::string> argv_words = options_.argv;
  std::vector<std::string> env_entries;
  for (const auto& [name, value] : options_.env) env_entries.push_back(name + "=" + value);
  const auto c_argv = c_strings(argv_words);
  const auto c_env = c_strings(env_entries);
  const std::string exec_error = "ChildProcess: cannot execute " + program + "\n";
  const std::string cwd = options_.cwd.string();

  int child_out = -1;  // the child's ends of its streams; -1 leaves the test's own
  int child_err = -1;
  open_outputs(child_out, child_err);
  const int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  const pid_t parent = ::getpid();

  started_ = std::chrono::steady_clock::now();
  pid_ = ::fork();
  if (pid_ == 0) {
    if (options_.terminate_with_parent) {
      ::prctl(PR_SET_PDEATHSIG, SIGTERM);
      if (::getppid() != parent) ::_exit(127);  // the parent died before prctl took effect
    }
    if (options_.own_process_group) ::setpgid(0, 0);
    // Blocked and ignored signals survive exec; the child starts with the defaults whatever the test
    // did (SimProcess ignores SIGPIPE, a test may block SIGTERM).
    sigset_t none;
    ::sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::signal(SIGPIPE, SIG_DFL);
    if (options_.default_sigint) ::signal(SIGINT, SIG_DFL);
    if (null_fd >= 0) ::dup2(null_fd, STDIN_FILENO);
    if (child_out >= 0) ::dup2(child_out, STDOUT_FILENO);  // dup2 clears O_CLOEXEC on the copy
    if (child_err >= 0) ::dup2(child_err, STDERR_FILENO);
    if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) ::_exit(126);
    ::execve(program.c_str(), c_argv.data(), c_env.data());
    (void)!::write(STDERR_FILENO, exec_error.data(), exec_error.size());
    ::_exit(127);
  }
  const int fork_errno = errno;
  close_if_open(child_out);
  close_if_open(child_err);
  close_if_open(null_fd);
  if (pid_ < 0) {
    close_if_open(stdout_fd_);
    close_if_open(stderr_fd_);
    throw std::runtime_error("ChildProcess: fork for " + program + " failed: " + std::strerror(fork_errno));
  }
  // Also from the parent, so signal_group() works even before the child has run.
  if (options_.own_process_group) ::setpgid(pid_, pid_);
  if (stderr_fd_ >= 0) start_stderr_drain(stderr_fd_);
}

void ChildProcess::open_outputs(int& out_fd, int& err_fd) {
  const bool to_file = options_.stdout_to == Output::kFile || options_.stderr_to == Output::kFile;
  if (to_file && options_.capture_prefix.empty()) {
    throw std::invalid_argument("ChildProcess: output to a file needs a capture_prefix");
  }
  out_path_ = options_.capture_prefix.string() + ".out";
  err_path_ = options_.capture_prefix.string() + ".err";
  auto open_stream = [](Output output, const std::filesystem::path& file, int& ours, int& theirs) {
    if (output == Output::kFile) {
      theirs = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
      if (theirs < 0) throw std::runtime_error("ChildProcess: cannot create " + file.string());
    } else if (output == Output::kPipe) {
      int ends[2];
      if (::pipe2(ends, O_CLOEXEC) != 0) {
        throw std::runtime_error(std::string("ChildProcess: pipe: ") + std::strerror(errno));
      }
      ours = ends[0];
      theirs = ends[1];
    }
  };
  open_stream(options_.stdout_to, out_path_, stdout_fd_, out_fd);
  try {
    open_stream(options_.stderr_to, err_path_, stderr_fd_, err_fd);
  } catch (...) {
    close_if_open(stdout_fd_);
    close_if_open(out_fd);
    throw;
  }
}

void ChildProcess::start_stderr_drain(int fd) {
  stderr_drain_ = std::thread([this, fd] {
    char buffer[4096];
    while (true) {
      pollfd ready{fd, POLLIN, 0};
      const int polled = ::poll(&ready, 1, static_cast<int>(kDrainIdle.count()));
      if (polled == 0) {
        if (child_reaped_) return;
        continue;
      }
      if (polled < 0 && errno == EINTR) continue;
      const ssize_t n = ::read(fd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return;
      std::lock_guard lock(stderr_mutex_);
      stderr_buffer_.append(buffer, static_cast<size_t>(n));
    }
  });
}

void ChildProcess::finish_stderr_drain() {
  child_reaped_ = true;
  if (stderr_drain_.joinable()) stderr_drain_.join();
}

ChildProcess::~ChildProcess() {
  if (!status_) {
    kill_now();
    int status = 0;
    ::waitpid(pid_, &status, 0);
    status_ = status;
  }
  finish_stderr_drain();
  close_if_open(stdout_fd_);
  close_if_open(stderr_fd_);
}

void ChildProcess::kill_now() { ::kill(options_.own_process_group ? -pid_ : pid_, SIGKILL); }

bool ChildProcess::try_reap() {
  if (status_) return true;
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) != pid_) return false;
  status_ = status;
  // The child held the only write end of the stderr pipe (unless it passed it on): once the drain has
  // what is left, stderr_so_far() is complete.
  finish_stderr_drain();
  return true;
}

bool ChildProcess::running() { return !try_reap(); }

void ChildProcess::send_signal(int signal) const {
  if (!status_) ::kill(pid_, signal);
}

void ChildProcess::signal_group(int signal) const {
  if (!options_.own_process_group) {
    throw std::logic_error("ChildProcess::signal_group: the child has no process group of its own");
  }
  if (!status_) ::kill(-pid_, signal);
}

bool ChildProcess::read_stdout_chunk(milliseconds timeout) {
  if (stdout_fd_ < 0) throw std::logic_error("ChildProcess: stdout is not on a pipe");
  if (stdout_closed_) return false;
  pollfd ready{stdout_fd_, POLLIN, 0};
  if (::poll(&ready, 1, static_cast<int>(std::max(timeout, milliseconds(0)).count())) <= 0) return true;
  char buffer[4096];
  const ssize_t n = ::read(stdout_fd_, buffer, sizeof buffer);
  if (n > 0) {
    stdout_buffer_.append(buffer, static_cast<size_t>(n));
  } else if (n == 0 || errno != EINTR) {
    stdout_closed_ = true;
  }
  return !stdout_closed_;
}

std::optional<std::string> ChildProcess::read_stdout_line(milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const auto newline = stdout_buffer_.find('\n');
    if (newline != std::string::npos) {
      std::string line = stdout_buffer_.substr(0, newline);
      stdout_buffer_.erase(0, newline + 1);
      return line;
    }
    const auto left = time_left(deadline);
    if (left.count() <= 0 || !read_stdout_chunk(left)) return std::nullopt;
  }
}

std::string ChildProcess::read_remaining_stdout(milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (auto left = time_left(deadline); left.count() > 0; left = time_left(deadline)) {
    if (!read_stdout_chunk(left)) break;
  }
  std::string rest;
  rest.swap(stdout_buffer_);
  return rest;
}

std::string ChildProcess::stdout_so_far() const {
  if (options_.stdout_to != Output::kFile) throw std::logic_error("ChildProcess: stdout is not in a file");
  return read_text_file(out_path_);
}

std::string ChildProcess::stderr_so_far() const {
  if (options_.stderr_to == Output::kFile) return read_text_file(err_path_);
  if (options_.stderr_to == Output::kInherit) throw std::logic_error("ChildProcess: stderr is not captured");
  std::lock_guard lock(stderr_mutex_);
  return stderr_buffer_;
}

std::optional<int> ChildProcess::wait_for_exit(milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!try_reap()) {
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(kReapPollInterval);
  }
  return shell_status(*status_);
}

CommandResult ChildProcess::wait(milliseconds timeout) {
  CommandResult result;
  result.argv = options_.argv;
  std::string out;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!try_reap()) {
    if (std::chrono::steady_clock::now() >= deadline) {
      result.timed_out = true;
      kill_now();
      wait_for_exit(std::chrono::hours(1));  // SIGKILL cannot be refused
      break;
    }
    // A child writing to a stdout pipe nobody reads would block once it is full: keep reading it.
    if (stdout_fd_ >= 0 && !stdout_closed_) {
      read_stdout_chunk(kReapPollInterval);
      out += std::exchange(stdout_buffer_, {});
    } else {
      std::this_thread::sleep_for(kReapPollInterval);
    }
  }
  // Whatever the leader's fate, nothing it started may outlive the command (e.g. a provider process).
  if (options_.own_process_group) ::kill(-pid_, SIGKILL);
  result.elapsed = std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - started_);
  if (WIFEXITED(*status_)) {
    result.exit_code = WEXITSTATUS(*status_);
  } else if (WIFSIGNALED(*status_)) {
    result.term_signal = WTERMSIG(*status_);
  }
  if (options_.stdout_to == Output::kPipe) result.out = out + read_remaining_stdout(kStdoutLeftovers);
  if (options_.stdout_to == Output::kFile) result.out = stdout_so_far();
  if (options_.stderr_to != Output::kInherit) result.err = stderr_so_far();
  return result;
}

CommandResult run_to_completion(ProcessOptions options, milliseconds timeout) {
  ChildProcess child(std::move(options));
  return child.wait(timeout);
}

}  // namespace rds::testing
