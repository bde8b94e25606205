#pragma once
// The schema of the provider block `provider "rds" { ... }`.

#include "provider/core/schema.h"

namespace rds::config {

const rds::core::Schema& provider_schema();

}  // namespace rds::config
