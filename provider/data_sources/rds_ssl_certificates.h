#pragma once
// The data source `rds_ssl_certificates`: where to download an instance's SSL CA bundle.
//
//   data "rds_ssl_certificates" "orders" { instance_id = "a1b2c3d4e5f6in01" }
//   # -> certificates = [{ category = "international", download_link = "https://..." }, ...]
//
// Not every cloud has this API, and not every engine offers it; the read then fails with an error that
// says so. Thread-safe: holds no per-call state.

#include <memory>

#include "provider/config/provider_context.h"
#include "provider/core/provider.h"

namespace rds::data_sources {

class SslCertificatesDataSource : public rds::core::DataSource {
 public:
  explicit SslCertificatesDataSource(std::shared_ptr<rds::config::ProviderContext> context);

  std::string type_name() const override;
  const rds::core::Schema& schema() const override;
  rds::core::Diagnostics validate(const rds::core::Value& config) override;
  rds::core::DataReadResult read(const rds::core::DataReadRequest& request) override;

 private:
  std::shared_ptr<rds::config::ProviderContext> context_;
};

}  // namespace rds::data_sources
