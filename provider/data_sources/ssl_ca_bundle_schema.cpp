#include "provider/data_sources/ssl_ca_bundle_schema.h"

#include "provider/config/region_attribute.h"

namespace rds::data_sources::ssl_ca_bundle {
namespace {

using rds::core::Attribute;
using rds::core::Schema;
using rds::core::Type;

using rds::core::described;

Attribute computed(std::string_view name, Type type, std::string description, std::string markdown = "") {
  Attribute result = described(name, std::move(type), std::move(description), std::move(markdown));
  result.computed = true;
  return result;
}

Schema build() {
  Schema schema;
  schema.block.description =
      "Downloads the CA certificate bundle of an RDS instance and reads its certificates, so that clients "
      "can verify the instance's SSL connections.";
  schema.block.markdown_description =
      "Downloads the CA certificate bundle of an RDS instance (the zip behind the link that "
      "`rds_ssl_certificates` reads) and reads its certificates, so that clients can verify the "
      "instance's SSL connections. The download follows `https://` links only (`http://` only when the RDS "
      "endpoint is `http://` itself), at most 1 MiB, unpacking to at most 4 MiB in at most 64 files.";

  Attribute instance_id =
      described(kInstanceId, Type::string(), "ID of the RDS instance whose CA bundle to read.");
  instance_id.required = true;

  // Optional and computed: the state holds the category read even when the configuration leaves it out.
  Attribute category = computed(
      kCategory, Type::string(),
      "Which bundle to read, one of the categories the API lists for the instance: international (default) "
      "or national (the Chinese SM algorithms).",
      "Which bundle to read, one of the categories the API lists for the instance: `international` "
      "(default) or `national` (the Chinese SM algorithms).");
  category.optional = true;

  schema.block.attributes = {
      instance_id,
      category,
      computed(kDownloadLink, Type::string(), "The URL the bundle was downloaded from (a zip file)."),
      computed(kPem, Type::string(),
               "Every CA certificate of the bundle, PEM-encoded, in the bundle's order: what a client's CA "
               "file must hold."),
      computed(
          kNotAfter, Type::string(),
          "The earliest expiry among the certificates, RFC 3339 (e.g. 2027-01-31T12:00:00Z).",
          "The earliest expiry among the certificates, RFC 3339 (e.g. `2027-01-31T12:00:00Z`). Compare it "
          "with `plantimestamp()` in a `check` block to be warned before the CA expires."),
      computed(
          kCertificates, Type::list(certificate_type()),
          "The certificates in the bundle's order: subject, issuer, not_before, not_after (RFC 3339) and "
          "sha256_fingerprint (lower-case hex of the SHA-256 of the DER).",
          "The certificates in the bundle's order. Each has `subject` and `issuer` (RFC 2253, e.g. "
          "`CN=Root CA,O=Example`), `not_before` and `not_after` (RFC 3339) and `sha256_fingerprint` "
          "(lower-case hex of the SHA-256 of the certificate's DER, no separators)."),
      rds::config::region_attribute(false)};
  return schema;
}

}  // namespace

const Schema& schema() {
  static const Schema schema = build();
  return schema;
}

Type certificate_type() {
  return Type::object({{std::string(kSubject), Type::string()},
                       {std::string(kIssuer), Type::string()},
                       {std::string(kNotBefore), Type::string()},
                       {std::string(kNotAfter), Type::string()},
                       {std::string(kSha256Fingerprint), Type::string()}});
}

}  // namespace rds::data_sources::ssl_ca_bundle
