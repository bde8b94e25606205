#pragma once
// The answers of the hostile faults: what a broken or malicious endpoint (or anything between it and the
// provider) could send. They prove that the client's bounds hold: a body too large or endless, JSON
// nested beyond reason, and list pages that contradict themselves.
#include <httplib.h>

#include "sim/context.h"
#include "sim/faults.h"

namespace rds::sim {

// Answers 200 with the body of a huge_body, endless_body or deep_json fault. Huge and endless bodies are
// streamed, so the sim never holds them in memory; an endless body stops when the client goes away.
void send_hostile_body(const Fault& fault, httplib::Response& res);

// Rewrites the answer in `res` to a GET .../instances request (without filters) so that its page lies the
// way `lie` says; an answer that is not a list page is left alone.
void make_page_lie(PagingLie lie, SimContext& ctx, const httplib::Request& req, httplib::Response& res);

}  // namespace rds::sim
