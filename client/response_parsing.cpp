#include "client/response_parsing.h"

#include <nlohmann/json.hpp>

#include "client/errors.h"

namespace rds::client {

namespace {
using nlohmann::json;

json parse_object(const std::string& operation, const HttpResponse& response) {
  json body = json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) {
    std::string start = response.body.substr(0, 80);
    throw ResponseFormatError(operation, "the body is not valid JSON (starts with \"" + start + "\")",
                              response.request_id());
  }
  if (!body.is_object())
    throw ResponseFormatError(operation, "expected a JSON object, got " + std::string(body.type_name()),
                              response.request_id());
  return body;
}

// A string field; `required` fields must be present and strings, optional ones may be absent or null.
std::string text(const json& object, const char* key, bool required, const std::string& where,
                 const std::string& operation, const HttpResponse& response) {
  auto found = object.find(key);
  if (found == object.end() || found->is_null()) {
    if (required)
      throw ResponseFormatError(operation, where + " has no \"" + key + "\"", response.request_id());
    return {};
  }
  if (!found->is_string())
    throw ResponseFormatError(operation,
                              where + "." + key + " is " + found->type_name() + ", expected a string",
                              response.request_id());
  return found->get<std::string>();
}

Instance to_instance(const json& entry, const std::string& operation, const HttpResponse& response) {
  const std::string where = "instance";
  if (!entry.is_object())
    throw ResponseFormatError(operation, "an instances entry is not an object", response.request_id());
  Instance instance;
  instance.id = text(entry, "id", true, where, operation, response);
  instance.name = text(entry, "name", false, where, operation, response);
  instance.status = text(entry, "status", true, where, operation, response);
  if (auto datastore = entry.find("datastore"); datastore != entry.end() && datastore->is_object()) {
    instance.engine = text(*datastore, "type", false, "instance.datastore", operation, response);
    instance.engine_version = text(*datastore, "version", false, "instance.datastore", operation, response);
  }
  if (auto ssl = entry.find("enable_ssl"); ssl != entry.end() && !ssl->is_null()) {
    if (!ssl->is_boolean())
      throw ResponseFormatError(
          operation, std::string("instance.enable_ssl is ") + ssl->type_name() + ", expected a boolean",
          response.request_id());
    instance.enable_ssl = ssl->get<bool>();
  }
  return instance;
}
}  // namespace

std::optional<Instance> parse_instance_list(const std::string& operation, const HttpResponse& response,
                                            const std::string& id) {
  auto body = parse_object(operation, response);
  auto instances = body.find("instances");
  if (instances == body.end() || !instances->is_array())
    throw ResponseFormatError(operation, "the answer has no \"instances\" list", response.request_id());
  for (const auto& entry : *instances) {
    auto instance = to_instance(entry, operation, response);
    // The id filter is exact on RDS, but a list holding other instances must never be mistaken for ours.
    if (instance.id == id) return instance;
  }
  return std::nullopt;
}

Job parse_job(const std::string& operation, const HttpResponse& response) {
  auto body = parse_object(operation, response);
  auto job = body.find("job");
  if (job == body.end() || !job->is_object())
    throw ResponseFormatError(operation, "the answer has no \"job\" object", response.request_id());
  return Job{text(*job, "id", true, "job", operation, response),
             text(*job, "name", false, "job", operation, response),
             text(*job, "status", true, "job", operation, response),
             text(*job, "fail_reason", false, "job", operation, response)};
}

std::optional<std::string> parse_ssl_answer(const std::string& operation, const HttpResponse& response) {
  if (response.body.find_first_not_of(" \t\r\n") == std::string::npos) return std::nullopt;
  auto body = parse_object(operation, response);
  auto job_id = text(body, "job_id", false, "the answer", operation, response);
  if (job_id.empty()) return std::nullopt;
  return job_id;
}

}  // namespace rds::client
