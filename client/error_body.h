// Reading the API's error answers and classifying them. RDS v3 answers {"error_code","error_msg"};
// older APIs {"errCode","externalMessage"}; IAM {"error":{"code","message","title"}}. All are read.
#pragma once

#include <string>
#include <string_view>

#include "client/http.h"

namespace rds::client {

struct ErrorBody {
  std::string code;     // "DBS.200019"; "" when the body has none
  std::string message;  // "" when the body has none
};

// Never throws: a body that is not JSON yields an empty code and the (shortened) raw text as message.
ErrorBody parse_error_body(std::string_view body);

// The reference's "busy" codes: another operation is in progress; retry after the instance is ACTIVE.
bool is_busy_error(int http_status, const std::string& code);
// Instance (or job) does not exist.
bool is_not_found_error(int http_status, const std::string& code);
// One of the documented "instance does not exist" codes (DBS.200002, ...), whatever the HTTP status.
bool is_not_found_code(const std::string& code);
// 429, 500 (any code) and 502/503/504: retried with backoff up to max_retries. Every call the provider
// makes is idempotent (docs/API-NOTES.md, "Errors"), so a server-side failure may always be tried again; 501
// and 505 say the call can never work and stay final.
bool is_transient_status(int http_status);

// Throws the matching exception for an error answer: NotFoundError or ApiError.
// `note` is added to the message (see ApiError).
[[noreturn]] void throw_api_error(const std::string& operation, const HttpResponse& response,
                                  const std::string& not_found_resource = "", const std::string& note = "");

}  // namespace rds::client
