#include "sim/server.h"

#include <iostream>
#include <stdexcept>
#include <thread>

#include "sim/admin_routes.h"
#include "sim/hostile_answers.h"
#include "sim/http_util.h"
#include "sim/iam_routes.h"
#include "sim/rds_routes.h"
#include "sim/seed.h"

namespace rds::sim {

namespace {

// Enough workers that clients holding keep-alive connections (curl pools, several test clients) never
// starve each other; httplib's default is max(8, cores - 1).
constexpr std::size_t kWorkerThreads = 64;
// Cloud gateways keep connections open for many requests; httplib's default of 5 per connection
// would make connection-reuse checks meaningless.
constexpr std::size_t kKeepAliveMaxRequests = 100000;
constexpr time_t kKeepAliveSeconds = 30;

std::string query_of(const httplib::Request& req) {
  auto q = req.target.find('?');
  return q == std::string::npos ? std::string() : req.target.substr(q + 1);
}

}  // namespace

std::string base_url_for(const std::string& host, int port, bool tls) {
  const bool loopback_or_any =
      host == "0.0.0.0" || host == "::" || host == "127.0.0.1" || host == "::1" || host == "localhost";
  std::string name = host;
  if (tls && loopback_or_any) {
    name = "localhost";
  } else if (host == "0.0.0.0") {
    name = "127.0.0.1";
  } else if (host == "::") {
    name = "[::1]";
  } else if (host.find(':') != std::string::npos) {
    name = "[" + host + "]";
  }
  return std::string(tls ? "https://" : "http://") + name + ":" + std::to_string(port);
}

SimServer::SimServer(const SimOptions& options, Clocks clocks)
    : options_(options),
      ctx_(std::make_unique<SimContext>(options.credentials, options.region, std::move(clocks))) {
  ctx_->quiet = options.quiet;
  ctx_->tls = options.tls;
  ctx_->state.set_settings(options.settings);
  ctx_->gate.set_limit(options.rate_limit);
  if (options.fault_seed) ctx_->faults.set_seed(*options.fault_seed);
  std::vector<InstanceSpec> seeds;
  if (!options.seed_file.empty()) seeds = load_seed_file(options.seed_file);
  seeds.insert(seeds.end(), options.instances.begin(), options.instances.end());
  for (const auto& spec : seeds) {
    try {
      ctx_->state.add_instance(spec);
    } catch (const std::invalid_argument& e) {
      throw std::runtime_error("seeding instance " + spec.id + ": " + e.what());
    }
  }

  if (options.tls) {
    std::vector<std::string> names{options.host};
    names.insert(names.end(), options.tls_names.begin(), options.tls_names.end());
    tls_ = generate_tls_files(names);
    server_ = std::make_unique<httplib::SSLServer>(tls_.server_cert.c_str(), tls_.server_key.c_str());
    if (!server_->is_valid()) {
      remove_temp_files();  // the destructor does not run for a constructor that throws
      throw std::runtime_error("TLS set-up: httplib could not load the generated certificate");
    }
  } else {
    server_ = std::make_unique<httplib::Server>();
  }
  server_->new_task_queue = [] { return new httplib::ThreadPool(kWorkerThreads); };
  server_->set_keep_alive_max_count(kKeepAliveMaxRequests);
  server_->set_keep_alive_timeout(kKeepAliveSeconds);
  // httplib sends an answer's headers and body in two writes; with Nagle on, the body waits for the
  // client's delayed ACK of the headers (40 ms on Linux), which made every sim call take ~44 ms on
  // loopback (bench/rds_bench --only rpc). A real API gateway answers in one go; so does the sim now.
  server_->set_tcp_nodelay(true);

  ApiWrapper wrap = [this](httplib::Server::Handler h, bool authenticate) {
    return wrap_api(std::move(h), authenticate);
  };
  add_iam_routes(*server_, *ctx_, wrap);
  add_rds_routes(*server_, *ctx_, wrap);
  add_admin_routes(*server_, *ctx_);
  // Static files next to the API, so one test server can also be a provider network mirror (under
  // /files/) or a provider registry (at the root: Terraform asks for /.well-known/terraform.json). httplib
  // tries a GET against the mounted files first and falls through to the routes when no file matches, so
  // the API is unchanged as long as DIR has no v3/ or _admin/ folder.
  if (!options.files_dir.empty() && (!server_->set_mount_point("/files", options.files_dir) ||
                                     !server_->set_mount_point("/", options.files_dir))) {
    remove_temp_files();
    throw std::runtime_error("--files " + options.files_dir + ": not a readable directory");
  }

  // Admin answers get a request id too, so "every answer carries X-Request-Id" holds without exceptions.
  server_->set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.has_header("X-Request-Id")) res.set_header("X-Request-Id", new_uuid());
  });
  // Unknown routes and httplib's own errors still answer JSON with a request id, like the gateway.
  server_->set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&,
                                                                     httplib::Response& res) {
    if (!res.has_header("X-Request-Id")) res.set_header("X-Request-Id", new_uuid());
    if (res.body.empty()) {
      send_rds_error(res, res.status, res.status == 404 ? "APIGW.0101" : "APIGW.0000",
                     res.status == 404 ? "The API does not exist or has not been published in the environment"
                                       : "The request could not be handled");
    }
    return httplib::Server::HandlerResponse::Handled;
  }));
  server_->set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unknown exception";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    send_rds_error(res, 500, "DBS.200500", "rds-sim internal error: " + what);
  });
}

