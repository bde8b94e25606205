#include "tests/support/sim_process.h"

#include <fcntl.h>
#include <httplib.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <thread>

namespace rds::testing {

namespace {

constexpr auto kStartTimeout = std::chrono::seconds(10);
constexpr auto kStopTimeout = std::chrono::seconds(5);

std::string describe_wait_status(int status) {
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "was killed by signal " + std::to_string(WTERMSIG(status));
  return "stopped (wait status " + std::to_string(status) + ")";
}

std::string flag_value(const std::vector<std::string>& args, const std::string& flag, std::string fallback) {
  for (std::size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == flag) fallback = args[i + 1];  // the last one wins, as in the sim
  }
  return fallback;
}

}  // namespace

std::string rds_sim_path() { return RDS_SIM_PATH; }

SimProcess::SimProcess(std::vector<std::string> extra_args) {
  // Writing to a connection the sim dropped on purpose (the "drop" fault) must fail with EPIPE in the
  // test, not kill it: httplib and some clients send without MSG_NOSIGNAL.
  ::signal(SIGPIPE, SIG_IGN);

  const bool tls = std::find(extra_args.begin(), extra_args.end(), "--tls") != extra_args.end();
  project_id_ = flag_value(extra_args, "--project-id", project_id_);

  std::vector<std::string> args = {rds_sim_path(), "--port", "0"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  // Everything the child needs is prepared before fork(): after it, only async-signal-safe calls.
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0)
    throw std::runtime_error(std::string("SimProcess: pipe: ") + std::strerror(errno));
  const pid_t parent = getpid();
  pid_ = fork();
  if (pid_ < 0) {
    close(out[0]);
    close(out[1]);
    throw std::runtime_error(std::string("SimProcess: fork: ") + std::strerror(errno));
  }
  if (pid_ == 0) {
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent) _exit(127);  // the test died before prctl took effect
    dup2(out[1], STDOUT_FILENO);          // dup2 clears O_CLOEXEC on the copy
    // The sim must start with default signal handling whatever the test did (blocked or ignored
    // signals survive exec): SIGPIPE was ignored above, and a test may block SIGTERM.
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    ::signal(SIGPIPE, SIG_DFL);
    execv(argv[0], argv.data());
    const char msg[] = "SimProcess: cannot execute rds-sim\n";
    (void)!write(STDERR_FILENO, msg, sizeof msg - 1);
    _exit(127);
  }
  close(out[1]);
  try {
    read_announcement(out[0], tls);
  } catch (...) {
    close(out[0]);
    stop();
    throw;
  }
  close(out[0]);  // the sim prints nothing more on stdout
}

SimProcess::~SimProcess() { stop(); }

void SimProcess::read_announcement(int fd, bool tls) {
  const std::size_t lines_wanted = tls ? 2 : 1;
  const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  std::string buffer;
  std::vector<std::string> lines;
  while (lines.size() < lines_wanted) {
    auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      throw std::runtime_error("SimProcess: rds-sim (" + rds_sim_path() + ") printed no URL within 10 s");
    }
    pollfd p{fd, POLLIN, 0};
    int ready = poll(&p, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;  // timeout is handled at the top of the loop
    char chunk[512];
    ssize_t n = read(fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      auto status = wait_exit(std::chrono::milliseconds(2000));
      throw std::runtime_error("SimProcess: rds-sim " +
                               (status ? describe_wait_status(*status) : std::string("closed its stdout")) +
                               " before printing its URL (its stderr above says why)");
    }
    buffer.append(chunk, static_cast<std::size_t>(n));
    for (auto nl = buffer.find('\n'); nl != std::string::npos && lines.size() < lines_wanted;
         nl = buffer.find('\n')) {
      lines.push_back(buffer.substr(0, nl));
      buffer.erase(0, nl + 1);
    }
  }
  base_url_ = lines[0];
  if (tls) ca_file_ = lines[1];
  auto colon = base_url_.rfind(':');
  if (base_url_.rfind("http", 0) != 0 || colon == std::string::npos) {
    throw std::runtime_error("SimProcess: rds-sim printed \"" + base_url_ + "\", not a base URL");
  }
  port_ = std::stoi(base_url_.substr(colon + 1));
}

nlohmann::json SimProcess::admin(const std::string& method, const std::string& path,
                                 const nlohmann::json& body) const {
  httplib::Client client(base_url_);
  if (!ca_file_.empty()) client.set_ca_cert_path(ca_file_);
  client.set_connection_timeout(5);
  client.set_read_timeout(30);
  const std::string payload = body.is_null() ? std::string() : body.dump();
  const char* type = "application/json";
  auto send = [&]() -> httplib::Result {
    if (method == "GET") return client.Get(path);
    if (method == "POST") return client.Post(path, payload, type);
    if (method == "PUT") return client.Put(path, payload, type);
    if (method == "PATCH") return client.Patch(path, payload, type);
    if (method == "DELETE") return client.Delete(path, payload, type);
    throw std::invalid_argument("SimProcess::admin: unsupported method " + method);
  };
  httplib::Result result = send();
  const std::string call = "rds-sim admin " + method + " " + path;
  if (!result) throw std::runtime_error(call + ": " + httplib::to_string(result.error()));
  if (result->status < 200 || result->status > 299) {
    throw std::runtime_error(call + ": HTTP " + std::to_string(result->status) + ": " + result->body);
  }
  if (result->body.empty()) return nullptr;
  auto parsed = nlohmann::json::parse(result->body, nullptr, false);
  if (parsed.is_discarded()) throw std::runtime_error(call + ": answer is not JSON: " + result->body);
  return parsed;
}

nlohmann::json SimProcess::add_instance(const nlohmann::json& instance) const {
  return admin("POST", "/_admin/instances", instance);
}

nlohmann::json SimProcess::instance(const std::string& id) const {
  return admin("GET", "/_admin/instances/" + id);
}

void SimProcess::inject_fault(const nlohmann::json& fault) const { admin("POST", "/_admin/faults", fault); }

nlohmann::json SimProcess::requests() const { return admin("GET", "/_admin/requests").at("requests"); }

int SimProcess::connections() const { return admin("GET", "/_admin/connections").at("accepted").get<int>(); }

void SimProcess::reset() const { admin("POST", "/_admin/reset"); }

void SimProcess::signal(int signal_number) const {
  if (pid_ > 0 && !exited_) kill(pid_, signal_number);
}

std::optional<int> SimProcess::wait_exit(std::chrono::milliseconds timeout) {
  if (pid_ <= 0 || exited_) return std::nullopt;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    int status = 0;
    pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_ || (r < 0 && errno == ECHILD)) {
      exited_ = true;
      return status;
    }
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

void SimProcess::stop() {
  if (pid_ <= 0 || exited_) return;
  kill(pid_, SIGTERM);
  if (wait_exit(std::chrono::duration_cast<std::chrono::milliseconds>(kStopTimeout))) return;
  kill(pid_, SIGKILL);
  wait_exit(std::chrono::milliseconds(5000));
}

}  // namespace rds::testing
