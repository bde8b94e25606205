#include "client/response_parsing.h"

#include <limits>
#include <nlohmann/json.hpp>

#include "client/answer_limits.h"
#include "client/errors.h"

namespace rds::client {

namespace {
using nlohmann::json;

json parse_object(const std::string& operation, const HttpResponse& response) {
  if (nested_deeper_than(response.body, kMaxAnswerNesting))
    throw ResponseFormatError(
        operation,
        "the JSON nests arrays and objects more than " + std::to_string(kMaxAnswerNesting) + " levels deep",
        response.request_id());
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

// A list of strings such as private_ips; absent or null is an empty list.
std::vector<std::string> texts(const json& object, const char* key, const std::string& where,
                               const std::string& operation, const HttpResponse& response) {
  auto found = object.find(key);
  if (found == object.end() || found->is_null()) return {};
  const auto wrong = [&] {
    return ResponseFormatError(operation, where + "." + key + " is not a list of strings",
                               response.request_id());
  };
  if (!found->is_array()) throw wrong();
  std::vector<std::string> out;
  for (const auto& item : *found) {
    if (!item.is_string()) throw wrong();
    out.push_back(item.get<std::string>());
  }
  return out;
}

// An integer field such as port; absent or null is std::nullopt.
std::optional<int> integer(const json& object, const char* key, const std::string& where,
                           const std::string& operation, const HttpResponse& response) {
  auto found = object.find(key);
  if (found == object.end() || found->is_null()) return std::nullopt;
  if (!found->is_number_integer() || found->get<int64_t>() < 0 ||
      found->get<int64_t>() > std::numeric_limits<int>::max())
    throw ResponseFormatError(operation, where + "." + key + " is not a non-negative integer",
                              response.request_id());
  return static_cast<int>(found->get<int64_t>());
}

Instance to_instance(const json& entry, const std::string& operation, const HttpResponse& response) {
  const std::string where = "instance";
  if (!entry.is_object())
    throw ResponseFormatError(operation, "an instances entry is not an object", response.request_id());
  Instance instance;
  instance.id = text(entry, "id", true, where, operation, response);
  if (instance.id.empty())
    throw ResponseFormatError(operation, "an instance has an empty \"id\"", response.request_id());
  instance.name = text(entry, "name", false, where, operation, response);
  instance.status = text(entry, "status", true, where, operation, response);
  instance.type = text(entry, "type", false, where, operation, response);
  instance.port = integer(entry, "port", where, operation, response);
  instance.private_ips = texts(entry, "private_ips", where, operation, response);
  instance.public_ips = texts(entry, "public_ips", where, operation, response);
  instance.region = text(entry, "region", false, where, operation, response);
  instance.created = text(entry, "created", false, where, operation, response);
  instance.updated = text(entry, "updated", false, where, operation, response);
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

const json& instance_entries(const json& body, const std::string& operation, const HttpResponse& response) {
  auto instances = body.find("instances");
  if (instances == body.end() || !instances->is_array())
    throw ResponseFormatError(operation, "the answer has no \"instances\" list", response.request_id());
  return *instances;
}
}  // namespace

std::optional<Instance> parse_instance_list(const std::string& operation, const HttpResponse& response,
                                            const std::string& id) {
  auto body = parse_object(operation, response);
  for (const auto& entry : instance_entries(body, operation, response)) {
    auto instance = to_instance(entry, operation, response);
    // The id filter is exact on RDS, but a list holding other instances must never be mistaken for ours.
    if (instance.id == id) return instance;
  }
  return std::nullopt;
}

InstancePage parse_instance_page(const std::string& operation, const HttpResponse& response) {
  auto body = parse_object(operation, response);
  InstancePage page;
  for (const auto& entry : instance_entries(body, operation, response))
    page.instances.push_back(to_instance(entry, operation, response));
  if (auto total = body.find("total_count"); total != body.end() && !total->is_null()) {
    if (!total->is_number_integer() || total->get<int64_t>() < 0)
      throw ResponseFormatError(operation, "total_count is not a non-negative integer",
                                response.request_id());
    page.total_count = total->get<int64_t>();
  }
  return page;
}

std::vector<SslCertificateLink> parse_ssl_cert_links(const std::string& operation,
                                                     const HttpResponse& response) {
  auto body = parse_object(operation, response);
  auto list = body.find("cert_info_list");
  if (list == body.end() || !list->is_array())
    throw ResponseFormatError(operation, "the answer has no \"cert_info_list\" list", response.request_id());
  std::vector<SslCertificateLink> links;
  for (const auto& entry : *list) {
    if (!entry.is_object())
      throw ResponseFormatError(operation, "a cert_info_list entry is not an object", response.request_id());
    links.push_back({text(entry, "category", false, "cert_info_list entry", operation, response),
                     text(entry, "download_link", true, "cert_info_list entry", operation, response)});
  }
  return links;
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
