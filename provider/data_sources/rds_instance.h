#pragma once
// The data source `rds_instance`: one RDS instance, by id or by exact name.
//
//   data "rds_instance" "orders" { name = "orders-db" }   # or: id = "a1b2c3d4e5f6in01"
//   # -> id, name, status, type, engine, engine_version, ssl_enable, port, private_ips, public_ips,
//   #    region, created, updated
//
// Thread-safe: holds no per-call state; the API client and the cancellation come from the shared
// ProviderContext.

#include <memory>

#include "provider/config/provider_context.h"
#include "provider/core/provider.h"

namespace rds::data_sources {

class InstanceDataSource : public rds::core::DataSource {
 public:
  explicit InstanceDataSource(std::shared_ptr<rds::config::ProviderContext> context);

  std::string type_name() const override;
  const rds::core::Schema& schema() const override;
  // Exactly one of id and name; an id must look like one; a name must not start with * (fuzzy).
  rds::core::Diagnostics validate(const rds::core::Value& config) override;
  // An error when the id does not exist or the name matches no instance or several (saying how many).
  rds::core::DataReadResult read(const rds::core::DataReadRequest& request) override;

 private:
  std::shared_ptr<rds::config::ProviderContext> context_;
};

}  // namespace rds::data_sources
