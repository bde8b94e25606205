#pragma once
// The attributes that describe one RDS instance, shared by rds_instance (as its top-level attributes)
// and rds_instances (as the fields of each element of `instances`), so both spell and fill them alike.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "client/types.h"
#include "provider/core/schema.h"

namespace rds::data_sources::instance_fields {

inline constexpr std::string_view kId = "id";
inline constexpr std::string_view kName = "name";
inline constexpr std::string_view kStatus = "status";
inline constexpr std::string_view kType = "type";
inline constexpr std::string_view kEngine = "engine";
inline constexpr std::string_view kEngineVersion = "engine_version";
inline constexpr std::string_view kSslEnable = "ssl_enable";
inline constexpr std::string_view kPort = "port";
inline constexpr std::string_view kPrivateIps = "private_ips";
inline constexpr std::string_view kPublicIps = "public_ips";
inline constexpr std::string_view kRegion = "region";
inline constexpr std::string_view kCreated = "created";
inline constexpr std::string_view kUpdated = "updated";

// One schema attribute per field, all computed and described.
std::vector<rds::core::Attribute> attributes();
// The object type of one instance: an element of rds_instances' `instances`.
rds::core::Type object_type();
// The fields of `instance` as attribute values. ssl_enable and port are null when the API leaves them
// out (old API versions have no enable_ssl); the IP lists are then empty.
std::map<std::string, rds::core::Value> values(const rds::client::Instance& instance);

}  // namespace rds::data_sources::instance_fields
