#include "provider/data_sources/rds_ssl_ca_bundle.h"

#include <algorithm>

#include "client/ca_bundle_download.h"
#include "client/errors.h"
#include "provider/config/region_attribute.h"
#include "provider/data_sources/data_source_read.h"
#include "provider/data_sources/ssl_ca_bundle_schema.h"
#include "provider/logging/hclog.h"
#include "provider/shared/api_diagnostics.h"
#include "provider/shared/instance_id.h"

namespace rds::data_sources {
namespace {

using namespace rds::core;
namespace bundle = ssl_ca_bundle;

const AttributePath kInstanceIdPath{std::string(bundle::kInstanceId)};
const AttributePath kCategoryPath{std::string(bundle::kCategory)};

Value certificate_value(const rds::client::CaCertificate& certificate) {
  return Value::object(
      bundle::certificate_type(),
      {{std::string(bundle::kSubject), Value::string(certificate.subject)},
       {std::string(bundle::kIssuer), Value::string(certificate.issuer)},
       {std::string(bundle::kNotBefore), Value::string(rds::client::rfc3339(certificate.not_before))},
       {std::string(bundle::kNotAfter), Value::string(rds::client::rfc3339(certificate.not_after))},
       {std::string(bundle::kSha256Fingerprint), Value::string(certificate.sha256_fingerprint)}});
}

// The state: the configuration with the category read and every computed attribute.
Value state_of(const Value& config, const std::string& category, const std::string& link,
               const rds::client::SslCaBundle& read) {
  std::string pem;
  std::vector<Value> certificates;
  auto earliest = read.certificates.front().not_after;
  for (const auto& certificate : read.certificates) {
    pem += certificate.pem;
    certificates.push_back(certificate_value(certificate));
    earliest = std::min(earliest, certificate.not_after);
  }
  return config.with_attr(bundle::kCategory, Value::string(category))
      .with_attr(bundle::kDownloadLink, Value::string(link))
      .with_attr(bundle::kPem, Value::string(pem))
      .with_attr(bundle::kNotAfter, Value::string(rds::client::rfc3339(earliest)))
      .with_attr(bundle::kCertificates, Value::list(bundle::certificate_type(), std::move(certificates)));
}

}  // namespace

SslCaBundleDataSource::SslCaBundleDataSource(std::shared_ptr<rds::config::ProviderContext> context)
    : context_(std::move(context)) {}

std::string SslCaBundleDataSource::type_name() const { return std::string(bundle::kTypeName); }

const Schema& SslCaBundleDataSource::schema() const { return bundle::schema(); }

Diagnostics SslCaBundleDataSource::validate(const Value& config) {
  Diagnostics diags;
  if (config.is_null() || !config.is_known()) return diags;
  rds::shared::check_instance_id(config.attr(bundle::kInstanceId), std::string(bundle::kInstanceId),
                                 "an RDS instance", diags);
  rds::config::check_region_attribute(config, diags);
  return diags;
}

DataReadResult SslCaBundleDataSource::read(const DataReadRequest& request) {
  DataReadResult result;
  if (!check_known(request.config, type_name(), result.diagnostics)) return result;
  auto client = rds::config::region_client(*context_, rds::config::configured_region(request.config),
                                           result.diagnostics);
  if (!client) return result;
  const std::string id = request.config.get_string(bundle::kInstanceId).value_or("");
  const std::string category =
      request.config.get_string(bundle::kCategory).value_or(std::string(bundle::kDefaultCategory));
  const std::string summary = "Cannot read the SSL CA bundle of RDS instance " + id;
  const rds::client::Deadline deadline = read_deadline(*client);
  const auto cancel = context_->operation_token(request.cancel);
  try {
    const auto links = client->get_ssl_cert_links(id, deadline, cancel);
    const auto link = std::find_if(links.begin(), links.end(),
                                   [&](const auto& candidate) { return candidate.category == category; });
    if (link == links.end()) {
      std::string offered;
      for (const auto& candidate : links) offered += (offered.empty() ? "" : ", ") + candidate.category;
      result.diagnostics.error(summary,
                               "The RDS API lists no CA bundle of category \"" + category +
                                   "\" for instance " + id +
                                   "; it lists: " + (offered.empty() ? "none" : offered) + ".",
                               kCategoryPath);
      return result;
    }
    rds::logging::debug("downloading the SSL CA bundle",
                        {{"instance_id", id},
                         {"category", category},
                         {"link", rds::client::shown_link(link->download_link)}});
    const auto read = client->download_ssl_ca_bundle(link->download_link, deadline, cancel);
    if (read.plain_http && !read.loopback) {
      // The same rule as the provider's plain-HTTP warning for credentials: loopback never crosses a network.
      result.diagnostics.warning("CA bundle downloaded without TLS",
                                 "The CA bundle of RDS instance " + id + " was downloaded from " +
                                     rds::client::shown_link(link->download_link) +
                                     " over plain http://, because the RDS endpoint is http://: anyone on "
                                     "the network path could have "
                                     "replaced the CA that clients will trust. Use an https:// endpoint.",
                                 kInstanceIdPath);
    }
    result.state =
        state_of(request.config, category, link->download_link, read)
            .with_attr(rds::config::kRegion, rds::config::effective_region(
                                                 *context_, rds::config::configured_region(request.config)));
  } catch (const rds::client::NotOfferedError& error) {
    result.diagnostics.error(
        "SSL CA bundles are not offered for RDS instance " + id,
        "This cloud's RDS API, or the engine of instance " + id +
            ", does not offer SSL certificate download links, so the CA bundle cannot be read. Download "
            "the CA certificate from the console instead.\n\n" +
            rds::shared::api_answer_lines(error),
        kInstanceIdPath);
  } catch (const rds::client::UnsafeLinkError& error) {
    result.diagnostics.error(summary, error.what(), kInstanceIdPath);
  } catch (const rds::client::ZipError& error) {
    result.diagnostics.error(summary, error.what(), kInstanceIdPath);
  } catch (const rds::client::CaBundleError& error) {
    result.diagnostics.error(summary, error.what(), kInstanceIdPath);
  } catch (const std::exception& error) {
    rds::shared::add_api_error(result.diagnostics, summary, error,
                               rds::shared::ErrorContext{.timeout_argument = "",
                                                         .deadline_passed = client->clock().now() >= deadline,
                                                         .switch_requested = false});
  }
  return result;
}

}  // namespace rds::data_sources
