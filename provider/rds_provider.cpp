#include "provider/rds_provider.h"

#include <algorithm>

#include "client/regional_config.h"
#include "provider/config/client_log.h"
#include "provider/config/clouds_yaml.h"
#include "provider/config/provider_context.h"
#include "provider/config/provider_schema.h"
#include "provider/config/region_placeholder.h"
#include "provider/data_sources/rds_instance.h"
#include "provider/data_sources/rds_instances.h"
#include "provider/data_sources/rds_ssl_ca_bundle.h"
#include "provider/data_sources/rds_ssl_certificates.h"
#include "provider/logging/hclog.h"
#include "provider/resources/rds_instance_ssl.h"
#include "provider/shared/api_diagnostics.h"
#include "provider/shared/duration.h"

namespace rds {
namespace {

using rds::core::Diagnostics;
using rds::core::Schema;
using rds::core::Value;

class RdsProvider : public rds::core::Provider {
 public:
  explicit RdsProvider(ProviderOptions options)
      : options_(std::move(options)),
        context_(std::make_shared<rds::config::ProviderContext>()),
        resources_{std::make_shared<rds::resources::InstanceSslResource>(context_)},
        data_sources_{std::make_shared<rds::data_sources::InstanceDataSource>(context_),
                      std::make_shared<rds::data_sources::InstancesDataSource>(context_),
                      std::make_shared<rds::data_sources::SslCertificatesDataSource>(context_),
                      std::make_shared<rds::data_sources::SslCaBundleDataSource>(context_)} {
    if (!options_.environment) options_.environment = rds::config::process_environment();
    // Every region's client takes its slots from the one limiter of the configured provider.
    make_client_ = [make = options_.make_client](rds::client::ClientConfig config,
                                                 std::shared_ptr<rds::client::RateLimiter> limiter) {
      if (make) return make(std::move(config));
      rds::client::Dependencies deps;
      deps.rate_limiter = std::move(limiter);
      return rds::client::RdsClient::create(std::move(config), std::move(deps));
    };
  }

  const Schema& schema() const override { return rds::config::provider_schema(); }

  Diagnostics validate_config(const Value& config) override {
    Diagnostics diags;
    resolved_settings(config, diags);
    return diags;
  }

  Diagnostics configure(const Value& config, const std::string& terraform_version,
                        const rds::core::CancelToken& cancel) override {
    Diagnostics diags;
    const rds::config::ProviderSettings settings = resolved_settings(config, diags);
    if (diags.has_errors()) return diags;
    diags.append(rds::config::check_configurable(settings));
    if (diags.has_errors()) return diags;

    const rds::client::ClientConfig provider_config = client_config_from(settings, terraform_version);
    rds::client::ClientConfig client_config;
    try {
      client_config = rds::client::config_for_region(provider_config, provider_config.region);
    } catch (const std::exception& error) {
      rds::shared::add_api_error(diags, "Cannot configure the rds provider", error);
      return diags;
    }
    rds::logging::debug(
        "configuring the RDS API client",
        {{"region", client_config.region},
         {"project_id", client_config.project_id.empty() ? "(found by name)" : client_config.project_id},
         {"endpoint", client_config.endpoint.empty() ? "(from region)" : client_config.endpoint},
         {"auth", settings.access_key.known_set() ? "aksk"
                  : settings.token.known_set()    ? "token"
                                                  : "password"}});
    Diagnostics reported_by_check_settings;  // the URLs as sent: {region} replaced
    diags.append(rds::config::security_warnings(
        rds::config::with_region_replaced(settings, reported_by_check_settings)));
    std::shared_ptr<rds::client::RdsClient> client;
    const auto limiter = std::make_shared<rds::client::RateLimiter>(rds::client::system_clock(),
                                                                    provider_config.max_requests_per_second);
    try {
      client = make_client_(std::move(client_config), limiter);
    } catch (const std::exception& error) {
      rds::shared::add_api_error(diags, "Cannot configure the rds provider", error);
      return diags;
    }
    try {
      // Log in once here, for every resource of this provider: a refused password is one error on the
      // provider block instead of one per resource (and one IAM login attempt per resource).
      client->sign_in(client->clock().now() + rds::client::RdsClient::kDefaultCallLimit,
                      context_->operation_token(cancel));
    } catch (const rds::client::ProjectNotFoundError& error) {
      diags.error("Cannot find the project", error.what(),
                  rds::core::AttributePath(settings.project_name.known_set() ? "project_name" : "region"));
      return diags;
    } catch (const std::exception& error) {
      rds::shared::add_api_error(diags, "Cannot log in to IAM", error);
      return diags;
    }
    context_->set_regions(std::make_shared<rds::config::RegionClients>(provider_config, std::move(client),
                                                                       limiter, make_client_));
    return diags;
  }

