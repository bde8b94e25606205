#pragma once
// The private state of rds_instance_ssl: what a plan tells the apply of the same change, and what a
// create that never completed tells later plans, beside the state Terraform shows.
//
// Why it is needed (hashicorp/terraform v1.11.4, internal/terraform and internal/plans):
// - Terraform plans the new object of every replacement (tainted, -replace, requires_replace) as a create
//   (null prior state), and applies the destroy half of the replacement with the `planned_private` of
//   that create plan (plans.Changes.Simplify keeps rc.Private for the Delete half). So the create plan
//   names the instance the new object will manage (`successor`), and the destroy half leaves SSL alone
//   when that is its own instance: switching it off would only have the create switch it on again.
// - A pure destroy is planned (plan_destroy) with the object's own private and applied with that plan's
//   `planned_private`: the plan warns once (`destroy_planned`, so the apply does not warn again) and
//   passes on whether a switch the create requested may still be running (`switch_pending`).

#include <optional>
#include <string>

#include "provider/core/diagnostics.h"

namespace rds::resources::instance_ssl {

struct PrivateState {
  // Set by the plan of a new object: the instance whose SSL it will manage.
  std::optional<std::string> successor;
  // Set by the plan of a pure destroy: the user has seen what the destroy does to SSL.
  bool destroy_planned = false;
  // A create sent its switch and stopped before the API showed the result (timed out, interrupted): that
  // switch may still be running, so an enable_ssl that already reads as wanted proves nothing.
  // Stored as "create_incomplete", the key earlier releases wrote, so their tainted objects keep it.
  bool switch_pending = false;

  bool operator==(const PrivateState&) const = default;

  // The private state of a new object's plan: the instance it takes over (unknown: none).
  static PrivateState of_new_object(std::optional<std::string> successor) {
    PrivateState state;
    state.successor = std::move(successor);
    return state;
  }
  // The private state of a pure destroy's plan.
  static PrivateState of_planned_destroy(bool switch_pending) {
    PrivateState state;
    state.destroy_planned = true;
    state.switch_pending = switch_pending;
    return state;
  }
  // What an object keeps between runs: only whether a switch it requested may still be running.
  static PrivateState kept(bool switch_pending) {
    PrivateState state;
    state.switch_pending = switch_pending;
    return state;
  }
};

// Bytes for Terraform; empty when nothing is set.
std::string encode_private(const PrivateState& state);

struct DecodedPrivate {
  PrivateState state;
  std::string problem;  // non-empty when the bytes are not a private state this provider wrote
};
// Never throws: keys it does not know are ignored (a newer or older provider may have written them);
// a known key with a value of the wrong type, or bytes that are not a JSON object, is a problem.
DecodedPrivate decode_private(const std::string& bytes);

// The private state Terraform handed back to `call` ("PlanResourceChange"), or nullopt after adding an
// error naming the call when it is not one this provider wrote (nothing else writes it, so that is a
// damaged state file).
std::optional<PrivateState> private_state_or_error(const std::string& bytes, const std::string& call,
                                                   rds::core::Diagnostics& diags);

}  // namespace rds::resources::instance_ssl
