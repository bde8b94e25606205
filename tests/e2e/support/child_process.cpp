#include "tests/e2e/support/child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace rds::testing {
namespace {

constexpr auto kPollInterval = std::chrono::milliseconds(10);

bool is_controlling_variable(const std::string& name) {
  for (const char* prefix : {"TF_", "OS_", "RDS_", "PLUGIN_", "CHECKPOINT_"}) {
    if (name.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

std::string join(const std::vector<std::string>& words) {
  std::string joined;
  for (const auto& word : words) {
    if (!joined.empty()) joined += ' ';
    joined += word;
  }
  return joined;
}

}  // namespace

std::string CommandResult::describe() const {
  std::ostringstream text;
  text << "command: " << join(argv) << "\n";
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

std::vector<std::string> CommandResult::warnings() const {
  static const std::regex warning_line("Warning: ([^\n]*)");
  std::vector<std::string> summaries;
  std::string text = plain_output();
  for (std::sregex_iterator it(text.begin(), text.end(), warning_line), end; it != end; ++it) {
    std::string summary = (*it)[1].str();
    if (summary.find("Provider development overrides") == std::string::npos) summaries.push_back(summary);
  }
  return summaries;
}

std::string read_text_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

Environment clean_environment() {
  Environment env;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    std::string text(*entry);
    auto eq = text.find('=');
    if (eq == std::string::npos) continue;
    std::string name = text.substr(0, eq);
    if (!is_controlling_variable(name)) env[name] = text.substr(eq + 1);
  }
  return env;
}

std::string find_on_path(const std::string& program) {
  if (program.find('/') != std::string::npos) return program;
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "/usr/local/bin:/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) continue;
    auto candidate = std::filesystem::path(dir) / program;
    if (access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return {};
}

ChildProcess::ChildProcess(std::vector<std::string> argv, const Environment& env,
                           const std::filesystem::path& cwd, const std::filesystem::path& capture_prefix)
    : argv_(std::move(argv)),
      out_path_(capture_prefix.string() + ".out"),
      err_path_(capture_prefix.string() + ".err") {
  if (argv_.empty()) throw std::invalid_argument("ChildProcess: empty argv");
  std::string program = find_on_path(argv_[0]);
  if (program.empty()) throw std::runtime_error("ChildProcess: '" + argv_[0] + "' is not on PATH");

  // Everything the child needs is prepared before fork(): after it only async-signal-safe calls are allowed.
  std::vector<std::string> env_entries;
  for (const auto& [name, value] : env) env_entries.push_back(name + "=" + value);
  std::vector<char*> c_argv, c_env;
  for (auto& word : argv_) c_argv.push_back(word.data());
  c_argv.push_back(nullptr);
  for (auto& entry : env_entries) c_env.push_back(entry.data());
  c_env.push_back(nullptr);

  int out_fd = open(out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  int err_fd = open(err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  int null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (out_fd < 0 || err_fd < 0 || null_fd < 0) {
    throw std::runtime_error("ChildProcess: cannot open capture files under " + capture_prefix.string());
  }

  started_ = std::chrono::steady_clock::now();
  pid_ = fork();
  if (pid_ == 0) {
    setpgid(0, 0);
    // The test runner may ignore SIGINT (e.g. under a shell in the background); Terraform must see it.
    signal(SIGINT, SIG_DFL);
    dup2(null_fd, STDIN_FILENO);
    dup2(out_fd, STDOUT_FILENO);
    dup2(err_fd, STDERR_FILENO);
    if (chdir(cwd.c_str()) != 0) _exit(126);
    execve(program.c_str(), c_argv.data(), c_env.data());
    _exit(127);
  }
  int fork_errno = errno;
  close(out_fd);
  close(err_fd);
  close(null_fd);
  if (pid_ < 0) throw std::runtime_error(std::string("ChildProcess: fork failed: ") + strerror(fork_errno));
  setpgid(pid_, pid_);  // also from the parent, so signal_group() works even before the child runs
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0 && !status_) {
    kill(-pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
}

void ChildProcess::reap(int status) { status_ = status; }

bool ChildProcess::running() {
  if (status_) return false;
  int status = 0;
  pid_t done = waitpid(pid_, &status, WNOHANG);
  if (done == pid_) {
    reap(status);
    return false;
  }
  return true;
}

void ChildProcess::signal_group(int signal) {
  if (!status_) kill(-pid_, signal);
}

std::string ChildProcess::stdout_so_far() const { return read_text_file(out_path_); }
std::string ChildProcess::stderr_so_far() const { return read_text_file(err_path_); }

CommandResult ChildProcess::wait(std::chrono::milliseconds timeout) {
  CommandResult result;
  result.argv = argv_;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (running()) {
    if (std::chrono::steady_clock::now() >= deadline) {
      result.timed_out = true;
      kill(-pid_, SIGKILL);
      int status = 0;
      waitpid(pid_, &status, 0);
      reap(status);
      break;
    }
    std::this_thread::sleep_for(kPollInterval);
  }
  // Whatever the leader's fate, nothing it started may outlive the command (e.g. a provider process).
  kill(-pid_, SIGKILL);
  result.elapsed =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started_);
  if (WIFEXITED(*status_)) {
    result.exit_code = WEXITSTATUS(*status_);
  } else if (WIFSIGNALED(*status_)) {
    result.term_signal = WTERMSIG(*status_);
  }
  result.out = stdout_so_far();
  result.err = stderr_so_far();
  return result;
}

}  // namespace rds::testing
