#include "provider/resources/ssl_convergence.h"

#include "provider/logging/hclog.h"
#include "provider/shared/api_diagnostics.h"

namespace rds::resources {
namespace {

using rds::logging::debug;

std::string on_off(bool enabled) { return enabled ? "true" : "false"; }

std::string failure_summary(const ConvergeRequest& request) {
  return std::string(request.wanted ? "Cannot enable" : "Cannot disable") + " SSL on RDS instance " +
         request.instance_id;
}

void warn_ssl_not_reported(const ConvergeRequest& request, rds::core::Diagnostics& diags) {
  diags.warning(
      "RDS instance " + request.instance_id + " does not report enable_ssl",
      "The RDS API's answer for instance " + request.instance_id +
          " has no enable_ssl field, so the provider cannot confirm that SSL is " +
          (request.wanted ? "enabled" : "disabled") +
          ". The switch was requested and the instance is ACTIVE; check the setting in the console.");
}

rds::shared::ErrorContext context(rds::client::RdsClient& client, const ConvergeRequest& request,
                                  const ConvergeOutcome& outcome) {
  // Within a second of the deadline the operation could not go on either: the client gives every
  // transfer at least a second, and a transfer cut by the deadline ends a few milliseconds before it.
  return rds::shared::ErrorContext{
      .timeout_argument = request.timeout_argument,
      .deadline_passed = client.clock().now() + std::chrono::seconds(1) >= request.deadline,
      .switch_requested = outcome.change_requested};
}

}  // namespace

ConvergeOutcome converge_ssl(rds::client::RdsClient& client, const ConvergeRequest& request,
                             rds::core::Diagnostics& diags) {
  ConvergeOutcome outcome;
  const std::string& id = request.instance_id;
  if (id.empty()) {
    // Never ask the API with an empty id: GET /instances?id= would list every instance of the project.
    outcome.instance_missing = true;
    outcome.succeeded = request.nothing_to_do_if_missing;
    if (!outcome.succeeded) diags.error(failure_summary(request), "instance_id is empty.");
    return outcome;
  }
  rds::client::SslChange change;
  change.switch_may_be_running = request.switch_may_be_running;
  // What the last read or the switch told, also when a step below throws.
  auto remember = [&] {
    outcome.change_requested = change.put_sent || change.accepted;
    if (change.last_read) {
      outcome.instance = change.last_read;
      outcome.last_seen = change.last_read->enable_ssl;
      outcome.ssl_reported = change.last_read->enable_ssl.has_value();
    }
  };
  try {
    debug("bringing SSL to the wanted value", {{"instance_id", id}, {"enable_ssl", on_off(request.wanted)}});
    client.set_ssl(id, request.wanted, request.deadline, request.cancel, change);
    remember();
    if (!change.accepted) {
      debug("SSL already has the wanted value; no change sent",
            {{"instance_id", id}, {"enable_ssl", on_off(request.wanted)}});
      outcome.succeeded = true;
      return outcome;
    }
    if (change.job_id) {
      debug("waiting for SSL job", {{"instance_id", id}, {"job_id", *change.job_id}});
      client.wait_until_job_done(*change.job_id, request.deadline, request.cancel);
    }
    debug("waiting until the API reports the SSL setting",
          {{"instance_id", id}, {"enable_ssl", on_off(request.wanted)}});
    const rds::client::Instance done =
        client.wait_until_ssl(id, request.wanted, request.deadline, request.cancel);
    outcome.instance = done;
    outcome.last_seen = done.enable_ssl;
    outcome.ssl_reported = done.enable_ssl.has_value();
    if (!outcome.ssl_reported) warn_ssl_not_reported(request, diags);
    debug("SSL setting done", {{"instance_id", id}, {"enable_ssl", on_off(request.wanted)}});
    outcome.succeeded = true;
  } catch (const rds::client::NotFoundError& error) {
    remember();
    outcome.instance_missing = true;
    if (request.nothing_to_do_if_missing && !outcome.change_requested) {
      debug("RDS instance does not exist; nothing to change", {{"instance_id", id}});
      outcome.succeeded = true;
    } else if (error.http_status() == 0) {
      diags.error(failure_summary(request),
                  "RDS instance " + id +
                      " does not exist in this project (GET /v3/{project_id}/instances?id=" + id +
                      " returned no instance). Check instance_id, project_id and region.");
    } else {
      rds::shared::add_api_error(diags, failure_summary(request), error, context(client, request, outcome));
    }
  } catch (const rds::client::UnsupportedEngineError& error) {
    remember();
    if (request.nothing_to_do_if_missing) {
      outcome.succeeded = true;  // destroy: an engine without SSL support has no SSL to turn off
    } else {
      const auto& instance = *change.last_read;
      diags.error(failure_summary(request),
                  "RDS instance " + id + " runs " + instance.engine + " " + instance.engine_version +
                      ", but the RDS API supports configuring SSL on MySQL instances only.");
    }
  } catch (const std::exception& error) {
    remember();
    rds::shared::add_api_error(diags, failure_summary(request), error, context(client, request, outcome));
  }
  return outcome;
}

}  // namespace rds::resources
