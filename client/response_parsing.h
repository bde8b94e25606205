// Turning RDS answers into Instance / Job values. Malformed or unexpected JSON becomes a
// ResponseFormatError naming the call and what was wrong, never a crash.
#pragma once

#include <optional>
#include <string>

#include "client/http.h"
#include "client/types.h"

namespace rds::client {

// {"instances":[...], "total_count":N} -> the entry whose id is `id`; std::nullopt when none.
std::optional<Instance> parse_instance_list(const std::string& operation, const HttpResponse& response,
                                            const std::string& id);
// {"job":{...}}
Job parse_job(const std::string& operation, const HttpResponse& response);
// "" / "{}" -> std::nullopt; {"job_id":"..."} -> the id.
std::optional<std::string> parse_ssl_answer(const std::string& operation, const HttpResponse& response);

}  // namespace rds::client