  std::vector<std::shared_ptr<rds::core::Resource>> resources() override { return resources_; }
  std::vector<std::shared_ptr<rds::core::DataSource>> data_sources() override { return data_sources_; }

  void stop() override {
    rds::logging::info("stop requested: cancelling waits in flight");
    context_->stop();
  }

 private:
  // The provider block as the user means it: the block, then the environment argument by argument, then
  // clouds.yaml, checked. Validate and configure both start here; a configure that fails leaves the
  // provider unconfigured, never with the client of an earlier one.
  rds::config::ProviderSettings resolved_settings(const Value& config, Diagnostics& diags) {
    context_->set_client(nullptr);
    rds::config::ProviderSettings settings = rds::config::settings_from_config(config);
    rds::config::apply_environment(settings, options_.environment, diags);
    rds::config::apply_clouds_yaml(settings, options_.environment, diags);
    diags.append(rds::config::check_settings(settings));
    return settings;
  }

  ProviderOptions options_;
  rds::config::RegionClients::Factory make_client_;
  std::shared_ptr<rds::config::ProviderContext> context_;
  std::vector<std::shared_ptr<rds::core::Resource>> resources_;
  std::vector<std::shared_ptr<rds::core::DataSource>> data_sources_;
};

// "argument endpoint in the provider block" or "environment variable RDS_ENDPOINT".
std::string origin_of(const std::string& name, const rds::config::Setting<std::string>& setting) {
  if (setting.origin.starts_with("environment")) return setting.origin;
  return "argument " + name + " in the provider block";
}

template <class T>
T value_or(const rds::config::Setting<T>& setting, T fallback) {
  return setting.value.value_or(std::move(fallback));
}

}  // namespace

rds::client::ClientConfig client_config_from(const rds::config::ProviderSettings& s,
                                             const std::string& terraform_version) {
  rds::client::ClientConfig config;
  config.endpoint = value_or(s.endpoint, {});
  config.auth_url = value_or(s.auth_url, {});
  config.endpoint_origin = s.endpoint.known_set() ? origin_of("endpoint", s.endpoint) : "";
  config.auth_url_origin = s.auth_url.known_set() ? origin_of("auth_url", s.auth_url) : "";
  config.region = value_or(s.region, {});
  config.project_id = value_or(s.project_id, {});
  // Only looked up when project_id is not given (then by this name, or else the region's).
  config.project_name = value_or(s.project_name, {});
  config.access_key = value_or(s.access_key, {});
  config.secret_key = value_or(s.secret_key, {});
  config.security_token = value_or(s.security_token, {});
  config.token = value_or(s.token, {});
  config.user_name = value_or(s.user_name, {});
  config.password = value_or(s.password, {});
  config.domain_name = value_or(s.domain_name, {});
  config.agency_name = value_or(s.agency_name, {});
  config.agency_domain_name = value_or(s.agency_domain_name, {});
  config.agency_duration_seconds = static_cast<int>(value_or<int64_t>(s.agency_duration, 0));
  config.max_requests_per_second = value_or(s.max_requests_per_second, 0.0);
  config.insecure = value_or(s.insecure, false);
  config.batch_reads = value_or(s.batch_reads, true);
  config.cacert_file = value_or(s.cacert_file, {});
  config.max_retries =
      static_cast<int>(std::min<int64_t>(value_or<int64_t>(s.max_retries, 5), rds::config::kMaxRetriesLimit));
  if (s.request_timeout.known_set()) {
    // check_settings refused anything but a duration in range.
    const rds::shared::DurationResult parsed = rds::shared::parse_duration(*s.request_timeout.value);
    if (const auto* timeout = std::get_if<std::chrono::nanoseconds>(&parsed))
      config.request_timeout = std::chrono::duration_cast<std::chrono::milliseconds>(*timeout);
  }
  if (!terraform_version.empty()) config.user_agent = "Terraform/" + terraform_version;
  config.log = rds::config::client_log_sink();
  return config;
}

std::shared_ptr<rds::core::Provider> make_rds_provider() { return make_rds_provider(ProviderOptions{}); }

std::shared_ptr<rds::core::Provider> make_rds_provider(ProviderOptions options) {
  return std::make_shared<RdsProvider>(std::move(options));
}

}  // namespace rds
