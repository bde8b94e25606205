#include "client/rds_client.h"

#include <fstream>
#include <nlohmann/json.hpp>

#include "client/auth.h"
#include "client/curl_transport.h"
#include "client/error_body.h"
#include "client/executor.h"
#include "client/response_parsing.h"
#include "client/waiting.h"

namespace rds::client {

namespace {

bool is_url(const std::string& text) { return text.starts_with("http://") || text.starts_with("https://"); }

std::string trim_slashes(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

// Checks the config and fills in defaults; every message names the attribute to fix.
ClientConfig validated(ClientConfig config) {
  if (config.project_id.empty()) throw ConfigError("project_id is required to call the RDS API.");
  if (config.endpoint.empty()) {
    if (config.region.empty()) throw ConfigError("region is required when no RDS endpoint is set.");
    config.endpoint = "https://rds." + config.region + ".otc.t-systems.com";
  }
  if (!is_url(config.endpoint))
    throw ConfigError("endpoint \"" + config.endpoint + "\" must start with http:// or https://.");
  config.endpoint = trim_slashes(config.endpoint);

  const bool has_ak = !config.access_key.empty(), has_sk = !config.secret_key.empty();
  if (has_ak != has_sk)
    throw ConfigError(std::string(has_ak ? "secret_key" : "access_key") +
                      " is missing: access_key and secret_key must be set together.");
  if (!config.security_token.empty() && !has_ak)
    throw ConfigError("security_token is only used with access_key and secret_key (temporary credentials).");
  const bool password_mode = !has_ak && config.token.empty();
  if (password_mode) {
    std::vector<std::string> missing;
    if (config.user_name.empty()) missing.push_back("user_name");
    if (config.password.empty()) missing.push_back("password");
    if (config.domain_name.empty()) missing.push_back("domain_name");
    if (missing.size() == 3)
      throw ConfigError(
          "No credentials: set access_key and secret_key, or token, or user_name, password and domain_name.");
    if (!missing.empty()) {
      std::string names;
      for (const auto& name : missing) names += (names.empty() ? "" : ", ") + name;
      throw ConfigError(
          "Password authentication needs user_name, password and domain_name; missing: " + names + ".");
    }
    if (config.auth_url.empty()) {
      if (config.region.empty()) throw ConfigError("region is required when auth_url is not set.");
      config.auth_url = "https://iam." + config.region + ".otc.t-systems.com/v3";
    }
    if (!is_url(config.auth_url))
      throw ConfigError("auth_url \"" + config.auth_url + "\" must start with http:// or https://.");
    config.auth_url = trim_slashes(config.auth_url);
  }
  if (!config.cacert_file.empty() && !std::ifstream(config.cacert_file).good())
    throw ConfigError("cacert_file \"" + config.cacert_file + "\" cannot be read.");
  if (config.max_retries < 0) throw ConfigError("max_retries must not be negative.");
  config.user_agent =
      config.user_agent.empty() ? default_user_agent() : default_user_agent() + " " + config.user_agent;
  return config;
}

std::shared_ptr<Authenticator> make_authenticator(const ClientConfig& config,
                                                  std::shared_ptr<Transport> transport,
                                                  std::shared_ptr<Clock> clock) {
  if (!config.access_key.empty())
    return std::make_shared<AkSkAuthenticator>(
        signer::Credentials{config.access_key, config.secret_key, config.security_token, config.project_id},
        std::move(clock));
  if (!config.token.empty()) return std::make_shared<StaticTokenAuthenticator>(config.token);
  return std::make_shared<PasswordAuthenticator>(
      PasswordCredentials{config.auth_url, config.user_name, config.password, config.domain_name,
                          config.project_id},
      std::move(transport), std::move(clock));
}

class RdsClientImpl : public RdsClient {
 public:
  RdsClientImpl(ClientConfig config, Dependencies deps, std::shared_ptr<Authenticator> authenticator)
      : config_(std::move(config)),
        poll_(deps.poll),
        executor_(ExecutorOptions{deps.transport, std::move(authenticator), deps.clock, deps.random,
                                  deps.backoff, config_.max_retries, config_.log}) {}

  std::optional<Instance> get_instance(const std::string& id, const CancelToken& cancel) override {
    return fetch_instance(id, cancel, std::nullopt);
  }

  std::optional<std::string> set_ssl(const std::string& id, bool enabled, Deadline deadline,
                                     const CancelToken& cancel) override {
    check_id("instance", id);
    auto instance = fetch_instance(id, cancel, deadline);
    if (!instance) throw NotFoundError("get instance " + id, "instance " + id, "");
    if (!supports_ssl(*instance)) throw UnsupportedEngineError(id, instance->engine);

    const std::string what = std::string(enabled ? "enable" : "disable") + " SSL on instance " + id;
    const auto start = clock().now();
    for (int busy_tries = 1;; ++busy_tries) {
      auto request = make_request("PUT", "/instances/" + id + "/ssl", cancel);
      request.headers.emplace_back("Content-Type", "application/json");
      request.body = nlohmann::json{{"ssl_option", enabled}}.dump();
      const auto operation = what + " (PUT " + request.full_path() + ")";
      auto response = executor_.send(std::move(request), operation, deadline);
      if (is_success(response)) return parse_ssl_answer(operation, response);

      auto error = parse_error_body(response.body);
      if (is_not_found_error(response.status, error.code))
        throw_api_error(operation, response, "instance " + id);
      if (!is_busy_error(response.status, error.code)) throw_api_error(operation, response);

      // Busy: another operation runs on the instance. Wait a poll interval (an SSL switch blocks
      // changes without leaving ACTIVE), then until ACTIVE, then try again, all within the deadline.
      const std::string last_seen = "HTTP " + std::to_string(response.status) + " " + error.code +
                                    (error.message.empty() ? "" : ": " + error.message);
      executor_.log(
          LogLevel::info, "instance busy; retrying when it is ready",
          {{"operation", operation}, {"error_code", error.code}, {"request_id", response.request_id()}});
      auto now = clock().now();
      if (now >= deadline)
        throw TimeoutError(what, std::chrono::duration_cast<std::chrono::milliseconds>(now - start),
                           last_seen);
      auto pause = std::chrono::duration_cast<std::chrono::nanoseconds>(poll_.interval(busy_tries));
      if (deadline - now < pause) pause = deadline - now;
      if (!clock().sleep_for(pause, cancel)) throw CancelledError(what);
      wait_until_ready(id, deadline, cancel);
    }
  }

  Job get_job(const std::string& job_id, const CancelToken& cancel) override {
    return fetch_job(job_id, cancel, std::nullopt);
  }

  Job fetch_job(const std::string& job_id, const CancelToken& cancel, std::optional<Deadline> deadline) {
    check_id("job", job_id);
    auto request = make_request("GET", "/jobs", cancel);
    request.query = {{"id", job_id}};
    const auto operation = "get job " + job_id + " (GET " + request.full_path() + "?id=" + job_id + ")";
    auto response = executor_.send(std::move(request), operation, deadline);
    if (!is_success(response)) throw_api_error(operation, response, "job " + job_id);
    return parse_job(operation, response);
  }

  Instance wait_until_ready(const std::string& id, Deadline deadline, const CancelToken& cancel) override {
    return poll_until<Instance>(clock(), poll_, "instance " + id + " to become ACTIVE", deadline, cancel,
                                [&](std::string& last_seen) -> std::optional<Instance> {
                                  auto instance = existing_instance(id, cancel, deadline);
                                  if (is_ready(instance)) return instance;
                                  last_seen = "status " + instance.status;
                                  return std::nullopt;
                                });
  }

  Instance wait_until_ssl(const std::string& id, bool desired, Deadline deadline,
                          const CancelToken& cancel) override {
    const std::string what =
        "SSL to be " + std::string(desired ? "enabled" : "disabled") + " on instance " + id;
    return poll_until<Instance>(
        clock(), poll_, what, deadline, cancel, [&](std::string& last_seen) -> std::optional<Instance> {
          auto instance = existing_instance(id, cancel, deadline);
          if (instance.enable_ssl == desired) return instance;
          // Old API versions do not report enable_ssl: ACTIVE is all we can see.
          if (!instance.enable_ssl && is_ready(instance)) return instance;
          last_seen = "status " + instance.status + ", enable_ssl " +
                      (instance.enable_ssl ? (*instance.enable_ssl ? "true" : "false") : "not reported");
          return std::nullopt;
        });
  }

  Job wait_until_job_done(const std::string& job_id, Deadline deadline, const CancelToken& cancel) override {
    return poll_until<Job>(clock(), poll_, "job " + job_id + " to complete", deadline, cancel,
                           [&](std::string& last_seen) -> std::optional<Job> {
                             auto job = fetch_job(job_id, cancel, deadline);
                             if (job.status == "Completed") return job;
                             if (job.status == "Failed") throw JobFailedError(job.id, job.name);
                             last_seen = "job status " + job.status;
                             return std::nullopt;
                           });
  }

  Clock& clock() override { return executor_.clock(); }

 private:
  static bool is_success(const HttpResponse& response) {
    return response.status >= 200 && response.status < 300;
  }

  HttpRequest make_request(const std::string& method, const std::string& path_below_project,
                           const CancelToken& cancel) const {
    HttpRequest request;
    request.method = method;
    request.base_url = config_.endpoint;
    request.path = "/v3/" + config_.project_id + path_below_project;
    request.cancel = cancel;
    return request;
  }

  // Ids become path segments and query values: refuse what could change the URL's meaning.
  static void check_id(const char* kind, const std::string& id) {
    if (id.empty()) throw Error(std::string("The ") + kind + " id is empty.");
    for (unsigned char c : id)
      if (c <= ' ' || c == '/' || c == '?' || c == '#' || c == '%' || c == 0x7f)
        throw Error(std::string("The ") + kind + " id \"" + id +
                    "\" contains characters an RDS id never has (space, control, / ? # or %).");
  }

  // `deadline` (for waits) bounds transient retries and transfer time; none for one-off reads.
  std::optional<Instance> fetch_instance(const std::string& id, const CancelToken& cancel,
                                         std::optional<Deadline> deadline) {
    check_id("instance", id);
    auto request = make_request("GET", "/instances", cancel);
    request.query = {{"id", id}};
    const auto operation = "get instance " + id + " (GET " + request.full_path() + "?id=" + id + ")";
    auto response = executor_.send(std::move(request), operation, deadline);
    if (!is_success(response)) throw_api_error(operation, response);
    return parse_instance_list(operation, response, id);
  }

  // The instance for a wait: gone means NotFoundError, FAILED / CREATE FAIL end the wait.
  Instance existing_instance(const std::string& id, const CancelToken& cancel, Deadline deadline) {
    auto instance = fetch_instance(id, cancel, deadline);
    if (!instance) throw NotFoundError("get instance " + id, "instance " + id, "");
    if (is_terminal_failure(*instance)) throw InstanceFailedError(id, instance->status);
    return *instance;
  }

  ClientConfig config_;
  PollPolicy poll_;
  Executor executor_;
};

}  // namespace

std::shared_ptr<RdsClient> RdsClient::create(ClientConfig config) { return create(std::move(config), {}); }

std::shared_ptr<RdsClient> RdsClient::create(ClientConfig config, Dependencies deps) {
  config = validated(std::move(config));
  if (!deps.clock) deps.clock = system_clock();
  if (!deps.random) deps.random = default_random();
  if (!deps.transport)
    deps.transport = std::make_shared<CurlTransport>(TransportOptions{config.connect_timeout,
                                                                      config.request_timeout, config.insecure,
                                                                      config.cacert_file, config.user_agent});
  auto authenticator = make_authenticator(config, deps.transport, deps.clock);
  return std::make_shared<RdsClientImpl>(std::move(config), std::move(deps), std::move(authenticator));
}

}  // namespace rds::client
