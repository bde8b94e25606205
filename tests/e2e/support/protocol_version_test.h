// A fixture for tests that run real Terraform against the provider over one chosen protocol version.
//
// Terraform 1.x always offers both versions and the provider picks 6, so to exercise tfplugin5 with the
// real CLI the provider is started by hand in --debug mode with PLUGIN_PROTOCOL_VERSIONS=<n>, and
// Terraform attaches to it through TF_REATTACH_PROVIDERS (go-plugin's reattach, what debuggers use).
// Parameterize with the version: INSTANTIATE_TEST_SUITE_P(..., ::testing::Values(5, 6), protocol_name).
#pragma once

#include <memory>
#include <string>

#include "tests/e2e/support/e2e_test.h"

namespace rds::testing {

class ProtocolVersionTest : public E2eTest, public ::testing::WithParamInterface<int> {
 protected:
  // Starts the provider in debug mode speaking protocol `version`, configured for the sim through its
  // own environment (a reattached provider does not see Terraform's), and points the workspace at it.
  // Call after start(); check HasFatalFailure() afterwards.
  void attach_provider(int version);

  // Stops the provider and checks that it served the protocol asked for and that Terraform used it.
  void TearDown() override;

 private:
  std::unique_ptr<ChildProcess> provider_;
};

// "Protocol5" / "Protocol6" as the test name suffix.
std::string protocol_name(const ::testing::TestParamInfo<int>& info);

}  // namespace rds::testing
