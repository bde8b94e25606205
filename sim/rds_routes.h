#pragma once
// The RDS v3 routes: list instances, configure SSL, the SSL certificate links, query a job.
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "sim/context.h"

namespace rds::sim {

void add_rds_routes(httplib::Server& server, SimContext& ctx, const ApiWrapper& wrap);

// An instance as GET /v3/{project_id}/instances shows it.
nlohmann::json rds_instance_json(const Instance& inst);

}  // namespace rds::sim
