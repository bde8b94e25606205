// Plain data the RDS API returns, reduced to what the provider needs.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace rds::client {

// A point in time on the client's (injectable) steady clock after which a wait or retry gives up.
using Deadline = std::chrono::steady_clock::time_point;

struct Instance {
  std::string id;
  std::string name;
  std::string status;          // ACTIVE, BUILD, BACKING UP, ... (see is_ready/is_stuck)
  std::string engine;          // datastore.type: MySQL | PostgreSQL | SQLServer
  std::string engine_version;  // datastore.version
  // Absent on old API versions; std::nullopt then, never a guessed value.
  std::optional<bool> enable_ssl;
};

struct Job {
  std::string id;
  std::string name;
  std::string status;       // Running | Completed | Failed
  std::string fail_reason;  // why a Failed job failed, when the API says (Huawei's "fail_reason")
};

// Instance status helpers. Statuses not listed by the API documentation count as busy.
bool is_ready(const Instance&);  // status ACTIVE
// A status that never turns ACTIVE by itself, so waiting for it is pointless: FAILED and CREATE FAIL
// (terminal), FROZEN (frozen for arrears or by the operator) and SHUTDOWN / STOPPED (stopped by a user).
bool is_stuck(const Instance&);
// SSL can only be configured on MySQL (both clouds document this); compares case-insensitively.
bool supports_ssl(const Instance&);

}  // namespace rds::client
