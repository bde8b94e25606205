#include "client/rds_client.h"

#include <mutex>
#include <nlohmann/json.hpp>

#include "client/auth.h"
#include "client/client_setup.h"
#include "client/curl_transport.h"
#include "client/endpoints.h"
#include "client/error_body.h"
#include "client/executor.h"
#include "client/paged_list.h"
#include "client/printable.h"
#include "client/project_lookup.h"
#include "client/rate_limiter.h"
#include "client/read_coalescer.h"
#include "client/response_parsing.h"
#include "client/signer.h"
#include "client/waiting.h"

namespace rds::client {

namespace {

constexpr std::size_t kMaxShownId = 64;
// Instance ids are 32 hex digits and a suffix, job ids UUIDs; ids reach URLs, so an absurd one is refused.
constexpr std::size_t kMaxIdBytes = 128;

std::string on_off(std::optional<bool> value) { return value ? (*value ? "true" : "false") : "not reported"; }

class RdsClientImpl : public RdsClient {
 public:
  RdsClientImpl(ClientConfig config, Dependencies deps, std::shared_ptr<Authenticator> authenticator)
      : config_(std::move(config)),
        poll_(deps.poll),
        authenticator_(authenticator),
        executor_(ExecutorOptions{deps.transport, std::move(authenticator), deps.clock, deps.random,
                                  deps.backoff, config_.max_retries, config_.log,
                                  endpoint_descriptions(config_)}),
        reads_(
            ReadBatching{.enabled = config_.batch_reads}, deps.clock,
            [this](const std::string& id, Deadline deadline, const CancelToken& cancel) {
              return fetch_instance(id, cancel, deadline);
            },
            [this](Deadline deadline, const CancelToken& cancel, const ReadCoalescer::GoOn& go_on) {
              return list_project(deadline, cancel, go_on);
            },
            config_.log),
        project_id_(config_.project_id) {}

  void sign_in(Deadline deadline, const CancelToken& cancel) override {
    executor_.sign_in(deadline, cancel);
    project_id(deadline, cancel);
  }

  std::optional<Instance> get_instance(const std::string& id, Deadline deadline, const CancelToken& cancel,
                                       Freshness freshness) override {
    check_id("instance", id);
    return reads_.read(id, freshness, deadline, cancel);
  }

  std::vector<Instance> list_instances(const InstanceFilter& filter, Deadline deadline,
                                       const CancelToken& cancel) override {
    auto list = read_pages(filter, deadline, cancel, nullptr);
    auto found = list.take_matching();
    executor_.log(LogLevel::debug, "listed instances",
                  {{"pages", std::to_string(list.pages())},
                   {"read", std::to_string(list.read())},
                   {"matching", std::to_string(found.size())}});
    return found;
  }

  std::vector<SslCertificateLink> get_ssl_cert_links(const std::string& id, Deadline deadline,
                                                     const CancelToken& cancel) override {
    check_id("instance", id);
    auto request = make_request("GET", "/instances/" + id + "/ssl-cert/download-link", deadline, cancel);
    const auto operation =
        "get the SSL certificate links of instance " + id + " (GET " + request.full_path() + ")";
    const auto response = executor_.send(std::move(request), operation, deadline);
    if (is_success(response)) return parse_ssl_cert_links(operation, response);
    // A gateway answers 404 for an API this cloud does not have; RDS refuses an engine without the
    // feature with a DBS error. Only the documented not-found codes mean the instance is gone.
    const auto error = parse_error_body(response.body);
    if (!is_not_found_code(error.code) &&
        (response.status == 404 || (response.status == 400 && error.code.starts_with("DBS."))))
      throw NotOfferedError("SSL certificate download links", operation, response.status, error.code,
                            error.message, response.request_id());
    throw_api_error(operation, response, "instance " + id);
  }

  SslCaBundle download_ssl_ca_bundle(const std::string& link, Deadline deadline,
                                     const CancelToken& cancel) override {
    return rds::client::download_ssl_ca_bundle(executor_, config_.endpoint, link, deadline, cancel);
  }

