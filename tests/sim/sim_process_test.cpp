// rds::testing::SimProcess: starts the real sim, reports its URL, stops it whatever happens.
#include "tests/support/sim_process.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>

namespace rds::testing {
namespace {

bool process_exists(pid_t pid) { return kill(pid, 0) == 0; }

TEST(SimProcess, StartsTheSimAndReportsItsLocalBaseUrl) {
  SimProcess sim({"--quiet"});
  EXPECT_EQ(sim.base_url().rfind("http://127.0.0.1:", 0), 0u) << sim.base_url();
  EXPECT_GT(sim.port(), 0);
  EXPECT_EQ(sim.auth_url(), sim.base_url() + "/v3");
  EXPECT_TRUE(sim.ca_file().empty());
  EXPECT_EQ(sim.project_id(), "sim-project");
  EXPECT_EQ(sim.connections(), 0);
}

TEST(SimProcess, DestructorStopsTheSim) {
  pid_t pid = 0;
  {
    SimProcess sim({"--quiet"});
    pid = sim.pid();
    ASSERT_TRUE(process_exists(pid));
  }
  EXPECT_FALSE(process_exists(pid));  // reaped, so not even a zombie is left
}

TEST(SimProcess, SigtermMakesTheSimExitWithStatusZero) {
  SimProcess sim({"--quiet"});
  sim.signal(SIGTERM);
  auto status = sim.wait_exit(std::chrono::seconds(5));
  ASSERT_TRUE(status.has_value());
  EXPECT_TRUE(WIFEXITED(*status));
  EXPECT_EQ(WEXITSTATUS(*status), 0);
}

TEST(SimProcess, SigintAlsoMakesTheSimExitWithStatusZero) {
  SimProcess sim({"--quiet", "--tls"});
  const std::string ca = sim.ca_file();
  sim.signal(SIGINT);
  auto status = sim.wait_exit(std::chrono::seconds(5));
  ASSERT_TRUE(status.has_value());
  EXPECT_TRUE(WIFEXITED(*status));
  EXPECT_EQ(WEXITSTATUS(*status), 0);
  EXPECT_FALSE(std::filesystem::exists(ca));
}

TEST(SimProcess, SimWithAnIdleKeepAliveClientStillStopsPromptly) {
  SimProcess sim({"--quiet"});
  // An idle keep-alive connection makes httplib wait for it; the sim must not wait out the timeout.
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(sim.port()));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  const auto start = std::chrono::steady_clock::now();
  sim.signal(SIGTERM);
  auto status = sim.wait_exit(std::chrono::seconds(5));
  close(fd);
  ASSERT_TRUE(status.has_value());
  EXPECT_EQ(WEXITSTATUS(*status), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
}

// A shell starts background jobs with SIGINT ignored, and an ignored disposition survives exec.
TEST(SimProcess, SimStopsOnSigintEvenWhenItsParentIgnoresSigint) {
  auto previous = ::signal(SIGINT, SIG_IGN);
  std::optional<SimProcess> sim;
  sim.emplace(std::vector<std::string>{"--quiet"});
  ::signal(SIGINT, previous);

  sim->signal(SIGINT);
  auto status = sim->wait_exit(std::chrono::seconds(3));
  ASSERT_TRUE(status.has_value()) << "the sim kept running after SIGINT";
  EXPECT_EQ(WEXITSTATUS(*status), 0);
}

TEST(SimProcess, ThrowsWithTheExitStatusWhenTheSimRefusesItsArguments) {
  try {
    SimProcess sim({"--no-such-flag"});
    FAIL() << "expected SimProcess to throw";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("exited with status 2"), std::string::npos) << e.what();
  }
}

TEST(SimProcess, AdminThrowsNamingTheCallOnAnErrorAnswer) {
  SimProcess sim({"--quiet"});
  try {
    sim.admin("GET", "/_admin/instances/nope");
    FAIL() << "expected admin() to throw";
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("GET /_admin/instances/nope"), std::string::npos) << what;
    EXPECT_NE(what.find("404"), std::string::npos) << what;
  }
}

TEST(SimProcess, ProjectIdFollowsTheProjectIdFlag) {
  SimProcess sim({"--quiet", "--project-id", "p-123"});
  EXPECT_EQ(sim.project_id(), "p-123");
}

TEST(SimProcess, TlsStartUpGivesACaFileAndAdminCallsWorkOverHttps) {
  std::string ca;
  {
    SimProcess sim({"--quiet", "--tls", "--instance", "db1"});
    EXPECT_EQ(sim.base_url().rfind("https://localhost:", 0), 0u) << sim.base_url();
    ca = sim.ca_file();
    ASSERT_FALSE(ca.empty());
    std::ifstream in(ca);
    std::string first;
    std::getline(in, first);
    EXPECT_EQ(first, "-----BEGIN CERTIFICATE-----");
    EXPECT_EQ(sim.instance("db1").at("id"), "db1");
  }
  // The sim removes its generated key material when it stops.
  EXPECT_FALSE(std::filesystem::exists(ca));
}

}  // namespace
}  // namespace rds::testing
