#include "sim/rds_routes.h"

#include <algorithm>
#include <charconv>

#include "sim/http_util.h"

namespace rds::sim {

namespace {

constexpr int kMaxLimit = 100;  // the RDS API caps limit at 100

bool equals_ignore_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](char x, char y) { return std::tolower(x) == std::tolower(y); });
}

// A credential is valid for one project; a path naming another project is refused like the gateway does.
bool project_matches(const httplib::Request& req, httplib::Response& res, const SimContext& ctx) {
  const std::string project = req.matches[1];
  for (const auto& [name, id] : ctx.credentials.projects())
    if (project == id) return true;
  send_rds_error(res, 403, "APIGW.0302",
                 "The IAM or ACL authentication failed: project " + project +
                     " in the URI is not the project of the credentials");
  return false;
}

// Parses a non-negative integer query parameter; false (with a 400 answer) when it is not one.
bool query_int(const httplib::Request& req, httplib::Response& res, const char* name, int fallback, int max,
               int& out) {
  out = fallback;
  if (!req.has_param(name)) return true;
  const std::string value = req.get_param_value(name);
  int parsed = 0;
  auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
  if (ec != std::errc() || ptr != value.data() + value.size() || parsed < 0 || parsed > max) {
    send_rds_error(res, 400, "DBS.200001",
                   std::string("Invalid parameter ") + name + "=" + value +
                       ": expected an integer from 0 to " + std::to_string(max));
    return false;
  }
  out = parsed;
  return true;
}

// The documented name and id filters: a leading "*" asks for a fuzzy (substring) match, otherwise exact.
bool fuzzy_or_exact(const std::string& filter, const std::string& value) {
  if (!filter.empty() && filter[0] == '*') return value.find(filter.substr(1)) != std::string::npos;
  return value == filter;
}

void list_instances(SimContext& ctx, const httplib::Request& req, httplib::Response& res) {
  if (!project_matches(req, res, ctx)) return;
  int offset = 0;
  int limit = 0;
  if (!query_int(req, res, "offset", 0, 1 << 30, offset) ||
      !query_int(req, res, "limit", kMaxLimit, kMaxLimit, limit)) {
    return;
  }
  if (req.has_param("limit") && limit == 0) {
    send_rds_error(res, 400, "DBS.200001", "Invalid parameter limit=0: expected an integer from 1 to 100");
    return;
  }
  std::vector<Instance> matched;
  for (auto& inst : ctx.state.instances()) {
    if (req.has_param("id") && !fuzzy_or_exact(req.get_param_value("id"), inst.id)) continue;
    if (req.has_param("name") && !fuzzy_or_exact(req.get_param_value("name"), inst.name)) continue;
    if (req.has_param("type") && !equals_ignore_case(inst.type, req.get_param_value("type"))) continue;
    if (req.has_param("datastore_type") &&
        !equals_ignore_case(inst.engine, req.get_param_value("datastore_type"))) {
      continue;
    }
    matched.push_back(std::move(inst));
  }
  nlohmann::json list = nlohmann::json::array();
  for (std::size_t i = static_cast<std::size_t>(offset);
       i < matched.size() && list.size() < static_cast<std::size_t>(limit); ++i) {
    list.push_back(rds_instance_json(matched[i]));
  }
  send_json(res, 200, {{"instances", list}, {"total_count", matched.size()}});
}

