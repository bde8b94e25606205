#pragma once
// The resource `rds_instance_ssl`: the SSL setting of one RDS for MySQL instance.
//
//   resource "rds_instance_ssl" "db" {
//     instance_id        = "..."     # required, replacing it manages another instance
//     ssl_enable         = true      # required
//     disable_on_destroy = false     # optional; default: destroy only forgets
//     timeouts { create = "30m" update = "30m" delete = "10m" }
//   }
//
// Thread-safe: holds no per-call state (only what a refresh learnt, under a lock); the API client and the
// cancellation come from the shared ProviderContext.

#include <chrono>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "provider/config/provider_context.h"
#include "provider/core/provider.h"

namespace rds::resources {

class InstanceSslResource : public rds::core::Resource {
 public:
  explicit InstanceSslResource(std::shared_ptr<rds::config::ProviderContext> context);

  std::string type_name() const override;
  const rds::core::Schema& schema() const override;
  rds::core::Diagnostics validate(const rds::core::Value& config) override;
  rds::core::PlanResult plan(const rds::core::PlanRequest& request) override;
  rds::core::ApplyResult apply(const rds::core::ApplyRequest& request) override;
  rds::core::ReadResult read(const rds::core::ReadRequest& request) override;
  rds::core::ImportResult import_state(const rds::core::ImportRequest& request) override;
  rds::core::UpgradeResult upgrade_state(const rds::core::UpgradeRequest& request) override;

 private:
  rds::core::ApplyResult create_or_update(const rds::core::ApplyRequest& request);
  rds::core::ApplyResult destroy(const rds::core::ApplyRequest& request);
  void check_target(const std::string& instance_id, const std::string& region,
                    const std::string& timeout_argument, std::chrono::nanoseconds limit,
                    const rds::core::CancelToken& cancel, rds::core::PlanResult& result);

  std::shared_ptr<rds::config::ProviderContext> context_;
  // Instances a refresh of this provider process found deleted. Terraform refreshes and plans in one
  // process, and after the refresh drops such a resource it plans a create: knowing why, the plan's error
  // can say that the instance was in the state and is gone, and how to fix it.
  mutable std::mutex vanished_mutex_;
  std::set<std::string> vanished_;
};

}  // namespace rds::resources
