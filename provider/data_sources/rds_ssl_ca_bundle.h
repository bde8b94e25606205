#pragma once
// The data source `rds_ssl_ca_bundle`: the CA certificates that clients of an RDS instance must trust.
//
//   data "rds_ssl_ca_bundle" "orders" { instance_id = "a1b2c3d4e5f6in01" }
//   # -> pem = "-----BEGIN CERTIFICATE-----\n...", not_after = "2027-01-31T12:00:00Z",
//   #    certificates = [{ subject, issuer, not_before, not_after, sha256_fingerprint }], download_link
//
// It reads the certificate link of the category (the API rds_ssl_certificates reads), downloads the zip
// and reads its certificates (rds::client::RdsClient::download_ssl_ca_bundle). Thread-safe: holds no
// per-call state.

#include <memory>

#include "provider/config/provider_context.h"
#include "provider/core/provider.h"

namespace rds::data_sources {

class SslCaBundleDataSource : public rds::core::DataSource {
 public:
  explicit SslCaBundleDataSource(std::shared_ptr<rds::config::ProviderContext> context);

  std::string type_name() const override;
  const rds::core::Schema& schema() const override;
  rds::core::Diagnostics validate(const rds::core::Value& config) override;
  rds::core::DataReadResult read(const rds::core::DataReadRequest& request) override;

 private:
  std::shared_ptr<rds::config::ProviderContext> context_;
};

}  // namespace rds::data_sources
