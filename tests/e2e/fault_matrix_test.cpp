// The fault matrix (docs/RELIABILITY.md): what a real outage does in the middle of an apply, through real
// Terraform against rds-sim. Every case ends with the state consistent with the sim and a rerun that
// converges to an empty plan.
#include <dirent.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "tests/e2e/support/e2e_test.h"
#include "tests/support/eventually.h"

namespace rds::testing {
namespace {

using namespace std::chrono_literals;

// The pids of the processes whose parent is `parent` and whose command name starts with `name`
// (/proc/PID/stat: "pid (comm) state ppid ...").
std::vector<pid_t> children_named(pid_t parent, const std::string& name) {
  std::vector<pid_t> found;
  DIR* proc = opendir("/proc");
  if (proc == nullptr) return found;
  while (dirent* entry = readdir(proc)) {
    const std::string pid = entry->d_name;
    if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat("/proc/" + pid + "/stat");
    std::string line;
    if (!std::getline(stat, line)) continue;
    const auto open = line.find('('), close = line.rfind(')');
    if (open == std::string::npos || close == std::string::npos) continue;
    const std::string comm = line.substr(open + 1, close - open - 1);
    std::istringstream rest(line.substr(close + 2));
    char state = 0;
    pid_t ppid = 0;
    rest >> state >> ppid;
    if (ppid == parent && comm.rfind(name, 0) == 0) found.push_back(std::stoi(pid));
  }
  closedir(proc);
  return found;
}

bool state_matches_sim(TerraformWorkspace& workspace, SimEnvironment& sim, const std::string& address,
                       const std::string& instance_id) {
  auto resource = workspace.state_resource(address);
  if (resource.is_null()) return false;
  return resource["values"]["ssl_enable"].get<bool>() == sim.ssl_enabled(instance_id);
}

class FaultMatrix : public E2eTest {
 protected:
  // The sim with "mysql-1" (SSL off), whose SSL switches take `switch_seconds`, and a config that turns
  // SSL on for it as rds_instance_ssl.x.
  void start_with_one_slow_switch(double switch_seconds) {
    SimOptions options;
    options.ssl_switch_seconds = switch_seconds;
    start(options);
    sim().add_instance("mysql-1", false);
    workspace().write_config(ssl_resource("x", "mysql-1", true));
  }

