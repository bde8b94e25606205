#include "sim/admin_routes.h"

#include <functional>

#include "sim/http_util.h"
#include "sim/rds_routes.h"
#include "sim/seed.h"

namespace rds::sim {

namespace {

// Enough for paging tests (hundreds), small enough that a typo cannot exhaust memory.
constexpr int64_t kMaxBulk = 10000;

void admin_error(httplib::Response& res, int status, const std::string& message) {
  send_json(res, status, {{"error", message}});
}

// Parses the admin request body as a JSON object (an empty body counts as {}).
std::optional<nlohmann::json> object_body(const std::string& text, httplib::Response& res) {
  if (text.empty()) return nlohmann::json::object();
  auto body = parse_json_body(text);
  if (!body || !body->is_object()) {
    admin_error(res, 400, "the body must be a JSON object");
    return std::nullopt;
  }
  return body;
}

double seconds_left(MonoTime until, MonoTime now) {
  return std::max(0.0, std::chrono::duration<double>(until - now).count());
}

InstancePatch parse_patch(const nlohmann::json& body) {
  reject_unknown_fields(body, {"name", "status", "status_seconds", "enable_ssl", "finish_ssl_switch"});
  InstancePatch patch;
  if (body.contains("finish_ssl_switch")) {
    if (body["finish_ssl_switch"] != true) throw std::invalid_argument("finish_ssl_switch must be true");
    patch.finish_ssl_switch = true;
  }
  if (body.contains("name")) {
    if (!body["name"].is_string()) throw std::invalid_argument("name must be a string");
    patch.name = body["name"].get<std::string>();
  }
  if (body.contains("status")) {
    if (!body["status"].is_string() || body["status"].get<std::string>().empty()) {
      throw std::invalid_argument("status must be a non-empty string");
    }
    patch.status = body["status"].get<std::string>();
  }
  if (body.contains("status_seconds")) {
    if (!body["status_seconds"].is_number() || body["status_seconds"].get<double>() < 0) {
      throw std::invalid_argument("status_seconds must be a non-negative number");
    }
    if (!patch.status) throw std::invalid_argument("status_seconds needs status");
    patch.status_seconds = body["status_seconds"].get<double>();
  }
  if (body.contains("enable_ssl")) {
    if (body["enable_ssl"].is_null()) {
      patch.enable_ssl = std::optional<bool>();
    } else if (body["enable_ssl"].is_boolean()) {
      patch.enable_ssl = std::optional<bool>(body["enable_ssl"].get<bool>());
    } else {
      throw std::invalid_argument("enable_ssl must be a boolean or null");
    }
  }
  return patch;
}

void post_config(SimContext& ctx, const std::string& text, httplib::Response& res) {
  auto body = object_body(text, res);
  if (!body) return;
  try {
    reject_unknown_fields(*body, {"ssl_switch_seconds", "job_mode", "cert_links", "token_ttl_seconds"});
  } catch (const std::invalid_argument& e) {
    return admin_error(res, 400, e.what());
  }
  SimSettings settings = ctx.state.settings();
  if (body->contains("ssl_switch_seconds")) {
    const auto& v = (*body)["ssl_switch_seconds"];
    if (!v.is_number() || v.get<double>() < 0)
      return admin_error(res, 400, "ssl_switch_seconds must be a number >= 0");
    settings.ssl_switch_seconds = v.get<double>();
  }
  if (body->contains("job_mode")) {
    if (!(*body)["job_mode"].is_boolean()) return admin_error(res, 400, "job_mode must be a boolean");
    settings.job_mode = (*body)["job_mode"].get<bool>();
  }
  if (body->contains("cert_links")) {
    if (!(*body)["cert_links"].is_boolean()) return admin_error(res, 400, "cert_links must be a boolean");
    settings.cert_links = (*body)["cert_links"].get<bool>();
  }
  if (body->contains("token_ttl_seconds")) {
    const auto& v = (*body)["token_ttl_seconds"];
    if (!v.is_number() || v.get<double>() < 0)
      return admin_error(res, 400, "token_ttl_seconds must be a number >= 0");
    ctx.token_ttl_seconds = v.get<double>();
  }
  ctx.state.set_settings(settings);
  send_json(res, 200,
            {{"ssl_switch_seconds", settings.ssl_switch_seconds},
             {"job_mode", settings.job_mode},
             {"cert_links", settings.cert_links},
             {"token_ttl_seconds", ctx.token_ttl_seconds.load()}});
}

// The instances a bulk call asks for: {"instances":[{...}, ...]} as in a seed file, or
// {"count":N, "prefix":"bulk", "instance":{...}} for N copies of one instance (all fields optional) with
// ids and names prefix-0001, prefix-0002, ...
std::vector<InstanceSpec> bulk_specs(const nlohmann::json& body) {
  reject_unknown_fields(body, {"instances", "count", "prefix", "instance"});
  std::vector<InstanceSpec> specs;
  if (body.contains("instances")) {
    if (body.contains("count") || body.contains("prefix") || body.contains("instance"))
      throw std::invalid_argument("give either instances or count (with prefix and instance), not both");
    if (!body["instances"].is_array()) throw std::invalid_argument("instances must be a list");
    for (std::size_t i = 0; i < body["instances"].size(); ++i) {
      try {
        specs.push_back(instance_spec_from_json(body["instances"][i]));
      } catch (const std::invalid_argument& e) {
        throw std::invalid_argument("instances[" + std::to_string(i) + "]: " + e.what());
      }
    }
    return specs;
  }
  if (!body.contains("count") || !body["count"].is_number_integer() || body["count"].get<int64_t>() < 1 ||
      body["count"].get<int64_t>() > kMaxBulk)
    throw std::invalid_argument("count must be an integer from 1 to " + std::to_string(kMaxBulk) +
                                " (or give instances)");
  if (body.contains("prefix") && (!body["prefix"].is_string() || body["prefix"].get<std::string>().empty()))
    throw std::invalid_argument("prefix must be a non-empty string");
  const std::string prefix = body.contains("prefix") ? body["prefix"].get<std::string>() : "bulk";
  const InstanceSpec base = instance_spec_from_json(body.value("instance", nlohmann::json::object()));
  for (int64_t i = 1; i <= body["count"].get<int64_t>(); ++i) {
    std::string number = std::to_string(i);
    number.insert(0, number.size() < 4 ? 4 - number.size() : 0, '0');
    InstanceSpec spec = base;
    spec.id = prefix + "-" + number;
    spec.name = prefix + "-" + number;
    specs.push_back(std::move(spec));
  }
  return specs;
}

// An admin handler, given the request body: empty when the request sent none.
using AdminHandler = std::function<void(const httplib::Request&, httplib::Response&, const std::string&)>;

// Admin POST, PATCH and DELETE routes take a ContentReader, so that a request without a body (curl -X
// POST with no data sends no Content-Length) is answered at once; see read_announced_body().
httplib::Server::HandlerWithContentReader with_body(AdminHandler handler) {
  return [handler = std::move(handler)](const httplib::Request& req, httplib::Response& res,
                                        const httplib::ContentReader& reader) {
    handler(req, res, read_announced_body(req, reader));
  };
}
void on_post(httplib::Server& server, const std::string& pattern, AdminHandler handler) {
  server.Post(pattern, with_body(std::move(handler)));
}
void on_patch(httplib::Server& server, const std::string& pattern, AdminHandler handler) {
  server.Patch(pattern, with_body(std::move(handler)));
}
void on_delete(httplib::Server& server, const std::string& pattern, AdminHandler handler) {
  server.Delete(pattern, with_body(std::move(handler)));
}

}  // namespace

nlohmann::json admin_instance_json(const Instance& inst, MonoTime now) {
  nlohmann::json j = rds_instance_json(inst);
  j["ssl_switch_in_progress"] = inst.ssl_switch.has_value();
  if (inst.ssl_switch) {
    j["ssl_switch"] = {{"target", inst.ssl_switch->target},
                       {"seconds_left", seconds_left(inst.ssl_switch->done_at, now)},
                       {"job_id", inst.ssl_switch->job_id},
                       {"fails", inst.ssl_switch->fails}};
  }
  if (inst.status_until) j["status_seconds_left"] = seconds_left(*inst.status_until, now);
  return j;
}

void add_admin_routes(httplib::Server& server, SimContext& ctx) {
  on_post(server, "/_admin/instances",
          [&ctx](const httplib::Request&, httplib::Response& res, const std::string& text) {
            auto body = object_body(text, res);
            if (!body) return;
            try {
              auto inst = ctx.state.add_instance(instance_spec_from_json(*body));
              send_json(res, 201, admin_instance_json(inst, ctx.clocks.mono()));
            } catch (const std::invalid_argument& e) {
              admin_error(res, std::string(e.what()).find("already exists") != std::string::npos ? 409 : 400,
                          e.what());
            }
          });
  on_post(server, "/_admin/instances/bulk",
          [&ctx](const httplib::Request&, httplib::Response& res, const std::string& text) {
            auto body = object_body(text, res);
            if (!body) return;
            try {
              auto added = ctx.state.add_instances(bulk_specs(*body));
              nlohmann::json ids = nlohmann::json::array();
              for (const auto& inst : added) ids.push_back(inst.id);
              send_json(res, 201, {{"created", added.size()}, {"ids", ids}});
            } catch (const std::invalid_argument& e) {
              admin_error(res, std::string(e.what()).find("already exists") != std::string::npos ? 409 : 400,
                          e.what());
            }
          });
  server.Get("/_admin/instances", [&ctx](const httplib::Request&, httplib::Response& res) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& inst : ctx.state.instances())
      list.push_back(admin_instance_json(inst, ctx.clocks.mono()));
    send_json(res, 200, {{"instances", list}});
  });
  server.Get(R"(/_admin/instances/([^/]+))", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto inst = ctx.state.instance(req.matches[1]);
    if (!inst) return admin_error(res, 404, "no instance " + std::string(req.matches[1]));
    send_json(res, 200, admin_instance_json(*inst, ctx.clocks.mono()));
  });
  on_patch(server, R"(/_admin/instances/([^/]+))",
           [&ctx](const httplib::Request& req, httplib::Response& res, const std::string& text) {
             auto body = object_body(text, res);
             if (!body) return;
             try {
               auto inst = ctx.state.patch_instance(req.matches[1], parse_patch(*body));
               if (!inst) return admin_error(res, 404, "no instance " + std::string(req.matches[1]));
               send_json(res, 200, admin_instance_json(*inst, ctx.clocks.mono()));
             } catch (const std::invalid_argument& e) {
               admin_error(res, 400, e.what());
             }
           });
  on_delete(server, R"(/_admin/instances/([^/]+))",
            [&ctx](const httplib::Request& req, httplib::Response& res, const std::string&) {
              if (!ctx.state.remove_instance(req.matches[1]))
                return admin_error(res, 404, "no instance " + std::string(req.matches[1]));
              res.status = 204;
            });
  on_post(server, "/_admin/rate-limit",
          [&ctx](const httplib::Request&, httplib::Response& res, const std::string& text) {
            auto body = object_body(text, res);
            if (!body) return;
            const auto limit = body->find("rate_limit");
            if (body->size() != 1 || limit == body->end() || !limit->is_number() || limit->get<double>() < 0)
              return admin_error(res, 400, "the body must be {\"rate_limit\": N} with N >= 0 (0: off)");
            ctx.gate.set_limit(limit->get<double>());
            send_json(res, 200, ctx.gate.stats());
          });
  server.Get("/_admin/rate-limit", [&ctx](const httplib::Request&, httplib::Response& res) {
    send_json(res, 200, ctx.gate.stats());
  });
  on_post(server, "/_admin/config",
          [&ctx](const httplib::Request&, httplib::Response& res, const std::string& text) {
            post_config(ctx, text, res);
          });
  on_post(server, "/_admin/ca-bundle",
          [&ctx](const httplib::Request&, httplib::Response& res, const std::string& text) {
            auto body = object_body(text, res);
            if (!body) return;
            try {
              send_json(res, 200, ctx.ca_bundle.apply(*body));
            } catch (const std::invalid_argument& e) {
              admin_error(res, 400, e.what());
            }
          });
  server.Get("/_admin/ca-bundle", [&ctx](const httplib::Request&, httplib::Response& res) {
    send_json(res, 200, ctx.ca_bundle.to_json());
  });
  on_post(server, "/_admin/faults",
          [&ctx](const httplib::Request&, httplib::Response& res, const std::string& text) {
            auto body = object_body(text, res);
            if (!body) return;
            try {
              ctx.faults.add(parse_fault(*body));
              send_json(res, 201, {{"faults", ctx.faults.pending()}});
            } catch (const std::invalid_argument& e) {
              admin_error(res, 400, e.what());
            }
          });
  server.Get("/_admin/faults", [&ctx](const httplib::Request&, httplib::Response& res) {
    send_json(res, 200, {{"faults", ctx.faults.pending()}});
  });
  on_delete(server, "/_admin/faults",
            [&ctx](const httplib::Request&, httplib::Response& res, const std::string&) {
              ctx.faults.clear();
              res.status = 204;
            });
  server.Get("/_admin/requests", [&ctx](const httplib::Request&, httplib::Response& res) {
    send_json(res, 200, ctx.log.to_json());
  });
  on_delete(server, "/_admin/requests",
            [&ctx](const httplib::Request&, httplib::Response& res, const std::string&) {
              ctx.log.clear();
              res.status = 204;
            });
  server.Get("/_admin/connections", [&ctx](const httplib::Request&, httplib::Response& res) {
    send_json(res, 200, {{"accepted", ctx.log.connections()}});
  });
  on_post(server, "/_admin/tokens/revoke",
          [&ctx](const httplib::Request&, httplib::Response& res, const std::string&) {
            ctx.tokens.revoke_all();
            res.status = 204;
          });
  on_post(server, "/_admin/reset",
          [&ctx](const httplib::Request&, httplib::Response& res, const std::string&) {
            ctx.faults.clear();
            ctx.log.clear();
            res.status = 204;
          });
}

}  // namespace rds::sim
