#pragma once
// Schema of the data source `rds_ssl_certificates`: where to download an instance's SSL CA bundle.

#include <string_view>

#include "provider/core/schema.h"

namespace rds::data_sources::ssl_certificates {

inline constexpr std::string_view kTypeName = "rds_ssl_certificates";

inline constexpr std::string_view kInstanceId = "instance_id";
inline constexpr std::string_view kCertificates = "certificates";
inline constexpr std::string_view kCategory = "category";
inline constexpr std::string_view kDownloadLink = "download_link";

const rds::core::Schema& schema();
// The object type of one element of `certificates`.
rds::core::Type certificate_type();

}  // namespace rds::data_sources::ssl_certificates
