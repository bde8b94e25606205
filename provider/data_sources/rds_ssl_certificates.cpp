#include "provider/data_sources/rds_ssl_certificates.h"

#include <algorithm>

#include "client/errors.h"
#include "provider/config/region_attribute.h"
#include "provider/data_sources/data_source_read.h"
#include "provider/data_sources/ssl_certificates_schema.h"
#include "provider/logging/hclog.h"
#include "provider/shared/api_diagnostics.h"
#include "provider/shared/instance_id.h"

namespace rds::data_sources {
namespace {

using namespace rds::core;
namespace certs = ssl_certificates;

const AttributePath kInstanceIdPath{std::string(certs::kInstanceId)};

}  // namespace

SslCertificatesDataSource::SslCertificatesDataSource(std::shared_ptr<rds::config::ProviderContext> context)
    : context_(std::move(context)) {}

std::string SslCertificatesDataSource::type_name() const { return std::string(certs::kTypeName); }

const Schema& SslCertificatesDataSource::schema() const { return certs::schema(); }

Diagnostics SslCertificatesDataSource::validate(const Value& config) {
  Diagnostics diags;
  if (config.is_null() || !config.is_known()) return diags;
  rds::shared::check_instance_id(config.attr(certs::kInstanceId), std::string(certs::kInstanceId),
                                 "an RDS instance", diags);
  rds::config::check_region_attribute(config, diags);
  return diags;
}

DataReadResult SslCertificatesDataSource::read(const DataReadRequest& request) {
  DataReadResult result;
  if (!check_known(request.config, type_name(), result.diagnostics)) return result;
  auto client = rds::config::region_client(*context_, rds::config::configured_region(request.config),
                                           result.diagnostics);
  if (!client) return result;
  const std::string id = request.config.get_string(certs::kInstanceId).value_or("");
  const std::string summary = "Cannot read the SSL certificate links of RDS instance " + id;
  const rds::client::Deadline deadline = read_deadline(*client);
  const auto cancel = context_->operation_token(request.cancel);
  std::optional<rds::client::Instance> instance;
  try {
    // Read the instance first: "it does not exist" and "its engine does not offer links" are different
    // answers to give, and the engine makes the second one clear.
    instance = client->get_instance(id, deadline, cancel);
    if (!instance) {
      result.diagnostics.error(summary, "RDS instance " + id + " does not exist in this project.",
                               kInstanceIdPath);
      return result;
    }
    rds::logging::debug("reading SSL certificate links", {{"instance_id", id}, {"engine", instance->engine}});
    auto links = client->get_ssl_cert_links(id, deadline, cancel);
    std::stable_sort(links.begin(), links.end(),
                     [](const auto& a, const auto& b) { return a.category < b.category; });
    std::vector<Value> certificates;
    for (const auto& link : links) {
      certificates.push_back(
          Value::object(certs::certificate_type(),
                        {{std::string(certs::kCategory), Value::string(link.category)},
                         {std::string(certs::kDownloadLink), Value::string(link.download_link)}}));
    }
    result.state =
        request.config
            .with_attr(certs::kCertificates, Value::list(certs::certificate_type(), std::move(certificates)))
            .with_attr(rds::config::kRegion, rds::config::effective_region(
                                                 *context_, rds::config::configured_region(request.config)));
  } catch (const rds::client::NotOfferedError& error) {
    // A gateway answers 404 for an API it does not publish; RDS refuses an engine with a DBS error.
    const std::string why =
        error.http_status() == 404
            ? "This cloud's RDS API does not have the call (its API gateway answered HTTP 404; Huawei Cloud "
              "documents it as ListSslCertDownloadLink), so it offers no SSL certificate download links."
            : "Instance " + id + " runs " + instance->engine + " " + instance->engine_version +
                  ", and the RDS API refused the call for it: this engine does not offer SSL certificate "
                  "download links.";
    result.diagnostics.error("SSL certificate links are not offered for RDS instance " + id,
                             why + " Download the CA certificate from the console instead.\n\n" +
                                 rds::shared::api_answer_lines(error),
                             kInstanceIdPath);
  } catch (const std::exception& error) {
    rds::shared::add_api_error(
        result.diagnostics, summary, error,
        rds::shared::ErrorContext{.timeout_argument = "",
                                  .deadline_passed = client->clock().now() >= deadline});
  }
  return result;
}

}  // namespace rds::data_sources
