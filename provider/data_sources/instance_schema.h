#pragma once
// Schema of the data source `rds_instance`: one instance, looked up by id or by exact name.

#include <string_view>

#include "provider/core/schema.h"

namespace rds::data_sources::instance {

inline constexpr std::string_view kTypeName = "rds_instance";

// id and name are the two ways to look an instance up (exactly one is set); every other attribute is
// one of instance_fields.h.
const rds::core::Schema& schema();

}  // namespace rds::data_sources::instance