  void set_ssl(const std::string& id, bool enabled, Deadline deadline, const CancelToken& cancel,
               SslChange& change) override {
    check_id("instance", id);
    const std::string what = std::string(enabled ? "enable" : "disable") + " SSL on instance " + id;
    const auto start = clock().now();
    RetryBudget transient = executor_.budget(deadline);  // transient failures of the PUT itself
    bool unanswered_put = false;                         // a PUT got no answer: it may have started a switch
    for (int round = 1;; ++round) {
      // Read before every PUT: a switch someone else started may have finished since the last answer.
      const Instance instance = present_instance(id, cancel, deadline);
      change.last_read = instance;
      if (!supports_ssl(instance)) throw UnsupportedEngineError(id, instance.engine);
      if (instance.enable_ssl == enabled && !change.switch_may_be_running) {
        executor_.log(LogLevel::debug, "SSL already has the wanted value; no switch sent",
                      {{"instance_id", id}, {"enable_ssl", on_off(enabled)}, {"status", instance.status}});
        return;
      }
      if (is_stuck(instance)) throw InstanceFailedError(id, instance.status);
      if (!is_ready(instance)) {
        executor_.log(
            LogLevel::debug, "waiting for the instance to become ACTIVE before the switch",
            {{"instance_id", id}, {"status", instance.status}, {"enable_ssl", on_off(instance.enable_ssl)}});
        pause_or_time_out(what, start, round, deadline, cancel, "status " + instance.status);
        continue;
      }

      auto request = make_request("PUT", "/instances/" + id + "/ssl", deadline, cancel);
      request.headers.emplace_back("Content-Type", "application/json");
      request.body = nlohmann::json{{"ssl_option", enabled}}.dump();
      const auto operation = what + " (PUT " + request.full_path() + ")";
      reads_.before_write(id);
      change.put_sent = true;
      HttpResponse response;
      try {
        // Transient failures are not repeated blindly: the next round reads the instance first.
        response = executor_.send(std::move(request), operation, deadline, /*retry_transient=*/false);
      } catch (const TransportError& error) {
        unanswered_put = true;
        transient.count_attempt();
        if (error.retryable() &&
            executor_.pause_before_retry(transient, std::nullopt, cancel, operation, error.detail()))
          continue;
        throw TransportError(operation, error.detail(), error.retryable(),
                             (error.retryable() ? transient.summary() + " " : std::string()) + "Check " +
                                 executor_.describe_endpoint(config_.endpoint) + ".");
      }
      if (is_success(response)) {
        change.accepted = true;
        change.job_id = parse_ssl_answer(operation, response);
        return;
      }
      // An answer that is not a success (busy, throttled, any error) started nothing: only a PUT that got
      // no answer at all may have reached the cloud.
      change.put_sent = unanswered_put;
      auto error = parse_error_body(response.body);
      if (is_busy_error(response.status, error.code)) {
        executor_.log(
            LogLevel::info, "instance busy; reading it again before another switch",
            {{"operation", operation}, {"error_code", error.code}, {"request_id", response.request_id()}});
        pause_or_time_out(what, start, round, deadline, cancel,
                          "HTTP " + std::to_string(response.status) + " " + error.code +
                              (error.message.empty() ? "" : ": " + error.message));
        continue;
      }
      if (is_transient_status(response.status)) {
        transient.count_attempt();
        if (executor_.pause_before_retry(transient, executor_.retry_after(response), cancel, operation,
                                         "HTTP " + std::to_string(response.status) + " " + error.code))
          continue;
        throw_api_error(operation, response, "", transient.summary());
      }
      throw_api_error(operation, response, "instance " + id);
    }
  }

  Job get_job(const std::string& job_id, Deadline deadline, const CancelToken& cancel) override {
    return fetch_job(job_id, cancel, deadline);
  }

  Instance wait_until_ready(const std::string& id, Deadline deadline, const CancelToken& cancel) override {
    return poll_until<Instance>(clock(), poll_, "instance " + id + " to become ACTIVE", deadline, cancel,
                                [&](std::string& last_seen) -> std::optional<Instance> {
                                  auto instance = existing_instance(id, cancel, deadline);
                                  log_poll(instance);
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
          log_poll(instance);
          if (instance.enable_ssl == desired) return instance;
          // Old API versions do not report enable_ssl: ACTIVE is all we can see.
          if (!instance.enable_ssl && is_ready(instance)) return instance;
          last_seen = "status " + instance.status + ", enable_ssl " + on_off(instance.enable_ssl);
          return std::nullopt;
        });
  }

