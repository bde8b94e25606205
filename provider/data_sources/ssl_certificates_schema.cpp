#include "provider/data_sources/ssl_certificates_schema.h"

#include "provider/config/region_attribute.h"

namespace rds::data_sources::ssl_certificates {
namespace {

using rds::core::Attribute;
using rds::core::Schema;
using rds::core::Type;

Schema build() {
  Schema schema;
  schema.block.description =
      "Reads where to download the CA certificate bundle that clients of an RDS instance need to verify "
      "its SSL connections.";
  schema.block.markdown_description =
      "Reads where to download the CA certificate bundle that clients of an RDS instance need to verify "
      "its SSL connections (`GET /v3/{project_id}/instances/{instance_id}/ssl-cert/download-link`). Clouds "
      "and engines that do not offer it make the read fail with an error saying so.";

  Attribute instance_id = rds::core::described(kInstanceId, Type::string(),
                                               "ID of the RDS instance whose certificate links to read.");
  instance_id.required = true;

  Attribute certificates = rds::core::described(
      kCertificates, Type::list(certificate_type()),
      "The certificate bundles, sorted by category: category (international, or national for the Chinese "
      "SM algorithms) and download_link (a zip file).",
      "The certificate bundles, sorted by category. Each has `category` (`international`, or `national` "
      "for the Chinese SM algorithms) and `download_link` (the URL of a zip file).");
  certificates.computed = true;

  schema.block.attributes = {instance_id, certificates, rds::config::region_attribute(false)};
  return schema;
}

}  // namespace

const Schema& schema() {
  static const Schema schema = build();
  return schema;
}

Type certificate_type() {
  return Type::object(
      {{std::string(kCategory), Type::string()}, {std::string(kDownloadLink), Type::string()}});
}

}  // namespace rds::data_sources::ssl_certificates
