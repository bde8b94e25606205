// rds::testing::ChildProcess: the process control every test helper (PluginProcess, SimProcess,
// TerraformWorkspace, the benchmarks) relies on.
#include "tests/support/child_process.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

namespace rds::testing {
namespace {

using namespace std::chrono_literals;

// Whether `pid` still runs. A killed orphan stays a zombie until init reaps it, which can take seconds,
// so a zombie counts as ended.
bool still_running(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return false;
  const auto state_at = line.rfind(')') + 2;  // "pid (comm) S ...": comm may contain spaces
  return state_at < line.size() && line[state_at] != 'Z' && line[state_at] != 'X';
}

bool ends_within(pid_t pid, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (still_running(pid)) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(10ms);
  }
  return true;
}

TEST(ChildProcess, ReadsStdoutLineByLineAndTimesOutWhenNoLineComes) {
  ChildProcess child({.argv = {"sh", "-c", "echo one; echo two; sleep 30"}});
  EXPECT_EQ(child.read_stdout_line(5s), "one");
  EXPECT_EQ(child.read_stdout_line(5s), "two");
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(child.read_stdout_line(100ms), std::nullopt);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
  EXPECT_TRUE(child.running());
}

TEST(ChildProcess, AppliesEnvironmentChangesOnTopOfTheParents) {
  ::setenv("RDS_CHILD_PROCESS_TEST_DROPPED", "still here", 1);
  const auto result = run_to_completion(
      {.argv = {"sh", "-c", "echo \"$GREETING ${RDS_CHILD_PROCESS_TEST_DROPPED:-unset} ${PATH:+has-path}\""},
       .env = inherited_environment(
           {.set = {{"GREETING", "hello"}}, .unset = {"RDS_CHILD_PROCESS_TEST_DROPPED"}})});
  ::unsetenv("RDS_CHILD_PROCESS_TEST_DROPPED");
  ASSERT_TRUE(result.succeeded()) << result.describe();
  EXPECT_EQ(result.out, "hello unset has-path\n");
}

TEST(ChildProcess, CleanEnvironmentDropsTerraformAndProviderSettings) {
  ::setenv("TF_LOG", "trace", 1);
  const auto env = clean_environment();
  ::unsetenv("TF_LOG");
  EXPECT_EQ(env.count("TF_LOG"), 0u);
  EXPECT_EQ(env.count("PATH"), 1u);
}

TEST(ChildProcess, CapturesStdoutAndStderrToFilesInTheWorkingDirectory) {
  const auto dir = std::filesystem::temp_directory_path() / ("rds-child-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    ChildProcess child({.argv = {"sh", "-c", "pwd; echo oops >&2; exit 4"},
                        .cwd = dir,
                        .stdout_to = Output::kFile,
                        .stderr_to = Output::kFile,
                        .capture_prefix = dir / "cmd"});
    const auto result = child.wait(10s);
    EXPECT_EQ(result.exit_code, 4) << result.describe();
    EXPECT_EQ(result.out, std::filesystem::canonical(dir).string() + "\n");
    EXPECT_EQ(result.err, "oops\n");
    EXPECT_EQ(read_text_file(dir / "cmd.err"), "oops\n");
  }
  std::filesystem::remove_all(dir);
}

TEST(ChildProcess, DrainsStderrFromAPipeWhileTheChildRuns) {
  // More than a pipe holds: without the drain the child would block and never exit.
  ChildProcess child({.argv = {"sh", "-c",
                               "i=0; while [ $i -lt 3000 ]; do echo 'a line of forty bytes....' >&2; "
                               "i=$((i+1)); done; echo done"}});
  EXPECT_EQ(child.read_stdout_line(10s), "done");
  EXPECT_EQ(child.wait_for_exit(10s), 0);
  EXPECT_EQ(child.stderr_so_far().size(), 3000u * 26);
}

TEST(ChildProcess, ReportsASignalAsAShellDoesAndKeepsTheRawStatus) {
  ChildProcess child({.argv = {"sh", "-c", "kill -TERM $$"}});
  EXPECT_EQ(child.wait_for_exit(10s), 128 + SIGTERM);
  ASSERT_TRUE(child.wait_status().has_value());
  EXPECT_TRUE(WIFSIGNALED(*child.wait_status()));
}

TEST(ChildProcess, WaitKillsTheWholeGroupWhenTheCommandOverrunsItsTimeout) {
  ChildProcess child({.argv = {"sh", "-c", "sleep 30 & echo $!; wait"}, .own_process_group = true});
  const auto grandchild = child.read_stdout_line(10s);
  ASSERT_TRUE(grandchild.has_value());
  ASSERT_TRUE(still_running(std::stoi(*grandchild)));
  const auto result = child.wait(200ms);
  EXPECT_TRUE(result.timed_out);
  EXPECT_EQ(result.term_signal, SIGKILL);
  EXPECT_TRUE(ends_within(std::stoi(*grandchild), 5s)) << "what the command started outlived it";
}

TEST(ChildProcess, SignalGroupReachesTheGroupLeader) {
  ChildProcess child({.argv = {"sh", "-c", "trap 'exit 7' INT; echo ready; while :; do sleep 0.05; done"},
                      .own_process_group = true,
                      .default_sigint = true});
  ASSERT_EQ(child.read_stdout_line(10s), "ready");
  child.signal_group(SIGINT);
  const auto result = child.wait(10s);
  EXPECT_FALSE(result.timed_out) << result.describe();
  EXPECT_EQ(result.exit_code, 7) << result.describe();
}

TEST(ChildProcess, ThrowsNamingAProgramThatIsNotOnPath) {
  try {
    ChildProcess child({.argv = {"rds-no-such-program"}});
    FAIL() << "expected ChildProcess to throw";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("rds-no-such-program"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace rds::testing
