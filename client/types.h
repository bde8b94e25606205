// Plain data the RDS API returns, reduced to what the provider needs.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace rds::client {

// A point in time on the client's (injectable) steady clock after which a wait or retry gives up.
using Deadline = std::chrono::steady_clock::time_point;

struct Instance {
  std::string id;
  std::string name;
  std::string status;          // ACTIVE, BUILD, BACKING UP, ... (see is_ready/is_stuck)
  std::string type;            // Single | Ha | Replica
  std::string engine;          // datastore.type: MySQL | PostgreSQL | SQLServer
  std::string engine_version;  // datastore.version
  // Absent on old API versions; std::nullopt then, never a guessed value.
  std::optional<bool> enable_ssl;
  std::optional<int> port;  // the database port; std::nullopt when the answer has none
  std::vector<std::string> private_ips;
  std::vector<std::string> public_ips;  // empty when the instance has no EIP bound
  std::string region;
  std::string created;  // as the API writes it, e.g. "2026-11-28T00:00:00+0000"
  std::string updated;
};

// What GET /v3/{project_id}/instances filters by. Empty members do not filter. (Default initializers
// let designated initializers leave members out under -Wextra.)
struct InstanceFilter {
  // Exact, except that the API reads a leading '*' as a fuzzy (substring) match.
  std::string name{};
  std::string type{};    // the `type` query parameter: Single | Ha | Replica
  std::string engine{};  // the `datastore_type` query parameter: MySQL | PostgreSQL | SQLServer
};

// One entry of GET .../instances/{id}/ssl-cert/download-link: where to fetch the CA bundle.
struct SslCertificateLink {
  std::string category;  // "international" | "national" (the Chinese SM algorithms)
  std::string download_link;
};

struct Job {
  std::string id;
  std::string name;
  std::string status;       // Running | Completed | Failed
  std::string fail_reason;  // why a Failed job failed, when the API says (Huawei's "fail_reason")
};

// How recent the answer to a single-instance read must be.
enum class Freshness {
  // The reads of a refresh: a complete list of the project that this client began a few seconds ago may
  // answer, unless this client has sent the instance a switch since that list began.
  kRecentList,
  // Plan checks, the read before a switch, the polls of a wait: only a call that started after the read
  // was asked, so that a poll sees what the switch did.
  kFresh,
};

// Instance status helpers. Statuses not listed by the API documentation count as busy.
bool is_ready(const Instance&);  // status ACTIVE
// A status that never turns ACTIVE by itself, so waiting for it is pointless: FAILED and CREATE FAIL
// (terminal), FROZEN (frozen for arrears or by the operator) and SHUTDOWN / STOPPED (stopped by a user).
bool is_stuck(const Instance&);
// SSL can only be configured on MySQL (both clouds document this); compares case-insensitively.
bool supports_ssl(const Instance&);
// Whether `instance` is one `filter` asks for, checked again on the API's answer so that a list holding
// other instances is never mistaken for the filtered one. A name must match exactly, except that a
// leading '*' is the API's fuzzy match, which only the API decides; type and engine compare
// case-insensitively, so that "mysql" finds "MySQL".
bool matches(const InstanceFilter& filter, const Instance& instance);

}  // namespace rds::client