  // Starts `terraform apply` and returns it once `reached()` holds: the moment to inject a fault.
  // Fails the test and returns nullptr when that never happens.
  template <class Condition>
  std::unique_ptr<ChildProcess> start_apply_until(Condition reached) {
    auto apply = workspace().start_terraform({"apply", "-auto-approve", "-input=false", "-no-color"});
    if (!eventually(reached, 60s)) {
      ADD_FAILURE() << "the apply never got there\n" << apply->stdout_so_far() << apply->stderr_so_far();
      return nullptr;
    }
    return apply;
  }
};

TEST_F(FaultMatrix, TwentyResourcesConvergeWhileAThirdOfTheCallsFailAtRandom) {
  start();
  std::string config = "provider \"rds\" {\n  max_retries = 12\n}\n";
  for (int i = 1; i <= 20; ++i) {
    sim().add_instance("mysql-" + std::to_string(i), false);
    config += ssl_resource("r" + std::to_string(i), "mysql-" + std::to_string(i), true);
  }
  // Four kinds at about 9.5 % each: 1 - 0.905^4 ≈ a third of all API calls fail.
  const double p = 0.095;
  sim().inject_fault({{"kind", "status"},
                      {"status", 500},
                      {"error_code", "DBS.200000"},
                      {"probability", p},
                      {"count", 100000}});
  sim().inject_fault({{"kind", "status"}, {"status", 503}, {"probability", p}, {"count", 100000}});
  sim().inject_fault({{"kind", "retry_after"}, {"retry_after", 1}, {"probability", p}, {"count", 100000}});
  sim().inject_fault({{"kind", "drop"}, {"probability", p}, {"count", 100000}});
  workspace().write_config(config);

  apply_ok();

  int faulted = 0;
  for (const auto& request : sim().requests()) faulted += request.contains("fault") ? 1 : 0;
  EXPECT_GT(faulted, 0) << "the faults must really have hit";
  for (int i = 1; i <= 20; ++i) {
    const std::string id = "mysql-" + std::to_string(i);
    EXPECT_TRUE(sim().ssl_enabled(id)) << id;
    EXPECT_TRUE(state_matches_sim(workspace(), sim(), "rds_instance_ssl.r" + std::to_string(i), id)) << id;
  }
  EXPECT_EQ(sim().accepted_switches(), 20) << "one switch per instance, none twice";
  sim().process().admin("DELETE", "/_admin/faults");
  expect_empty_plan("after converging through the faults");
}

TEST_F(FaultMatrix, TheApiUnreachableForThreeSecondsDuringAWaitIsRiddenOut) {
  // The switch runs until the outage is over, so every poll of the 3 s hits the outage or follows it.
  start_with_one_slow_switch(3600);
  auto apply = start_apply_until([&] { return sim().accepted_switches() == 1; });
  ASSERT_TRUE(apply);
  sim().inject_fault({{"kind", "drop"}, {"seconds", 3}});  // every call in the next 3 s gets no answer
  // The sim forgets an expired outage at the first call after it: the wait went on past the outage.
  ASSERT_TRUE(
      eventually([&] { return sim().process().admin("GET", "/_admin/faults")["faults"].empty(); }, 60s))
      << apply->stdout_so_far() << apply->stderr_so_far();
  sim().finish_ssl_switch("mysql-1");
  auto result = apply->wait(120s);

  ASSERT_TRUE(result.succeeded()) << result.describe();
  // Retries of one poll back off 0.25, 0.5, 1 and 2 s: an outage of 3 s drops at least three calls.
  EXPECT_GE(sim().faulted_requests("drop"), 3) << "the outage must have hit the wait's polls for its 3 s\n"
                                               << sim().requests().dump(1);
  EXPECT_TRUE(state_matches_sim(workspace(), sim(), "rds_instance_ssl.x", "mysql-1"));
  EXPECT_EQ(sim().accepted_switches(), 1);
  expect_empty_plan("after riding out the outage");
}

// max_retries bounds one request, not a wait. With max_retries = 1 every request
// gives up within about a second, yet an outage of several seconds (503 answers) while the apply waits for
// the switch is ridden out, and the create is not tainted.
TEST_F(FaultMatrix, AnOutageLongerThanMaxRetriesAllowsDuringAWaitIsRiddenOut) {
  start_with_one_slow_switch(3600);
  workspace().write_config("provider \"rds\" {\n  max_retries = 1\n}\n" + ssl_resource("x", "mysql-1", true));
  auto apply = start_apply_until([&] { return sim().accepted_switches() == 1; });
  ASSERT_TRUE(apply);
  sim().inject_fault({{"kind", "status"}, {"status", 503}, {"seconds", 6}, {"path_contains", "/instances"}});
  ASSERT_TRUE(eventually([&] { return sim().faulted_requests("status") >= 6 || !apply->running(); }, 60s));
  ASSERT_GE(sim().faulted_requests("status"), 6) << "the outage must outlast several requests' retries\n"
                                                 << apply->stdout_so_far() << apply->stderr_so_far();
  ASSERT_TRUE(
      eventually([&] { return sim().process().admin("GET", "/_admin/faults")["faults"].empty(); }, 60s));
  sim().finish_ssl_switch("mysql-1");
  auto result = apply->wait(120s);

  ASSERT_TRUE(result.succeeded()) << result.describe();
  EXPECT_FALSE(workspace().state_resource("rds_instance_ssl.x").value("tainted", false));
  EXPECT_TRUE(state_matches_sim(workspace(), sim(), "rds_instance_ssl.x", "mysql-1"));
  EXPECT_EQ(sim().accepted_switches(), 1);
  expect_empty_plan("after riding out the outage");
}

TEST_F(FaultMatrix, AnApiRestartedWithItsStateLostIsAClearErrorAndTheRerunConverges) {
  start_with_one_slow_switch(30.0);
  auto apply = start_apply_until([&] { return sim().count_requests("PUT", "/ssl") > 0; });
  ASSERT_TRUE(apply);
  sim().restart_losing_state();
  auto result = apply->wait(120s);

  ASSERT_FALSE(result.timed_out) << result.describe();
  EXPECT_EQ(result.exit_code, 1) << result.describe();
  EXPECT_NE(result.plain_output().find("does not exist"), std::string::npos)
      << "the error must say the instance is gone\n"
      << result.describe();

  // The cloud comes back with the instance (SSL still off): the rerun converges.
  sim().set_ssl_switch_seconds(0.3);
  sim().add_instance("mysql-1", false);
  apply_ok();
  EXPECT_TRUE(sim().ssl_enabled("mysql-1"));
  EXPECT_TRUE(state_matches_sim(workspace(), sim(), "rds_instance_ssl.x", "mysql-1"));
  expect_empty_plan("after the rerun");
}

TEST_F(FaultMatrix, AProviderKilledDuringAnApplyIsReportedAndTheRerunSendsNoSecondSwitch) {
  start_with_one_slow_switch(3.0);
  auto apply = start_apply_until([&] { return sim().accepted_switches() > 0; });
  ASSERT_TRUE(apply);
  const auto providers = children_named(apply->pid(), "terraform-provi");
  ASSERT_EQ(providers.size(), 1u) << "expected one provider process under terraform";
  ::kill(providers.front(), SIGKILL);
  auto result = apply->wait(60s);

  ASSERT_FALSE(result.timed_out) << result.describe();
  EXPECT_NE(result.exit_code, 0) << result.describe();
  EXPECT_NE(result.plain_output().find("plugin"), std::string::npos) << "Terraform must report the crash\n"
                                                                     << result.describe();

  apply_ok();
  EXPECT_TRUE(sim().ssl_enabled("mysql-1"));
  EXPECT_EQ(sim().accepted_switches(), 1) << "the rerun must not switch again\n" << sim().requests().dump(1);
  EXPECT_TRUE(state_matches_sim(workspace(), sim(), "rds_instance_ssl.x", "mysql-1"));
  expect_empty_plan("after the rerun");
}

TEST_F(FaultMatrix, ATokenThatExpiresDuringARunIsRenewedOnceAndTheRunGoesOn) {
  start_with_one_slow_switch(3.0);
  workspace().set_env("OS_ACCESS_KEY", "");
  workspace().set_env("OS_SECRET_KEY", "");
  workspace().set_env("OS_USERNAME", "sim-user");
  workspace().set_env("OS_PASSWORD", "sim-password");
  workspace().set_env("OS_DOMAIN_NAME", "sim-domain");
  auto apply = start_apply_until([&] { return sim().accepted_switches() > 0; });
  ASSERT_TRUE(apply);
  const int logins_before = sim().count_requests("POST", "/v3/auth/tokens");
  sim().process().admin("POST", "/_admin/tokens/revoke");  // every token now answers 401
  auto result = apply->wait(120s);

  ASSERT_TRUE(result.succeeded()) << result.describe();
  EXPECT_EQ(sim().count_requests("POST", "/v3/auth/tokens"), logins_before + 1) << sim().requests().dump(1);
  EXPECT_TRUE(state_matches_sim(workspace(), sim(), "rds_instance_ssl.x", "mysql-1"));
  expect_empty_plan("after the token was renewed");
}

TEST_F(FaultMatrix, AnswersSlowerThanTheRequestTimeoutAreRetriedThenAClearError) {
  start();
  sim().add_instance("mysql-1", false);
  const std::string provider = "provider \"rds\" {\n  request_timeout = \"1s\"\n  max_retries = 2\n}\n";
  workspace().write_config(provider + ssl_resource("x", "mysql-1", true));

  // Two slow answers, then normal ones: retried and done.
  sim().inject_fault({{"kind", "latency"}, {"latency_ms", 3000}, {"count", 2}});
  apply_ok();
  EXPECT_TRUE(sim().ssl_enabled("mysql-1"));

  // Only slow answers: the retries run out with an error that says so.
  workspace().write_config(provider + ssl_resource("x", "mysql-1", false));
  sim().inject_fault({{"kind", "latency"}, {"latency_ms", 3000}, {"count", 100}});
  auto apply = workspace().terraform({"apply", "-auto-approve", "-input=false", "-no-color"});
  EXPECT_EQ(apply.exit_code, 1) << apply.describe();
  const std::string output = apply.plain_output();
  EXPECT_NE(output.find("timed out"), std::string::npos) << apply.describe();
  EXPECT_NE(output.find("Gave up after 3 attempts"), std::string::npos) << apply.describe();
  EXPECT_NE(output.find("max_retries = 2"), std::string::npos) << apply.describe();
  // The sim logs a delayed answer once it is sent, after the client has given up on it.
  EXPECT_TRUE(eventually([&] { return sim().faulted_requests("latency") == 2 + 3; }, 30s))
      << "two slow answers, then three for the three attempts\n"
      << sim().requests().dump(1);

  // The state still says what the sim has (SSL on), and once the answers are fast again the rerun
  // converges.
  EXPECT_TRUE(state_matches_sim(workspace(), sim(), "rds_instance_ssl.x", "mysql-1"));
  sim().process().admin("DELETE", "/_admin/faults");
  apply_ok();
  EXPECT_FALSE(sim().ssl_enabled("mysql-1"));
  EXPECT_TRUE(state_matches_sim(workspace(), sim(), "rds_instance_ssl.x", "mysql-1"));
  expect_empty_plan("after the answers were fast again");
}

// A switch the API refused was never requested: a create whose PUT is answered 429 until its retries run
// out fails without a tainted object and without "may still complete", and the rerun switches once.
TEST_F(FaultMatrix, ASwitchRefusedWith429LeavesNoTaintedObjectAndTheRerunSwitchesOnce) {
  start();
  sim().add_instance("mysql-1", false);
  workspace().write_config("provider \"rds\" {\n  max_retries = 1\n}\n" + ssl_resource("x", "mysql-1", true));
  sim().inject_fault({{"kind", "retry_after"},
                      {"retry_after", 1},
                      {"count", 2},
                      {"method", "PUT"},
                      {"path_contains", "/ssl"}});
  auto refused = workspace().terraform({"apply", "-auto-approve", "-input=false", "-no-color"});

  ASSERT_EQ(refused.exit_code, 1) << refused.describe();
  ASSERT_EQ(sim().faulted_requests("retry_after"), 2) << "both PUTs must have been refused\n"
                                                      << sim().requests().dump(1);
  EXPECT_EQ(sim().accepted_switches(), 0);
  const std::string text = running_text(refused);
  EXPECT_NE(text.find("Gave up after 2 attempts"), std::string::npos) << refused.describe();
  EXPECT_EQ(text.find("may still complete"), std::string::npos) << refused.describe();
  EXPECT_TRUE(workspace().state_resource("rds_instance_ssl.x").is_null())
      << "a refused switch leaves nothing in the state, tainted or not\n"
      << workspace().state_json().dump(1);

  apply_ok();
  EXPECT_EQ(sim().accepted_switches(), 1) << sim().requests().dump(1);
  EXPECT_TRUE(state_matches_sim(workspace(), sim(), "rds_instance_ssl.x", "mysql-1"));
  expect_empty_plan("after the rerun");
}

// The same refusal on an update keeps the object as it was (SSL off), untainted.
TEST_F(FaultMatrix, AnUpdateRefusedWith429KeepsTheObjectUntainted) {
  start();
  sim().add_instance("mysql-1", false);
  const std::string provider = "provider \"rds\" {\n  max_retries = 0\n}\n";
  workspace().write_config(provider + ssl_resource("x", "mysql-1", false));
  apply_ok();
  workspace().write_config(provider + ssl_resource("x", "mysql-1", true));
  sim().inject_fault({{"kind", "retry_after"},
                      {"retry_after", 1},
                      {"count", 1},
                      {"method", "PUT"},
                      {"path_contains", "/ssl"}});
  auto refused = workspace().terraform({"apply", "-auto-approve", "-input=false", "-no-color"});

  ASSERT_EQ(refused.exit_code, 1) << refused.describe();
  ASSERT_EQ(sim().faulted_requests("retry_after"), 1) << sim().requests().dump(1);
  EXPECT_EQ(running_text(refused).find("may still complete"), std::string::npos) << refused.describe();
  const auto resource = workspace().state_resource("rds_instance_ssl.x");
  ASSERT_FALSE(resource.is_null());
  EXPECT_FALSE(resource.value("tainted", false));
  EXPECT_FALSE(resource["values"]["ssl_enable"].get<bool>());

  apply_ok();
  EXPECT_EQ(sim().accepted_switches(), 1) << sim().requests().dump(1);
  expect_empty_plan("after the rerun");
}

// A Retry-After longer than the time left is not waited out: the error says what the API asked for and
// how much of timeouts.create was left, instead of a bare "gave up after 1 attempt".
TEST_F(FaultMatrix, ARetryAfterBeyondTheTimeoutSaysWhatTheApiAskedFor) {
  start();
  sim().add_instance("mysql-1", false);
  workspace().write_config(ssl_resource("x", "mysql-1", true, "  timeouts {\n    create = \"20s\"\n  }\n"));
  sim().inject_fault({{"kind", "retry_after"},
                      {"retry_after", 600},
                      {"count", 1},
                      {"method", "PUT"},
                      {"path_contains", "/ssl"}});
  auto refused = workspace().terraform({"apply", "-auto-approve", "-input=false", "-no-color"});

  ASSERT_EQ(refused.exit_code, 1) << refused.describe();
  ASSERT_EQ(sim().faulted_requests("retry_after"), 1) << sim().requests().dump(1);
  const std::string text = running_text(refused);
  EXPECT_NE(text.find("the API asked to retry after 600.0 s"), std::string::npos) << refused.describe();
  EXPECT_NE(text.find("of the operation's time were left"), std::string::npos) << refused.describe();
  EXPECT_EQ(text.find("may still complete"), std::string::npos) << refused.describe();
  EXPECT_TRUE(workspace().state_resource("rds_instance_ssl.x").is_null());
}

class FaultMatrixTls : public E2eTest {
 protected:
  void start_tls() {
    SimOptions options;
    options.extra_args = {"--tls"};
    start(options);
    sim().add_instance("mysql-1", false);
    workspace().set_env("OS_CACERT", "");
  }
};

TEST_F(FaultMatrixTls, AnUntrustedCertificateNamesCacertFileAndInsecure) {
  start_tls();
  workspace().write_config(ssl_resource("x", "mysql-1", true));

  auto apply = workspace().terraform({"apply", "-auto-approve", "-input=false", "-no-color"});

  EXPECT_EQ(apply.exit_code, 1) << apply.describe();
  EXPECT_NE(apply.plain_output().find("cacert_file"), std::string::npos) << apply.describe();
  EXPECT_NE(apply.plain_output().find("insecure"), std::string::npos) << apply.describe();
  EXPECT_FALSE(sim().ssl_enabled("mysql-1"));
  EXPECT_TRUE(workspace().state_resource("rds_instance_ssl.x").is_null()) << "nothing was created";
}

TEST_F(FaultMatrixTls, CacertFileMakesTheCertificateTrusted) {
  start_tls();
  workspace().write_config("provider \"rds\" {\n  cacert_file = \"" + sim().process().ca_file() + "\"\n}\n" +
                           ssl_resource("x", "mysql-1", true));
  apply_ok();
  EXPECT_TRUE(sim().ssl_enabled("mysql-1"));
  expect_empty_plan("over TLS with cacert_file");
}

TEST_F(FaultMatrixTls, InsecureWorksAndWarnsOnce) {
  start_tls();
  workspace().write_config("provider \"rds\" {\n  insecure = true\n}\n" + ssl_resource("x", "mysql-1", true));
  auto plan = workspace().terraform({"plan", "-input=false", "-no-color"});
  ASSERT_TRUE(plan.succeeded()) << plan.describe();
  const std::string output = plan.plain_output();
  const auto first = output.find("Warning: TLS verification is off");
  EXPECT_NE(first, std::string::npos) << plan.describe();
  EXPECT_EQ(output.find("Warning: TLS verification is off", first + 1), std::string::npos) << plan.describe();
  apply_ok();
  EXPECT_TRUE(sim().ssl_enabled("mysql-1"));
  EXPECT_TRUE(state_matches_sim(workspace(), sim(), "rds_instance_ssl.x", "mysql-1"));
  expect_empty_plan("with insecure = true");
}

}  // namespace
}  // namespace rds::testing
