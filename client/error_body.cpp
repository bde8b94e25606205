#include "client/error_body.h"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "client/answer_limits.h"
#include "client/errors.h"
#include "client/printable.h"

namespace rds::client {

namespace {
// Busy / another operation in progress (docs/API-NOTES.md, "Errors").
constexpr std::array<std::string_view, 17> kBusyCodes = {
    "DBS.201202", "DBS.200011", "DBS.200018", "DBS.200019", "DBS.200047", "DBS.200076",
    "DBS.200611", "DBS.200080", "DBS.200452", "DBS.200463", "DBS.201015", "DBS.201206",
    "DBS.212033", "DBS.280011", "DBS.280343", "DBS.280816", "DBS.212006"};
constexpr std::array<std::string_view, 7> kNotFoundCodes = {
    "DBS.200002", "DBS.200045", "DBS.200408", "DBS.200602", "DBS.201028", "DBS.290005", "DBS.290011"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, const std::string& code) {
  return std::find(list.begin(), list.end(), code) != list.end();
}

std::string string_field(const nlohmann::json& object, const char* key) {
  auto found = object.find(key);
  if (found == object.end()) return {};
  if (found->is_string()) return found->get<std::string>();
  if (found->is_number() || found->is_boolean()) return found->dump();
  return {};
}

// A body that is not JSON (an HTML page of a gateway): its start, printable.
std::string shorten(std::string_view text) { return printable(text, 200); }
}  // namespace

ErrorBody parse_error_body(std::string_view body) {
  if (nested_deeper_than(body, kMaxAnswerNesting)) return {"", shorten(body)};
  auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) return {"", shorten(body)};
  ErrorBody result;
  result.code = string_field(json, "error_code");
  result.message = string_field(json, "error_msg");
  if (result.code.empty()) result.code = string_field(json, "errCode");
  if (result.message.empty()) result.message = string_field(json, "externalMessage");
  auto nested = json.find("error");
  if (nested != json.end() && nested->is_object()) {  // IAM (Keystone) format
    if (result.code.empty()) result.code = string_field(*nested, "code");
    if (result.message.empty()) result.message = string_field(*nested, "message");
  }
  // What the API says reaches the user's terminal: never raw control characters, never megabytes.
  result.code = printable(result.code, kMaxShownErrorCode);
  result.message = printable(result.message, kMaxShownErrorMessage);
  return result;
}

bool is_busy_error(int http_status, const std::string& code) {
  if (http_status == 500 && code == "DBS.280036") return true;  // "instance not ready"
  return (http_status == 400 || http_status == 403 || http_status == 409) && contains(kBusyCodes, code);
}

bool is_not_found_error(int http_status, const std::string& code) {
  return http_status == 404 || contains(kNotFoundCodes, code);
}

bool is_not_found_code(const std::string& code) { return contains(kNotFoundCodes, code); }

bool is_transient_status(int http_status) {
  return http_status == 429 || http_status == 500 || http_status == 502 || http_status == 503 ||
         http_status == 504;
}

void throw_api_error(const std::string& operation, const HttpResponse& response,
                     const std::string& not_found_resource, const std::string& note) {
  auto body = parse_error_body(response.body);
  if (!not_found_resource.empty() && is_not_found_error(response.status, body.code))
    throw NotFoundError(operation, not_found_resource, response.status, body.code, body.message,
                        response.request_id());
  throw ApiError(operation, response.status, body.code, body.message, response.request_id(), note);
}

}  // namespace rds::client
