// rds_instance_ssl's plans: the planned state, what a replacement's destroy half must know (private
// state), the one warning of a destroy or replacement, and the plan-time check of the target instance.
#include <algorithm>

#include "provider/config/region_attribute.h"
#include "provider/core/plan_rules.h"
#include "provider/logging/hclog.h"
#include "provider/resources/destroy_warnings.h"
#include "provider/resources/instance_ssl_private.h"
#include "provider/resources/instance_ssl_schema.h"
#include "provider/resources/instance_ssl_state.h"
#include "provider/resources/rds_instance_ssl.h"
#include "provider/resources/timeouts.h"
#include "provider/shared/api_diagnostics.h"
#include "provider/shared/instance_id.h"

namespace rds::resources {

using namespace rds::core;
using instance_ssl::Operation;
namespace ssl = instance_ssl;

PlanResult InstanceSslResource::plan(const PlanRequest& request) {
  PlanResult result;
  const auto prior_private =
      ssl::private_state_or_error(request.prior_private, "PlanResourceChange", result.diagnostics);
  if (!prior_private) return result;
  if (request.proposed_new_state.is_null()) {
    // A planned destroy (plan_destroy): say in the plan what it will do to SSL, and tell the apply so
    // (it says nothing more) and whether a switch the create requested may still be running.
    result.planned_state = request.proposed_new_state;
    ssl::warn_about_destroy(request.prior_state, prior_private->switch_pending, result.diagnostics);
    result.planned_private =
        ssl::encode_private(ssl::PrivateState::of_planned_destroy(prior_private->switch_pending));
    return result;
  }
  PlannedChange change =
      plan_from_schema(schema(), request.prior_state, request.proposed_new_state, request.config);
  rds::config::plan_region(*context_, request.prior_state, request.config, change);
  const bool changes = request.prior_state.is_null() || !(change.planned_state == request.prior_state);
  // id is the instance id, so it is known exactly when instance_id is (also across a replacement,
  // where the generic rules would keep the prior id).
  const Value& instance_id = change.planned_state.attr(ssl::kInstanceId);
  const bool id_known = instance_id.is_known() && !instance_id.is_null();
  result.planned_state = change.planned_state.with_attr(
      ssl::kId, instance_id.is_known() ? instance_id : Value::unknown(Type::string()));
  result.requires_replace = std::move(change.requires_replace);
  if (request.prior_state.is_null()) {
    // A new object, perhaps the create half of a replacement: the destroy half is applied with this
    // planned_private, and must know which instance the new object takes over (instance_ssl_private.h).
    result.planned_private = ssl::encode_private(
        ssl::PrivateState::of_new_object(id_known ? std::optional(instance_id.as_string()) : std::nullopt));
  } else {
    result.planned_private = ssl::encode_private(ssl::PrivateState::kept(prior_private->switch_pending));
  }
  if (!result.requires_replace.empty()) {
    ssl::warn_about_replacement(request.prior_state,
                                id_known ? std::optional(instance_id.as_string()) : std::nullopt,
                                result.diagnostics);
  }
  const std::string region = rds::config::configured_region(result.planned_state);
  rds::config::check_region_served(*context_, region, result.diagnostics);
  // A plan without a change, and one whose instance is not known yet, ask the API nothing.
  if (changes && id_known && !result.diagnostics.has_errors()) {
    // Within the operation's own timeout too: Terraform plans again at apply time, right before the
    // create or update, and that read must not stretch timeouts.create beyond what the user allowed.
    const Operation operation = request.prior_state.is_null() ? Operation::create : Operation::update;
    check_target(instance_id.as_string(), region, ssl::timeout_argument(operation),
                 std::min<std::chrono::nanoseconds>(rds::config::kReadTimeout,
                                                    ssl::timeout_for(result.planned_state, operation)),
                 request.cancel, result);
  }
  return result;
}

// Reads the instance a planned create or update targets, so that a wrong target fails the plan (in
// review, before the merge) rather than the apply, and the plan names the database it touches.
void InstanceSslResource::check_target(const std::string& instance_id, const std::string& region,
                                       const std::string& timeout_argument, std::chrono::nanoseconds limit,
                                       const rds::core::CancelToken& cancel, PlanResult& result) {
  if (!rds::shared::instance_id_problem(instance_id).empty()) return;  // validation reports a bad id
  if (!context_->client()) {
    // Terraform configures the provider before it plans; a client that did not (or a configuration not
    // known until the apply) gets a plan without the check, and is told so.
    result.diagnostics.warning(
        "RDS instance " + instance_id + " not checked",
        "The rds provider is not configured, so this plan could not read RDS instance " + instance_id +
            ": the apply checks it instead.",
        AttributePath(std::string(ssl::kInstanceId)));
    return;
  }
  auto client = rds::config::region_client(*context_, region, result.diagnostics);
  if (!client) return;
  const AttributePath path{std::string(ssl::kInstanceId)};
  const auto deadline =
      client->clock().now() + std::chrono::duration_cast<rds::client::Deadline::duration>(limit);
  try {
    rds::logging::debug("reading RDS instance for the plan", {{"instance_id", instance_id}});
    const auto instance = client->get_instance(instance_id, deadline, context_->operation_token(cancel));
    if (!instance) {
      bool vanished;
      {
        std::lock_guard lock(vanished_mutex_);
        vanished = vanished_.contains(instance_id);
      }
      if (vanished) {
        result.diagnostics.error(
            "RDS instance " + instance_id + " was deleted outside Terraform",
            "This rds_instance_ssl was in the state, and the refresh found that RDS instance " + instance_id +
                " no longer exists (GET /v3/{project_id}/instances?id=" + instance_id +
                " returned none), so there is no SSL setting left to manage. Remove the rds_instance_ssl "
                "block "
                "from the configuration, or run terraform state rm on it, or set instance_id to the instance "
                "that replaced it.",
            path);
        return;
      }
      result.diagnostics.error("RDS instance " + instance_id + " does not exist",
                               "No RDS instance with ID " + instance_id +
                                   " exists in this project (GET /v3/{project_id}/instances?id=" +
                                   instance_id + " returned none). Check instance_id, project_id and region.",
                               path);
      return;
    }
    if (!rds::client::supports_ssl(*instance)) {
      result.diagnostics.error("RDS instance " + instance_id + " is not MySQL",
                               "RDS instance " + instance_id +
                                   (instance->name.empty() ? "" : " (" + instance->name + ")") + " runs " +
                                   instance->engine + " " + instance->engine_version +
                                   "; the RDS API configures SSL on MySQL instances only.",
                               path);
      return;
    }
    if (rds::client::is_stuck(*instance)) {
      // A status the instance never leaves by itself: the apply would fail at once, so the plan does.
      result.diagnostics.error(
          "RDS instance " + instance_id + " is " + instance->status,
          "RDS instance " + instance_id + (instance->name.empty() ? "" : " (" + instance->name + ")") +
              " has status " + instance->status +
              ", which it does not leave by itself, so its SSL setting cannot be changed. Bring the instance "
              "back (e.g. start it, or settle the account) and plan again.",
          path);
      return;
    }
    // A busy instance is fine here: the apply waits for it. Facts the plan already knows (an update
    // keeps those of the state refreshed just before) stay: Terraform plans again at apply time, and a
    // value known in the first plan must be the same then, even if the instance was renamed meanwhile.
    result.planned_state = ssl::with_facts(
        result.planned_state, ssl::known_facts_or(result.planned_state, ssl::facts_of(*instance)));
  } catch (const std::exception& error) {
    // When the operation's timeout is what bounded this read, say so (it is below the refresh limit).
    const bool bounded_by_timeout = limit < rds::config::kReadTimeout;
    rds::shared::add_api_error(
        result.diagnostics, "Cannot read RDS instance " + instance_id + " for the plan", error,
        rds::shared::ErrorContext{
            .timeout_argument = bounded_by_timeout ? timeout_argument : "",
            .deadline_passed = client->clock().now() + std::chrono::seconds(1) >= deadline});
  }
}

}  // namespace rds::resources
