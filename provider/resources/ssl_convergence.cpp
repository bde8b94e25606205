#include "provider/resources/ssl_convergence.h"

#include "provider/logging/hclog.h"
#include "provider/resources/api_diagnostics.h"

namespace rds::resources {
namespace {

using rds::logging::debug;

std::string on_off(bool enabled) { return enabled ? "true" : "false"; }

std::string failure_summary(const ConvergeRequest& request) {
  return std::string(request.wanted ? "Cannot enable" : "Cannot disable") + " SSL on RDS instance " +
         request.instance_id;
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
  try {
    debug("reading RDS instance", {{"instance_id", id}});
    std::optional<rds::client::Instance> instance = client.get_instance(id, request.cancel);
    if (!instance) {
      outcome.instance_missing = true;
      if (request.nothing_to_do_if_missing) {
        debug("RDS instance does not exist; nothing to change", {{"instance_id", id}});
        outcome.succeeded = true;
      } else {
        diags.error(failure_summary(request),
                    "RDS instance " + id +
                        " does not exist in this project (GET /v3/{project_id}/instances?id=" + id +
                        " returned no instance). Check instance_id, project_id and region.");
      }
      return outcome;
    }
    outcome.last_seen = instance->enable_ssl;
    if (!rds::client::supports_ssl(*instance)) {
      if (request.nothing_to_do_if_missing) {
        outcome.succeeded = true;
      } else {
        diags.error(failure_summary(request),
                    "RDS instance " + id + " runs " + instance->engine + " " + instance->engine_version +
                        ", but the RDS API supports configuring SSL on MySQL instances only.");
      }
      return outcome;
    }
    if (!rds::client::is_ready(*instance)) {
      debug("waiting for RDS instance to become ACTIVE", {{"instance_id", id}, {"status", instance->status}});
      *instance = client.wait_until_ready(id, request.deadline, request.cancel);
      outcome.last_seen = instance->enable_ssl;
    }
    if (instance->enable_ssl == request.wanted) {
      debug("SSL already has the wanted value; no change sent",
            {{"instance_id", id}, {"enable_ssl", on_off(request.wanted)}});
      outcome.succeeded = true;
      return outcome;
    }
    debug("setting SSL", {{"instance_id", id}, {"ssl_option", on_off(request.wanted)}});
    const std::optional<std::string> job =
        client.set_ssl(id, request.wanted, request.deadline, request.cancel);
    outcome.change_requested = true;
    if (job) {
      debug("waiting for SSL job", {{"instance_id", id}, {"job_id", *job}});
      client.wait_until_job_done(*job, request.deadline, request.cancel);
    }
    debug("waiting until the API reports the SSL setting",
          {{"instance_id", id}, {"enable_ssl", on_off(request.wanted)}});
    const rds::client::Instance done =
        client.wait_until_ssl(id, request.wanted, request.deadline, request.cancel);
    outcome.last_seen = done.enable_ssl;
    debug("SSL setting done", {{"instance_id", id}, {"enable_ssl", on_off(request.wanted)}});
    outcome.succeeded = true;
  } catch (const rds::client::NotFoundError& error) {
    outcome.instance_missing = true;
    if (request.nothing_to_do_if_missing && !outcome.change_requested) {
      outcome.succeeded = true;
    } else {
      add_api_error(diags, failure_summary(request), error, request.timeout_argument);
    }
  } catch (const std::exception& error) {
    add_api_error(diags, failure_summary(request), error, request.timeout_argument);
  }
  return outcome;
}

}  // namespace rds::resources