void configure_ssl(SimContext& ctx, const httplib::Request& req, httplib::Response& res) {
  if (!project_matches(req, res, ctx)) return;
  const std::string id = req.matches[2];
  auto body = parse_json_body(req.body);
  if (!body || !body->is_object() || !body->contains("ssl_option") || !(*body)["ssl_option"].is_boolean()) {
    send_rds_error(
        res, 400, "DBS.200001",
        "Invalid parameter: the body must be {\"ssl_option\": true|false} with a boolean ssl_option");
    return;
  }
  const bool enabled = (*body)["ssl_option"].get<bool>();
  // A job-failure fault is consumed only by a switch that actually starts, so a refusal does not use it up.
  auto outcome = ctx.state.start_ssl_switch(id, enabled, [&ctx] { return ctx.faults.take_job_failure(); });
  switch (outcome.result) {
    case SslSwitchResult::not_found:
      send_rds_error(res, 404, "DBS.200002", "The DB instance " + id + " does not exist.");
      return;
    case SslSwitchResult::unsupported_engine:
      send_rds_error(res, 400, "DBS.200022",
                     "SSL can only be configured for MySQL DB instances; instance " + id + " runs " +
                         outcome.instance.engine + ".");
      return;
    case SslSwitchResult::busy:
      send_rds_error(res, 409, "DBS.200019",
                     "Another operation is being performed on the DB instance " + id +
                         " or the instance is faulty (status " + outcome.instance.status +
                         (outcome.instance.ssl_switch ? ", SSL switch in progress" : "") +
                         "). Try again later.");
      return;
    case SslSwitchResult::started:
      break;
  }
  // OTC documents {} as the answer; Huawei Cloud answers a job id. The sim does either (job mode).
  if (outcome.job_id) {
    send_json(res, 200, {{"job_id", *outcome.job_id}});
  } else {
    send_json(res, 200, nlohmann::json::object());
  }
}

// Huawei Cloud's ListSslCertDownloadLink. MySQL instances answer the two CA bundles; other engines a
// DBS error; with cert_links off the route is missing, as on a cloud whose gateway does not publish it.
void ssl_cert_links(SimContext& ctx, const httplib::Request& req, httplib::Response& res) {
  if (!project_matches(req, res, ctx)) return;
  if (!ctx.state.settings().cert_links) {
    send_rds_error(res, 404, "APIGW.0101",
                   "The API does not exist or has not been published in the environment");
    return;
  }
  const std::string id = req.matches[2];
  auto inst = ctx.state.instance(id);
  if (!inst) {
    send_rds_error(res, 404, "DBS.200002", "The DB instance " + id + " does not exist.");
    return;
  }
  if (inst->engine != "MySQL") {
    send_rds_error(res, 400, "DBS.200022",
                   "Downloading the SSL certificate is supported only for MySQL DB instances; instance " +
                       id + " runs " + inst->engine + ".");
    return;
  }
  // The links point at the sim itself (the address the client used), where download_ca_bundle answers;
  // the cloud's point at object storage. A test may point them elsewhere (/_admin/ca-bundle link_base).
  std::string base = ctx.ca_bundle.link_base();
  if (base.empty()) base = std::string(ctx.tls ? "https://" : "http://") + req.get_header_value("Host");
  nlohmann::json list = nlohmann::json::array();
  for (const char* category : {"international", "national"}) {
    list.push_back(
        {{"category", category},
         {"download_link", base + "/ssl-cert/" + id + "/" + category + "/Certificate_Download.zip"}});
  }
  send_json(res, 200, {{"cert_info_list", list}});
}

// The zip behind a certificate link. Like a presigned object-storage URL it needs no credentials. Both
// categories answer the same bundle (the sim has no SM2 CA); --no-cert-links removes this route too.
void download_ca_bundle(SimContext& ctx, const httplib::Request& req, httplib::Response& res) {
  const std::string id = req.matches[1], category = req.matches[2];
  auto inst = ctx.state.instance(id);
  if (!ctx.state.settings().cert_links || !inst || inst->engine != "MySQL" ||
      (category != "international" && category != "national")) {
    send_rds_error(res, 404, "APIGW.0101",
                   "The API does not exist or has not been published in the environment");
    return;
  }
  res.status = 200;
  res.set_content(ctx.ca_bundle.zip(), "application/zip");
}

