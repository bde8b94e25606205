#pragma once
// Small helpers shared by the route files: JSON answers in the cloud's error formats, ids, timestamps.
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "sim/clock.h"

namespace rds::sim {

// Sets status and a JSON body with Content-Type application/json.
void send_json(httplib::Response& res, int status, const nlohmann::json& body);

// The RDS v3 error body: {"error_code": "...", "error_msg": "..."}.
void send_rds_error(httplib::Response& res, int status, std::string_view error_code,
                    std::string_view error_msg);

// The older error body some RDS endpoints still use: {"errCode": "...", "externalMessage": "..."}.
void send_legacy_error(httplib::Response& res, int status, std::string_view error_code,
                       std::string_view error_msg);

// The IAM (Keystone) error body: {"error": {"code": 401, "message": "...", "title": "Unauthorized"}}.
void send_iam_error(httplib::Response& res, int status, std::string_view title, std::string_view message);

// The body of a request given to a handler registered with a ContentReader: read when the request
// announces one (Content-Length or Transfer-Encoding), empty otherwise. A request with neither has no
// body (RFC 9112, section 6.3), but httplib 0.11 reads a POST or DELETE without them until the client
// closes the connection, so `curl -X POST .../_admin/reset` waited for the read timeout and got 400.
std::string read_announced_body(const httplib::Request& req, const httplib::ContentReader& reader);

// Parses a request body as JSON; std::nullopt when it is not valid JSON.
std::optional<nlohmann::json> parse_json_body(const std::string& body);

// Throws std::invalid_argument naming the first member of `object` not in `known`, so a typo in a test's
// admin call ("ssl_switch_second") fails loudly instead of being ignored.
void reject_unknown_fields(const nlohmann::json& object, std::initializer_list<std::string_view> known);

// Random lower-case hex from OpenSSL's CSPRNG (ids and tokens must not repeat across runs).
std::string random_hex(std::size_t bytes);

// An RDS-looking instance id: 32 hex digits + "in01".
std::string new_instance_id();
// A UUID-shaped id (jobs, request ids).
std::string new_uuid();

// "2026-11-28T00:00:00+0000", the format RDS uses for created/updated.
std::string rds_timestamp(WallTime t);
// "2026-11-28T00:00:00.000000Z", the format IAM uses for issued_at/expires_at.
std::string iam_timestamp(WallTime t);
// "2026-11-28T00:00:00.123Z" for the request log.
std::string log_timestamp(WallTime t);

// Closes the TCP connection a request arrived on without answering it (the "drop" fault). httplib
// does not hand handlers their socket, so the socket is found by matching the peer address and port
// against this process's open sockets. Returns false when no such socket exists.
bool drop_connection(const std::string& remote_addr, int remote_port);

}  // namespace rds::sim
