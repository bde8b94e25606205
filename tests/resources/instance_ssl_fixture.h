#pragma once
// Drives rds_instance_ssl in-process, through the rds provider, against a real rds-sim: what Terraform
// would call over gRPC, minus the wire. Shared by the sim-backed resource tests.

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "provider/core/provider.h"
#include "tests/support/sim_process.h"

namespace rds::resources::testing {

// A resource value of rds_instance_ssl; attributes not given are null.
rds::core::Value resource_value(std::map<std::string, rds::core::Value> attributes);
rds::core::Value ssl_config(const std::string& instance_id, bool ssl_enable, bool disable_on_destroy = false,
                            std::map<std::string, rds::core::Value> timeouts = {});
// What the resource's state must be for `instance_id` with SSL `ssl_enable`.
rds::core::Value expected_state(const std::string& instance_id, bool ssl_enable,
                                bool disable_on_destroy = false);

std::string describe(const rds::core::Diagnostics& diags);
// True when some diagnostic's summary or detail contains `text`.
bool mentions(const rds::core::Diagnostics& diags, const std::string& text);

class SimBackedTest : public ::testing::Test {
 protected:
  // Starts rds-sim with `sim_args` (plus a fast SSL switch unless given) and configures a provider
  // for it with AK/SK credentials.
  void start(std::vector<std::string> sim_args);

  // Plan then apply, the way Terraform creates or updates (prior null = create).
  rds::core::ApplyResult plan_and_apply(const rds::core::Value& prior, const rds::core::Value& config);
  rds::core::ApplyResult destroy(const rds::core::Value& prior);
  rds::core::ReadResult read(const rds::core::Value& state);

  // The instance as the sim's admin API reports it.
  nlohmann::json sim_instance(const std::string& id) const { return sim_->instance(id); }
  // The sim's request log entries whose method is `method` and path contains `path_part`.
  int count_requests(const std::string& method, const std::string& path_part) const;

  std::unique_ptr<rds::testing::SimProcess> sim_;
  std::shared_ptr<rds::core::Provider> provider_;
  std::shared_ptr<rds::core::Resource> resource_;
};

}  // namespace rds::resources::testing
