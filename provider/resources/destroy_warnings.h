#pragma once
// The one warning a plan gives when an rds_instance_ssl object goes away (a destroy, or the destroy half
// of a replacement): what that does to SSL on its instance, so that a reviewer of `terraform plan` sees
// it before the merge.

#include <optional>
#include <string>

#include "provider/core/diagnostics.h"
#include "provider/core/value.h"

namespace rds::resources::instance_ssl {

// A destroy of the object `prior`. `switch_pending`: the create that recorded it requested a switch that
// may still be running.
void warn_about_destroy(const rds::core::Value& prior, bool switch_pending, rds::core::Diagnostics& diags);

// A replacement of `prior` by an object for `new_instance_id` (nullopt while it is unknown, until the
// apply). A new object for the same instance takes SSL over as it is: nothing is switched off.
void warn_about_replacement(const rds::core::Value& prior, const std::optional<std::string>& new_instance_id,
                            rds::core::Diagnostics& diags);

}  // namespace rds::resources::instance_ssl
