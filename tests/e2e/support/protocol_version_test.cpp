#include "tests/e2e/support/protocol_version_test.h"

#include <signal.h>

#include <regex>
#include <thread>

namespace rds::testing {

using namespace std::chrono_literals;

void ProtocolVersionTest::attach_provider(int version) {
  auto env = clean_environment();
  for (const auto& [name, value] : sim().provider_env()) env[name] = value;
  env["PLUGIN_PROTOCOL_VERSIONS"] = std::to_string(version);
  env["TF_LOG_PROVIDER"] = "debug";  // its log proves Terraform talked to this process, not another
  provider_ = std::make_unique<ChildProcess>(
      ProcessOptions{.argv = {(provider_bin_dir() / "terraform-provider-rds").string(), "--debug"},
                     .env = env,
                     .cwd = workspace().dir(),
                     .own_process_group = true,
                     .stdout_to = Output::kFile,
                     .stderr_to = Output::kFile,
                     .capture_prefix = workspace().dir() / ".provider",
                     .default_sigint = true});

  static const std::regex reattach("TF_REATTACH_PROVIDERS='([^']*)'");
  std::smatch match;
  auto deadline = std::chrono::steady_clock::now() + 10s;
  std::string out;
  while (!std::regex_search(out = provider_->stdout_so_far(), match, reattach)) {
    ASSERT_TRUE(provider_->running() && std::chrono::steady_clock::now() < deadline)
        << "the provider printed no TF_REATTACH_PROVIDERS line\n"
        << out << provider_->stderr_so_far();
    std::this_thread::sleep_for(20ms);
  }
  auto config = nlohmann::json::parse(match[1].str());
  ASSERT_EQ(config[kProviderAddress]["ProtocolVersion"], version) << config.dump();
  workspace().set_env("TF_REATTACH_PROVIDERS", match[1].str());
}

void ProtocolVersionTest::TearDown() {
  if (provider_ == nullptr) return;
  provider_->signal_group(SIGINT);  // --debug mode stops on Ctrl-C
  auto stopped = provider_->wait(10s);
  EXPECT_FALSE(stopped.timed_out) << "the debug-mode provider did not stop on SIGINT";
  EXPECT_NE(stopped.err.find("\"protocol_version\":\"" + std::to_string(GetParam()) + "\""),
            std::string::npos)
      << "the provider's start-up log must show the protocol it served\n"
      << stopped.err;
  // Start-up and stop log a line each; everything else comes from the RPCs Terraform sent to this process.
  size_t log_lines = 0;
  for (size_t at = stopped.err.find("\"@message\""); at != std::string::npos;
       at = stopped.err.find("\"@message\"", at + 1)) {
    ++log_lines;
  }
  EXPECT_GT(log_lines, 4u) << "Terraform did not use the attached provider\n" << stopped.err;
}

std::string protocol_name(const ::testing::TestParamInfo<int>& info) {
  return "Protocol" + std::to_string(info.param);
}

}  // namespace rds::testing
