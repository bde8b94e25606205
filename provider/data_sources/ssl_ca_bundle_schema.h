#pragma once
// Schema of the data source `rds_ssl_ca_bundle`: the CA certificates an instance's clients must trust.

#include <string_view>

#include "provider/core/schema.h"

namespace rds::data_sources::ssl_ca_bundle {

inline constexpr std::string_view kTypeName = "rds_ssl_ca_bundle";

inline constexpr std::string_view kInstanceId = "instance_id";
inline constexpr std::string_view kCategory = "category";
inline constexpr std::string_view kDownloadLink = "download_link";
inline constexpr std::string_view kPem = "pem";
inline constexpr std::string_view kNotAfter = "not_after";
inline constexpr std::string_view kCertificates = "certificates";
// Fields of one element of `certificates` (not_after too).
inline constexpr std::string_view kSubject = "subject";
inline constexpr std::string_view kIssuer = "issuer";
inline constexpr std::string_view kNotBefore = "not_before";
inline constexpr std::string_view kSha256Fingerprint = "sha256_fingerprint";

inline constexpr std::string_view kDefaultCategory = "international";

const rds::core::Schema& schema();
// The object type of one element of `certificates`.
rds::core::Type certificate_type();

}  // namespace rds::data_sources::ssl_ca_bundle
