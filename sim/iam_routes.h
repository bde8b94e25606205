#pragma once
// The IAM route: POST /v3/auth/tokens (password method) answering 201 with the token in X-Subject-Token.
#include <httplib.h>

#include "sim/context.h"

namespace rds::sim {

void add_iam_routes(httplib::Server& server, SimContext& ctx, const ApiWrapper& wrap);

}  // namespace rds::sim