  Job wait_until_job_done(const std::string& job_id, Deadline deadline, const CancelToken& cancel) override {
    return poll_until<Job>(
        clock(), poll_, "job " + job_id + " to complete", deadline, cancel,
        [&](std::string& last_seen) -> std::optional<Job> {
          auto job = fetch_job(job_id, cancel, deadline);
          executor_.log(LogLevel::debug, "polled job", {{"job_id", job.id}, {"job_status", job.status}});
          if (job.status == "Completed") return job;
          if (job.status == "Failed") throw JobFailedError(job.id, job.name, job.fail_reason);
          last_seen = "job status " + job.status;
          return std::nullopt;
        });
  }

  Clock& clock() override { return executor_.clock(); }

 private:
  static bool is_success(const HttpResponse& response) {
    return response.status >= 200 && response.status < 300;
  }

  // A request below /v3/{project_id}; finds the project first when the config gave none.
  HttpRequest make_request(const std::string& method, const std::string& path_below_project,
                           Deadline deadline, const CancelToken& cancel) {
    HttpRequest request;
    request.method = method;
    request.base_url = config_.endpoint;
    request.path = "/v3/" + project_id(deadline, cancel) + path_below_project;
    request.cancel = cancel;
    return request;
  }

  // The pages of the instance list that `filter` asks for, until the list is complete; or, when
  // `worth_going_on` is given, only the first page if it says no to the total_count that page reports.
  PagedList read_pages(const InstanceFilter& filter, Deadline deadline, const CancelToken& cancel,
                       const ReadCoalescer::GoOn* worth_going_on) {
    QueryParams filters;
    if (!filter.name.empty()) filters.emplace_back("name", filter.name);
    if (!filter.type.empty()) filters.emplace_back("type", filter.type);
    if (!filter.engine.empty()) filters.emplace_back("datastore_type", filter.engine);
    const auto start = clock().now();
    PagedList list(filter, kPageSize, kMaxPages);
    for (bool complete = false; !complete;) {
      if (list.pages() > 0 && clock().now() >= deadline)
        throw TimeoutError(
            "the list of instances",
            std::chrono::duration_cast<std::chrono::milliseconds>(clock().now() - start),
            std::to_string(list.read()) + " instances read in " + std::to_string(list.pages()) + " pages",
            "the API answered too slowly for the whole list to be read in time");
      auto request = make_request("GET", "/instances", deadline, cancel);
      request.query = filters;
      request.query.emplace_back("offset", std::to_string(list.offset()));
      request.query.emplace_back("limit", std::to_string(kPageSize));
      const auto operation =
          "list instances (GET " + request.full_path() + "?" + signer::canonical_query(request.query) + ")";
      const auto response = executor_.send(std::move(request), operation, deadline);
      if (!is_success(response)) throw_api_error(operation, response);
      complete = list.add(parse_instance_page(operation, response), operation, response.request_id());
      if (!complete && worth_going_on && list.pages() == 1 && !(*worth_going_on)(list.total())) break;
    }
    return list;
  }

  // The whole project's instances for ReadCoalescer, or the first page when the rest is not worth it.
  ProjectList list_project(Deadline deadline, const CancelToken& cancel, const ReadCoalescer::GoOn& go_on) {
    auto pages = read_pages({}, deadline, cancel, &go_on);
    ProjectList list;
    list.pages = pages.pages();
    list.total = pages.total();
    list.complete = pages.complete();
    list.instances = pages.take_matching();
    return list;
  }

  // The project id of the config, or the one IAM names for project_name, asked once.
  std::string project_id(Deadline deadline, const CancelToken& cancel) {
    std::lock_guard lock(project_mutex_);
    if (!project_id_.empty()) return project_id_;
    // A login scoped by the name (password, agency) says the id in its answer; AK/SK and a given token
    // ask IAM's project list.
    executor_.sign_in(deadline, cancel);
    std::string found = authenticator_->scoped_project_id();
    if (found.empty())
      found = find_project_id(executor_, config_.auth_url, config_.project_name, deadline, cancel);
    executor_.log(LogLevel::info, "found the project by name",
                  {{"project_name", config_.project_name}, {"project_id", found}});
    project_id_ = found;
    return project_id_;
  }

  // Ids become path segments and query values: refuse what could change the URL's meaning.
  // A megabyte id would otherwise end in libcurl's request-line limit ("Out of memory").
  static void check_id(const char* kind, const std::string& id) {
    if (id.empty()) throw Error(std::string("The ") + kind + " id is empty.");
    if (id.size() > kMaxIdBytes)
      throw Error(std::string("The ") + kind + " id \"" + printable(id, kMaxShownId) + "\" is longer than " +
                  std::to_string(kMaxIdBytes) + " bytes, which an RDS id never is.");
    for (unsigned char c : id)
      if (c <= ' ' || c == '/' || c == '?' || c == '#' || c == '%' || c == 0x7f)
        throw Error(std::string("The ") + kind + " id \"" + printable(id, kMaxShownId) +
                    "\" contains characters an RDS id never has (space, control, / ? # or %).");
  }

