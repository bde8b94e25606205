// Turning RDS answers into Instance / Job values. Malformed or unexpected JSON becomes a
// ResponseFormatError naming the call and what was wrong, never a crash.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "client/http.h"
#include "client/types.h"

namespace rds::client {

// {"instances":[...], "total_count":N} -> the entry whose id is `id`; std::nullopt when none.
std::optional<Instance> parse_instance_list(const std::string& operation, const HttpResponse& response,
                                            const std::string& id);

// One page of GET /v3/{project_id}/instances: its entries, and how many instances match the query in all
// (total_count; std::nullopt when the answer leaves it out).
struct InstancePage {
  std::vector<Instance> instances;
  std::optional<int64_t> total_count;
};
InstancePage parse_instance_page(const std::string& operation, const HttpResponse& response);

// {"cert_info_list":[{"category","download_link"}, ...]} -> the links, in the API's order.
std::vector<SslCertificateLink> parse_ssl_cert_links(const std::string& operation,
                                                     const HttpResponse& response);
// {"job":{...}}
Job parse_job(const std::string& operation, const HttpResponse& response);
// "" / "{}" -> std::nullopt; {"job_id":"..."} -> the id.
std::optional<std::string> parse_ssl_answer(const std::string& operation, const HttpResponse& response);

}  // namespace rds::client
