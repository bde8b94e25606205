#include "sim/iam_routes.h"

#include "sim/http_util.h"

namespace rds::sim {

namespace {

const nlohmann::json* find(const nlohmann::json& j, std::initializer_list<const char*> path) {
  const nlohmann::json* cur = &j;
  for (const char* key : path) {
    if (!cur->is_object() || !cur->contains(key)) return nullptr;
    cur = &(*cur)[key];
  }
  return cur;
}

std::string string_at(const nlohmann::json& j, std::initializer_list<const char*> path) {
  const auto* v = find(j, path);
  return v != nullptr && v->is_string() ? v->get<std::string>() : std::string();
}

void issue_token(SimContext& ctx, const httplib::Request& req, httplib::Response& res) {
  auto body = parse_json_body(req.body);
  if (!body || !body->is_object() || find(*body, {"auth", "identity"}) == nullptr) {
    send_iam_error(res, 400, "Bad Request",
                   "The request body must be {\"auth\": {\"identity\": ..., \"scope\": ...}}.");
    return;
  }
  const auto* methods = find(*body, {"auth", "identity", "methods"});
  bool has_password = false, has_assume_role = false;
  if (methods != nullptr && methods->is_array()) {
    for (const auto& m : *methods) {
      has_password = has_password || m == "password";
      has_assume_role = has_assume_role || m == "assume_role";
    }
  }
  const auto& creds = ctx.credentials;
  if (has_assume_role) {
    // An agency token is asked with the caller's own credentials: a token or an AK/SK signature.
    if (auto failure = ctx.auth.check(req)) {
      send_iam_error(res, 401, "Unauthorized", failure->error_msg);
      return;
    }
    if (string_at(*body, {"auth", "identity", "assume_role", "domain_name"}) != creds.agency_domain_name ||
        string_at(*body, {"auth", "identity", "assume_role", "agency_name"}) != creds.agency_name) {
      send_iam_error(res, 403, "Forbidden", "The agency does not exist or does not trust this user.");
      return;
    }
  } else if (!has_password) {
    send_iam_error(res, 400, "Bad Request", "rds-sim supports the \"password\" and \"assume_role\" methods.");
    return;
  } else {
    const std::string user = string_at(*body, {"auth", "identity", "password", "user", "name"});
    const std::string password = string_at(*body, {"auth", "identity", "password", "user", "password"});
    const std::string domain = string_at(*body, {"auth", "identity", "password", "user", "domain", "name"});
    if (user != creds.user_name || password != creds.password || domain != creds.domain_name) {
      // IAM does not say which of the three was wrong.
      send_iam_error(res, 401, "Unauthorized", "The username or password is wrong.");
      return;
    }
  }
  const std::string project_id = string_at(*body, {"auth", "scope", "project", "id"});
  const std::string project_name = string_at(*body, {"auth", "scope", "project", "name"});
  const std::string scope_domain = string_at(*body, {"auth", "scope", "domain", "name"});
  const bool domain_scoped = project_id.empty() && project_name.empty() && has_password && !has_assume_role;
  if (domain_scoped && scope_domain != creds.domain_name) {
    send_iam_error(res, 400, "Bad Request",
                   "Set auth.scope.project.id or .name, or auth.scope.domain.name to the user's domain.");
    return;
  }
  if (!domain_scoped && project_id.empty() && project_name.empty()) {
    send_iam_error(res, 400, "Bad Request",
                   "An agency token is scoped to a project: set auth.scope.project.");
    return;
  }
  // {name, id} of the project the token is scoped to.
  std::pair<std::string, std::string> scope{creds.project_name, creds.project_id};
  bool known = false;
  for (const auto& project : creds.projects()) {
    if (project_id.empty() ? project.first != project_name : project.second != project_id) continue;
    scope = project;
    known = true;
    break;
  }
  if (!domain_scoped && !known) {
    send_iam_error(res, 401, "Unauthorized",
                   "The project in auth.scope does not exist or the user has no access to it.");
    return;
  }
  const WallTime now = ctx.clocks.wall();
  const WallTime expires = now + std::chrono::duration_cast<WallTime::duration>(
                                     std::chrono::duration<double>(ctx.token_ttl_seconds.load()));
  const std::string token = ctx.tokens.issue(expires);
  res.set_header("X-Subject-Token", token);
  send_json(res, 201,
            {{"token",
              {{"methods", {"password"}},
               {"issued_at", iam_timestamp(now)},
               {"expires_at", iam_timestamp(expires)},
               {"user",
                {{"name", creds.user_name},
                 {"id", "sim-user-id"},
                 {"domain", {{"name", creds.domain_name}, {"id", "sim-domain-id"}}}}},
               {"project",
                {{"name", scope.first},
                 {"id", scope.second},
                 {"domain", {{"name", creds.domain_name}, {"id", "sim-domain-id"}}}}},
               {"catalog", nlohmann::json::array()}}}});
}

// IAM's "Querying Project Information Based on the Specified Criteria": GET /v3/projects[?name=N]. The sim
// has one project (--project-id, --project-name) and those of --extra-project, in the one domain of its user.
void list_projects(SimContext& ctx, const httplib::Request& req, httplib::Response& res) {
  const auto& creds = ctx.credentials;
  const std::string self = "https://iam.sim/v3/projects";
  nlohmann::json projects = nlohmann::json::array();
  for (const auto& [name, id] : creds.projects()) {
    if (req.has_param("name") && req.get_param_value("name") != name) continue;
    projects.push_back({{"id", id},
                        {"name", name},
                        {"domain_id", "sim-domain-id"},
                        {"parent_id", "sim-domain-id"},
                        {"is_domain", false},
                        {"enabled", true},
                        {"description", ""},
                        {"links", {{"self", self + "/" + id}, {"next", nullptr}, {"previous", nullptr}}}});
  }
  send_json(res, 200,
            {{"projects", projects}, {"links", {{"self", self}, {"next", nullptr}, {"previous", nullptr}}}});
}

}  // namespace

void add_iam_routes(httplib::Server& server, SimContext& ctx, const ApiWrapper& wrap) {
  server.Post("/v3/auth/tokens", wrap([&ctx](const httplib::Request& req,
                                             httplib::Response& res) { issue_token(ctx, req, res); },
                                      false));
  server.Get("/v3/projects", wrap([&ctx](const httplib::Request& req,
                                         httplib::Response& res) { list_projects(ctx, req, res); },
                                  true));
}

}  // namespace rds::sim
