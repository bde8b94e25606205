#include "provider/resources/rds_instance_ssl.h"

#include "client/endpoints.h"
#include "provider/config/region_attribute.h"
#include "provider/core/json.h"
#include "provider/logging/hclog.h"
#include "provider/resources/destroy_warnings.h"
#include "provider/resources/instance_ssl_private.h"
#include "provider/resources/instance_ssl_schema.h"
#include "provider/resources/instance_ssl_state.h"
#include "provider/resources/ssl_convergence.h"
#include "provider/resources/timeouts.h"
#include "provider/shared/api_diagnostics.h"
#include "provider/shared/instance_id.h"

namespace rds::resources {
namespace {

using namespace rds::core;
using instance_ssl::Operation;
namespace ssl = instance_ssl;

// The deadline for a refresh or an import, which have no timeouts argument.
rds::client::Deadline read_deadline(rds::client::RdsClient& client) {
  return client.clock().now() + rds::config::kReadTimeout;
}

// The deadline of `operation` on the client's clock, so the client's waits measure the same time.
rds::client::Deadline deadline_for(rds::client::RdsClient& client, const Value& resource,
                                   Operation operation) {
  return client.clock().now() +
         std::chrono::duration_cast<rds::client::Deadline::duration>(ssl::timeout_for(resource, operation));
}

// `state` with the region a plan left unknown (the provider was not configured then) filled in: the
// provider's, whose client the apply used.
Value with_planned_region(const Value& state, const Value& planned,
                          const rds::config::ProviderContext& context) {
  return planned.attr(rds::config::kRegion).is_known()
             ? state
             : state.with_attr(rds::config::kRegion, rds::config::effective_region(context, ""));
}

}  // namespace

InstanceSslResource::InstanceSslResource(std::shared_ptr<rds::config::ProviderContext> context)
    : context_(std::move(context)) {}

std::string InstanceSslResource::type_name() const { return std::string(ssl::kTypeName); }

const Schema& InstanceSslResource::schema() const { return ssl::schema(); }

Diagnostics InstanceSslResource::validate(const Value& config) {
  Diagnostics diags;
  if (config.is_null() || !config.is_known()) return diags;
  rds::shared::check_instance_id(config.attr(ssl::kInstanceId), std::string(ssl::kInstanceId),
                                 "an RDS for MySQL instance", diags);
  ssl::validate_timeouts(config, diags);
  rds::config::check_region_attribute(config, diags);
  return diags;
}

ApplyResult InstanceSslResource::apply(const ApplyRequest& request) {
  if (request.planned_state.is_null()) return destroy(request);
  return create_or_update(request);
}

ApplyResult InstanceSslResource::create_or_update(const ApplyRequest& request) {
  const bool creating = request.prior_state.is_null();
  const Operation operation = creating ? Operation::create : Operation::update;
  const Value& planned = request.planned_state;
  ApplyResult result;
  result.new_state = request.prior_state;  // until something is known to have changed
  result.private_state = request.planned_private;
  const auto planned_private =
      ssl::private_state_or_error(request.planned_private, "ApplyResourceChange", result.diagnostics);
  if (!planned_private) return result;

  auto client =
      rds::config::region_client(*context_, rds::config::configured_region(planned), result.diagnostics);
  if (!client) return result;
  ConvergeRequest converge;
  converge.instance_id = ssl::instance_id_of(planned);
  converge.wanted = planned.attr(ssl::kSslEnable).as_bool();
  converge.deadline = deadline_for(*client, planned, operation);
  converge.cancel = context_->operation_token(request.cancel);
  converge.timeout_argument = ssl::timeout_argument(operation);
  converge.switch_may_be_running = planned_private->switch_pending;
  rds::logging::debug(creating ? "creating rds_instance_ssl" : "updating rds_instance_ssl",
                      {{"instance_id", converge.instance_id}});

  const ConvergeOutcome outcome = converge_ssl(*client, converge, result.diagnostics);
  // The planned instance_name/engine/engine_version stay as planned even if they changed since (a
  // renamed instance): Terraform requires the planned values; the next refresh brings the new ones.
  const ssl::InstanceFacts facts = ssl::known_facts_or(
      planned, outcome.instance ? ssl::facts_of(*outcome.instance) : ssl::InstanceFacts{});
  // What the object keeps beside its state: only whether a switch it requested may still be running (the
  // plan's successor is for the destroy half of this apply, never for later runs).
  result.private_state = ssl::encode_private(ssl::PrivateState::kept(
      !outcome.succeeded && (outcome.change_requested || planned_private->switch_pending)));
  if (outcome.succeeded) {
    // What the API now reports (the waits only return once it equals the wanted value; an API that
    // does not report enable_ssl at all leaves the wanted value as the best knowledge).
    result.new_state =
        with_planned_region(ssl::state_from_api(converge.instance_id,
                                                outcome.last_seen.value_or(converge.wanted), planned, facts),
                            planned, *context_);
    return result;
  }
  // Nothing lost. A create whose change reached the API returns the state it knows, so Terraform
  // records (and taints) the resource; before that, nothing exists to record. A failed update keeps
  // the prior state, with SSL as last read.
  if (creating) {
    if (outcome.change_requested) {
      result.new_state = with_planned_region(
          ssl::state_from_api(converge.instance_id, outcome.last_seen.value_or(!converge.wanted), planned,
                              facts),
          planned, *context_);
    }
  } else if (outcome.last_seen) {
    result.new_state = request.prior_state.with_attr(ssl::kSslEnable, Value::boolean(*outcome.last_seen));
  }
  return result;
}

ApplyResult InstanceSslResource::destroy(const ApplyRequest& request) {
  const Value& prior = request.prior_state;
  const std::string instance_id = ssl::instance_id_of(prior);
  ApplyResult result;
  result.new_state = Value::null(schema().value_type());
  const auto handover =
      ssl::private_state_or_error(request.planned_private, "ApplyResourceChange", result.diagnostics);
  if (!handover) {
    result.new_state = prior;
    result.private_state = request.planned_private;
    return result;
  }
  if (handover->successor == instance_id) {
    // The destroy half of a replacement whose new object manages the same instance: switching SSL off
    // here would only have the create switch it on again (a flap on a live database).
    rds::logging::debug("the replacement manages SSL on this instance: the destroy half leaves it as it is",
                        {{"instance_id", instance_id}});
    return result;
  }
  // The plan of this destroy warned already (plan_destroy), and so did that of a replacement. Terraform
  // before 1.3 applies destroys it never planned: then this is the only place to say it.
  if (!handover->destroy_planned && !handover->successor) {
    ssl::warn_about_destroy(prior, handover->switch_pending, result.diagnostics);
  }
  if (!ssl::disable_on_destroy(prior)) {
    rds::logging::debug("destroy leaves SSL as it is", {{"instance_id", instance_id}});
    return result;
  }

  auto client =
      rds::config::region_client(*context_, rds::config::configured_region(prior), result.diagnostics);
  if (!client) {
    result.new_state = prior;
    return result;
  }
  ConvergeRequest converge;
  converge.instance_id = instance_id;
  converge.wanted = false;
  converge.deadline = deadline_for(*client, prior, Operation::destroy);
  converge.cancel = context_->operation_token(request.cancel);
  converge.nothing_to_do_if_missing = true;
  converge.timeout_argument = ssl::timeout_argument(Operation::destroy);
  converge.switch_may_be_running = handover->switch_pending;
  rds::logging::debug("destroying rds_instance_ssl: turning SSL off", {{"instance_id", instance_id}});

  const ConvergeOutcome outcome = converge_ssl(*client, converge, result.diagnostics);
  if (!outcome.succeeded) {
    // Keep the resource in the state so a rerun finishes the job.
    result.new_state =
        outcome.last_seen ? prior.with_attr(ssl::kSslEnable, Value::boolean(*outcome.last_seen)) : prior;
    result.private_state =
        ssl::encode_private(ssl::PrivateState::kept(outcome.change_requested || handover->switch_pending));
  }
  return result;
}

ReadResult InstanceSslResource::read(const ReadRequest& request) {
  ReadResult result;
  result.new_state = request.current_state;
  result.private_state = request.private_state;
  if (request.current_state.is_null()) return result;
  auto client = rds::config::region_client(*context_, rds::config::configured_region(request.current_state),
                                           result.diagnostics);
  if (!client) return result;

  const std::string instance_id = ssl::instance_id_of(request.current_state);
  if (instance_id.empty()) {
    // Never ask the API with an empty id: GET /instances?id= would list every instance of the project.
    result.diagnostics.error("Cannot read rds_instance_ssl", "The state has no instance_id to look up.");
    return result;
  }
  const rds::client::Deadline deadline = read_deadline(*client);
  try {
    rds::logging::debug("reading RDS instance", {{"instance_id", instance_id}});
    const auto instance =
        client->get_instance(instance_id, deadline, context_->operation_token(request.cancel),
                             rds::client::Freshness::kRecentList);  // a refresh may share a recent list
    if (!instance) {
      rds::logging::debug("RDS instance is gone; removing it from the state", {{"instance_id", instance_id}});
      std::lock_guard lock(vanished_mutex_);
      vanished_.insert(instance_id);
      result.new_state = Value::null(schema().value_type());
      return result;
    }
    // An API that does not report enable_ssl tells nothing new: keep what the state says, and say so.
    if (!instance->enable_ssl) {
      result.diagnostics.warning("RDS instance " + instance_id + " does not report enable_ssl",
                                 "The RDS API's answer for instance " + instance_id +
                                     " has no enable_ssl field, so the refresh cannot see the SSL setting; "
                                     "the state keeps what it had.");
    }
    const bool ssl_enable =
        instance->enable_ssl.value_or(request.current_state.get_bool(ssl::kSslEnable).value_or(false));
    result.new_state =
        ssl::state_from_api(instance_id, ssl_enable, request.current_state, ssl::facts_of(*instance));
    // A state written before region existed has none: it is in the provider's region, and says so now.
    if (result.new_state.attr(rds::config::kRegion).is_null())
      result.new_state =
          result.new_state.with_attr(rds::config::kRegion, rds::config::effective_region(*context_, ""));
  } catch (const std::exception& error) {
    rds::shared::add_api_error(
        result.diagnostics, "Cannot read RDS instance " + instance_id, error,
        rds::shared::ErrorContext{.timeout_argument = "",
                                  .deadline_passed = client->clock().now() >= deadline});
  }
  return result;
}

ImportResult InstanceSslResource::import_state(const ImportRequest& request) {
  ImportResult result;
  std::string id = request.id;
  id.erase(0, id.find_first_not_of(" \t\r\n"));
  id.erase(id.find_last_not_of(" \t\r\n") + 1);
  // "eu-nl/ID" imports from another region: instance ids never hold a slash, so the split is unambiguous.
  std::string region;
  if (const auto slash = id.find('/'); slash != std::string::npos) {
    region = id.substr(0, slash);
    id.erase(0, slash + 1);
    if (const std::string problem = rds::client::region_problem(region); !problem.empty()) {
      result.diagnostics.error("Cannot import rds_instance_ssl",
                               "The import ID is REGION/INSTANCE_ID or INSTANCE_ID, got " +
                                   rds::shared::quote_for_message(request.id) + ": the region " + problem +
                                   ".");
      return result;
    }
  }
  if (const std::string problem = rds::shared::instance_id_problem(id); !problem.empty()) {
    result.diagnostics.error("Cannot import rds_instance_ssl",
                             "The import ID must be the ID of an RDS for MySQL instance, got " +
                                 rds::shared::quote_for_message(request.id) + ": " + problem + ".");
    return result;
  }
  auto client = rds::config::region_client(*context_, region, result.diagnostics);
  if (!client) return result;
  const std::string summary = "Cannot import rds_instance_ssl for RDS instance " + id;
  try {
    rds::logging::debug("importing RDS instance", {{"instance_id", id}});
    const auto instance =
        client->get_instance(id, read_deadline(*client), context_->operation_token(request.cancel));
    if (!instance) {
      result.diagnostics.error(summary, "RDS instance " + id + " does not exist in this project.");
      return result;
    }
    if (!rds::client::supports_ssl(*instance)) {
      result.diagnostics.error(summary, "RDS instance " + id + " runs " + instance->engine + " " +
                                            instance->engine_version +
                                            "; rds_instance_ssl manages MySQL instances only.");
      return result;
    }
    if (!instance->enable_ssl) {
      result.diagnostics.error(summary, "The RDS API does not report enable_ssl for instance " + id +
                                            ", so its SSL setting cannot be imported.");
      return result;
    }
    result.imported.push_back(
        {type_name(),
         ssl::state_from_api(id, *instance->enable_ssl, Value::null(schema().value_type()),
                             ssl::facts_of(*instance))
             .with_attr(rds::config::kRegion, rds::config::effective_region(*context_, region)),
         ""});
  } catch (const std::exception& error) {
    rds::shared::add_api_error(result.diagnostics, summary, error);
  }
  return result;
}

UpgradeResult InstanceSslResource::upgrade_state(const UpgradeRequest& request) {
  UpgradeResult result;
  if (request.version < 0) {
    result.diagnostics.error("Cannot upgrade rds_instance_ssl state",
                             "The state has schema version " + std::to_string(request.version) +
                                 ", which no provider writes: versions start at 0.");
    return result;
  }
  if (request.version > schema().version) {
    result.diagnostics.error("Cannot upgrade rds_instance_ssl state",
                             "The state was written with schema version " + std::to_string(request.version) +
                                 " by a newer provider; this provider knows version " +
                                 std::to_string(schema().version) + ". Use the newer provider.");
    return result;
  }
  try {
    Value state = decode_state_json(request.raw_state_json, schema().value_type());
    if (state.is_null()) {
      result.upgraded_state = state;
      return result;
    }
    if (ssl::instance_id_of(state).empty()) {
      result.diagnostics.error(
          "Cannot upgrade rds_instance_ssl state",
          "The stored state has neither instance_id nor id, so it names no RDS instance. "
          "Remove it with terraform state rm and import the instance.");
      return result;
    }
    // Version 0 states from before an attribute existed leave it null; fill what the schema promises.
    if (state.attr(ssl::kDisableOnDestroy).is_null()) {
      state = state.with_attr(ssl::kDisableOnDestroy, Value::boolean(false));
    }
    // No state before version 3 had a region argument: whatever an old build stored under that name
    // is not the region this resource is in.
    if (request.version < 3) state = state.with_attr(rds::config::kRegion, Value::null(Type::string()));
    // Version 2 states show the instance's name as `name` too.
    if (state.attr(ssl::kName).is_null()) state = state.with_attr(ssl::kName, state.attr(ssl::kInstanceName));
    const std::string instance_id = ssl::instance_id_of(state);
    if (state.attr(ssl::kId).is_null() && !instance_id.empty()) {
      state = state.with_attr(ssl::kId, Value::string(instance_id));
    }
    result.upgraded_state = state;
  } catch (const std::exception& error) {
    result.diagnostics.error(
        "Cannot upgrade rds_instance_ssl state",
        std::string("The stored state is not valid JSON of this resource: ") + error.what());
  }
  return result;
}

}  // namespace rds::resources