void show_job(SimContext& ctx, const httplib::Request& req, httplib::Response& res) {
  if (!project_matches(req, res, ctx)) return;
  if (!req.has_param("id") || req.get_param_value("id").empty()) {
    send_rds_error(res, 400, "DBS.200001",
                   "Invalid parameter: the query parameter id (the job id) is required");
    return;
  }
  const std::string id = req.get_param_value("id");
  auto job = ctx.state.job(id);
  if (!job) {
    send_rds_error(res, 404, "DBS.201028", "The job " + id + " does not exist.");
    return;
  }
  nlohmann::json body = {{"id", job->id},
                         {"name", job->name},
                         {"status", job->status},
                         {"created", job->created},
                         {"process", job->status == "Running" ? "50%" : "100%"},
                         {"instance", {{"id", job->instance_id}, {"name", job->instance_name}}},
                         {"entities", nlohmann::json::object()}};
  if (!job->ended.empty()) body["ended"] = job->ended;
  if (job->status == "Failed") body["fail_reason"] = "Injected job failure (rds-sim fault job_failure).";
  send_json(res, 200, {{"job", body}});
}

}  // namespace

nlohmann::json rds_instance_json(const Instance& inst) {
  nlohmann::json j = {
      {"id", inst.id},
      {"name", inst.name},
      {"status", inst.status},
      {"type", inst.type},
      {"datastore", {{"type", inst.engine}, {"version", inst.engine_version}}},
      {"port", inst.port},
      {"private_ips", inst.private_ips},
      {"public_ips", inst.public_ips},
      {"region", inst.region},
      {"created", inst.created},
      {"updated", inst.updated},
      // Fields the provider does not use but the cloud sends, so clients are tested
      // against a full-size answer rather than the handful of fields they read.
      {"alias", ""},
      {"flavor_ref", inst.engine == "MySQL" ? "rds.mysql.c2.large" : "rds.pg.c2.large"},
      {"volume", {{"type", "COMMON"}, {"size", 40}}},
      {"time_zone", "UTC"},
      {"switch_strategy", "reliability"},
      {"maintenance_window", "02:00-06:00"},
      {"backup_strategy", {{"start_time", "01:00-02:00"}, {"keep_days", 7}}},
      {"charge_info", {{"charge_mode", "postPaid"}}},
      {"enterprise_project_id", "0"},
      {"nodes",
       {{{"id", inst.id.substr(0, inst.id.size() > 4 ? inst.id.size() - 4 : inst.id.size()) + "no01"},
         {"name", inst.name + "_node0"},
         {"role", "master"},
         {"status", inst.status},
         {"availability_zone", inst.region + "-01"}}}},
      {"related_instance", nlohmann::json::array()},
      {"tags", nlohmann::json::array()}};
  if (inst.enable_ssl) j["enable_ssl"] = *inst.enable_ssl;
  return j;
}

void add_rds_routes(httplib::Server& server, SimContext& ctx, const ApiWrapper& wrap) {
  server.Get(
      R"(/v3/([^/]+)/instances)",
      wrap([&ctx](const httplib::Request& req, httplib::Response& res) { list_instances(ctx, req, res); },
           true));
  server.Put(
      R"(/v3/([^/]+)/instances/([^/]+)/ssl)",
      wrap([&ctx](const httplib::Request& req, httplib::Response& res) { configure_ssl(ctx, req, res); },
           true));
  server.Get(
      R"(/v3/([^/]+)/instances/([^/]+)/ssl-cert/download-link)",
      wrap([&ctx](const httplib::Request& req, httplib::Response& res) { ssl_cert_links(ctx, req, res); },
           true));
  server.Get(
      R"(/ssl-cert/([^/]+)/([^/]+)/Certificate_Download\.zip)",
      wrap([&ctx](const httplib::Request& req, httplib::Response& res) { download_ca_bundle(ctx, req, res); },
           false));
  server.Get(
      R"(/v3/([^/]+)/jobs)",
      wrap([&ctx](const httplib::Request& req, httplib::Response& res) { show_job(ctx, req, res); }, true));
}

}  // namespace rds::sim