  // Sleeps until the next round of a loop that waits for the instance, or throws TimeoutError naming
  // what was last seen when the deadline has come, CancelledError on a cancel.
  void pause_or_time_out(const std::string& what, Deadline start, int round, Deadline deadline,
                         const CancelToken& cancel, const std::string& last_seen) {
    const auto now = clock().now();
    if (now >= deadline)
      throw TimeoutError(what, std::chrono::duration_cast<std::chrono::milliseconds>(now - start), last_seen);
    auto pause = std::chrono::duration_cast<std::chrono::nanoseconds>(poll_.interval(round));
    if (deadline - now < pause) pause = deadline - now;
    if (!clock().sleep_for(pause, cancel)) throw CancelledError(what);
  }

  void log_poll(const Instance& instance) const {
    executor_.log(LogLevel::debug, "polled instance",
                  {{"instance_id", instance.id},
                   {"status", instance.status},
                   {"enable_ssl", on_off(instance.enable_ssl)}});
  }

  Job fetch_job(const std::string& job_id, const CancelToken& cancel, Deadline deadline) {
    check_id("job", job_id);
    auto request = make_request("GET", "/jobs", deadline, cancel);
    request.query = {{"id", job_id}};
    const auto operation = "get job " + job_id + " (GET " + request.full_path() + "?id=" + job_id + ")";
    auto response = executor_.send(std::move(request), operation, deadline);
    if (!is_success(response)) throw_api_error(operation, response, "job " + job_id);
    return parse_job(operation, response);
  }

  std::optional<Instance> fetch_instance(const std::string& id, const CancelToken& cancel,
                                         Deadline deadline) {
    check_id("instance", id);
    auto request = make_request("GET", "/instances", deadline, cancel);
    request.query = {{"id", id}};
    const auto operation = "get instance " + id + " (GET " + request.full_path() + "?id=" + id + ")";
    auto response = executor_.send(std::move(request), operation, deadline);
    if (!is_success(response)) throw_api_error(operation, response);
    return parse_instance_list(operation, response, id);
  }

  // The instance, or NotFoundError when it is gone.
  Instance present_instance(const std::string& id, const CancelToken& cancel, Deadline deadline) {
    auto instance = reads_.read(id, Freshness::kFresh, deadline, cancel);
    if (!instance) throw NotFoundError("get instance " + id, "instance " + id, "");
    return *instance;
  }

  // The instance for a wait: gone means NotFoundError, a status it never leaves ends the wait.
  Instance existing_instance(const std::string& id, const CancelToken& cancel, Deadline deadline) {
    Instance instance = present_instance(id, cancel, deadline);
    if (is_stuck(instance)) throw InstanceFailedError(id, instance.status);
    return instance;
  }

  ClientConfig config_;
  PollPolicy poll_;
  std::shared_ptr<Authenticator> authenticator_;
  Executor executor_;
  ReadCoalescer reads_;
  std::mutex project_mutex_;
  std::string project_id_;  // guarded by project_mutex_; "" until found
};

}  // namespace

std::shared_ptr<RdsClient> RdsClient::create(ClientConfig config) { return create(std::move(config), {}); }

std::shared_ptr<RdsClient> RdsClient::create(ClientConfig config, Dependencies deps) {
  std::string ca_bundle_pem;
  config = validated(std::move(config), ca_bundle_pem);
  if (!deps.clock) deps.clock = system_clock();
  if (!deps.random) deps.random = default_random();
  if (!deps.transport)
    deps.transport = std::make_shared<CurlTransport>(
        TransportOptions{config.connect_timeout, config.request_timeout, config.insecure, config.cacert_file,
                         std::move(ca_bundle_pem), config.user_agent});
  if (!deps.rate_limiter)
    deps.rate_limiter = std::make_shared<RateLimiter>(deps.clock, config.max_requests_per_second);
  deps.transport = std::make_shared<RateLimitedTransport>(deps.transport, deps.rate_limiter);
  auto authenticator = make_authenticator(config, deps.transport, deps.clock);
  return std::make_shared<RdsClientImpl>(std::move(config), std::move(deps), std::move(authenticator));
}

}  // namespace rds::client
