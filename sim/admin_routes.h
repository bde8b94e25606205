#pragma once
// The test-only admin API under /_admin (no auth, never faulted, not in the request log). See README.md.
#include <httplib.h>

#include "sim/context.h"

namespace rds::sim {

void add_admin_routes(httplib::Server& server, SimContext& ctx);

// The admin view of an instance: the RDS fields plus the sim's timers.
nlohmann::json admin_instance_json(const Instance& inst, MonoTime now);

}  // namespace rds::sim
