#pragma once
// The data source `rds_instances`: every RDS instance matching optional filters, read page by page.
//
//   data "rds_instances" "mysql_without_ssl" {
//     engine     = "MySQL"      # also: name (exact, or "*part" for the API's fuzzy match), type
//     ssl_enable = false
//   }
//   # -> instances (each like rds_instance), ids; sorted by name, then id
//
// Thread-safe: holds no per-call state.

#include <memory>

#include "provider/config/provider_context.h"
#include "provider/core/provider.h"

namespace rds::data_sources {

class InstancesDataSource : public rds::core::DataSource {
 public:
  explicit InstancesDataSource(std::shared_ptr<rds::config::ProviderContext> context);

  std::string type_name() const override;
  const rds::core::Schema& schema() const override;
  // The string filters must not be empty (the API would read an empty one as no filter).
  rds::core::Diagnostics validate(const rds::core::Value& config) override;
  rds::core::DataReadResult read(const rds::core::DataReadRequest& request) override;

 private:
  std::shared_ptr<rds::config::ProviderContext> context_;
};

}  // namespace rds::data_sources
