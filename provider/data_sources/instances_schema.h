#pragma once
// Schema of the data source `rds_instances`: every instance that matches optional filters.

#include <string_view>

#include "provider/core/schema.h"

namespace rds::data_sources::instances {

inline constexpr std::string_view kTypeName = "rds_instances";

// Filters (optional arguments).
inline constexpr std::string_view kName = "name";
inline constexpr std::string_view kEngine = "engine";
inline constexpr std::string_view kType = "type";
inline constexpr std::string_view kSslEnable = "ssl_enable";
// Results.
inline constexpr std::string_view kInstances = "instances";
inline constexpr std::string_view kIds = "ids";

const rds::core::Schema& schema();

}  // namespace rds::data_sources::instances
