#include "client/project_lookup.h"

#include <nlohmann/json.hpp>
#include <vector>

#include "client/endpoints.h"
#include "client/error_body.h"
#include "client/errors.h"
#include "client/printable.h"

namespace rds::client {

std::string project_id_from_list(const std::string& operation, const HttpResponse& response,
                                 const std::string& name) {
  const auto body = nlohmann::json::parse(response.body, nullptr, false);
  if (body.is_discarded() || !body.is_object() || !body.contains("projects") || !body["projects"].is_array())
    throw ResponseFormatError(operation, "the answer has no \"projects\" list", response.request_id());
  std::vector<std::string> ids;
  for (const auto& project : body["projects"]) {
    if (!project.is_object()) continue;
    const auto text = [&](const char* key) {
      return project.contains(key) && project[key].is_string() ? project[key].get<std::string>() : "";
    };
    const bool enabled = !project.contains("enabled") || project["enabled"] == true;
    if (text("name") != name || !enabled) continue;
    const std::string id = text("id");
    // The id goes into the path of every RDS call: the rule that project_id follows holds for it too.
    if (!project_id_problem(id).empty())
      throw ResponseFormatError(operation,
                                "project \"" + name + "\" has the id \"" + printable(id, 64) + "\", which " +
                                    project_id_problem(id),
                                response.request_id());
    ids.push_back(id);
  }
  if (ids.size() == 1) return ids.front();
  if (ids.empty())
    throw ProjectNotFoundError("No IAM project named \"" + name + "\" is visible to these credentials (" +
                               operation +
                               " listed none). Set project_id, or project_name to the name of the "
                               "project in \"My Credentials\" of the console.");
  std::string listed;
  for (const auto& id : ids) listed += (listed.empty() ? "" : ", ") + id;
  throw ProjectNotFoundError("IAM lists " + std::to_string(ids.size()) + " projects named \"" + name +
                             "\" (" + listed + "; " + operation + "). Set project_id to the one to use.");
}

std::string find_project_id(Executor& executor, const std::string& auth_url, const std::string& name,
                            Deadline deadline, const CancelToken& cancel) {
  HttpRequest request;
  request.method = "GET";
  request.base_url = auth_url;
  request.path = "/projects";
  request.query = {{"name", name}};
  request.cancel = cancel;
  const std::string operation = "GET " + redact_url(auth_url) + "/projects?name=" + name;
  auto response = executor.send(std::move(request), "find project (" + operation + ")", deadline);
  if (response.status < 200 || response.status >= 300)
    throw_api_error("find project (" + operation + ")", response);
  return project_id_from_list(operation, response, name);
}

}  // namespace rds::client