SimServer::~SimServer() {
  stop();
  remove_temp_files();
}

int SimServer::bind() {
  int port = options_.port;
  if (port == 0) {
    port = server_->bind_to_any_port(options_.host);
    if (port < 0) throw std::runtime_error("cannot bind " + options_.host + " on a free port");
  } else if (!server_->bind_to_port(options_.host, port)) {
    throw std::runtime_error("cannot bind " + options_.host + ":" + std::to_string(port) + " (in use?)");
  }
  base_url_ = base_url_for(options_.host, port, options_.tls);
  return port;
}

void SimServer::listen() { server_->listen_after_bind(); }

void SimServer::remove_temp_files() {
  remove_tls_files(tls_);
  tls_ = {};
}

void SimServer::stop() {
  if (server_) server_->stop();
}

std::uint32_t SimServer::fault_seed() const { return ctx_->faults.seed(); }

bool SimServer::apply_fault(const Fault& fault, httplib::Response& res) {
  const std::string msg = fault.error_msg.empty()
                              ? "rds-sim injected fault: HTTP " + std::to_string(fault.status)
                              : fault.error_msg;
  switch (fault.kind) {
    case FaultKind::latency:
      std::this_thread::sleep_for(std::chrono::milliseconds(fault.latency_ms));
      return false;
    case FaultKind::status:
      if (fault.legacy_body) {
        send_legacy_error(res, fault.status, fault.error_code, msg);
      } else {
        send_rds_error(res, fault.status, fault.error_code, msg);
      }
      return true;
    case FaultKind::retry_after:
      res.set_header("Retry-After", std::to_string(fault.retry_after));
      send_rds_error(res, 429, "APIGW.0308",
                     "The throttling threshold has been reached (rds-sim injected fault)");
      return true;
    case FaultKind::malformed:
      // Cut short mid-object, as a proxy that drops the end of a response would.
      res.status = 200;
      res.set_content(R"({"instances": [{"id": "trunc)", "application/json");
      return true;
    case FaultKind::drop:
      // The socket is shut down by wrap_api once the request is logged, so that a test which sees the
      // connection end already finds the request in the log. This answer never reaches the client.
      res.status = 500;
      return true;
    case FaultKind::huge_body:
    case FaultKind::endless_body:
    case FaultKind::deep_json:
      send_hostile_body(fault, res);
      return true;
    case FaultKind::job_failure:
    case FaultKind::paging:  // the page is made to lie after the handler answered (wrap_api)
      return false;
  }
  return false;
}

httplib::Server::Handler SimServer::wrap_api(httplib::Server::Handler handler, bool authenticate) {
  return [this, handler = std::move(handler), authenticate](const httplib::Request& req,
                                                            httplib::Response& res) {
    const auto started = std::chrono::steady_clock::now();
    LoggedRequest entry;
    entry.method = req.method;
    entry.path = req.path;
    entry.query = query_of(req);
    entry.time = log_timestamp(ctx_->clocks.wall());
    entry.request_id = new_uuid();
    entry.remote = req.remote_addr + ":" + std::to_string(req.remote_port);
    entry.auth = to_string(presented_auth(req));
    res.set_header("X-Request-Id", entry.request_id);
    ctx_->log.note_connection(entry.remote);

    bool answered = false;
    const auto fault = ctx_->faults.take(req.method, req.path);
    if (fault) {
      entry.fault = to_string(fault->kind);
      answered = apply_fault(*fault, res);
    }
    if (!answered && ctx_->gate.throttle(req.method, req.path, std::chrono::steady_clock::now())) {
      // The gateway's answer when a project is over its rate: 429, APIGW.0308, Retry-After.
      entry.fault = "throttled";
      res.set_header("Retry-After", "1");
      send_rds_error(res, 429, "APIGW.0308",
                     "The throttling threshold has been reached: policy user over ratelimit");
      answered = true;
    }
    if (!answered && authenticate) {
      if (auto failure = ctx_->auth.check(req)) {
        send_rds_error(res, failure->status, failure->error_code, failure->error_msg);
        answered = true;
      }
    }
    if (!answered) {
      try {
        handler(req, res);
      } catch (const std::exception& e) {  // a sim bug must still answer (and be logged), not hang a client
        send_rds_error(res, 500, "DBS.200500", std::string("rds-sim internal error: ") + e.what());
      }
      if (fault && fault->kind == FaultKind::paging) make_page_lie(fault->paging, *ctx_, req, res);
    }

    entry.status = entry.fault == "drop" ? 0 : res.status;
    if (!ctx_->quiet) {
      auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
      std::cerr << "rds-sim: " << entry.method << " " << req.target << " -> "
                << (entry.status == 0 ? std::string("dropped") : std::to_string(entry.status)) << " (auth "
                << entry.auth << (entry.fault.empty() ? "" : ", fault " + entry.fault) << ", " << ms
                << " ms, request " << entry.request_id << ")" << std::endl;
    }
    const bool drop = entry.fault == "drop";
    ctx_->log.record(std::move(entry));
    if (drop) drop_connection(req.remote_addr, req.remote_port);
  };
}

}  // namespace rds::sim
