#include "provider/resources/destroy_warnings.h"

#include "provider/resources/instance_ssl_schema.h"
#include "provider/resources/instance_ssl_state.h"

namespace rds::resources::instance_ssl {
namespace {

using rds::core::Diagnostics;
using rds::core::Value;

// "RDS instance a1b2... (orders)"
std::string instance_of(const Value& prior) {
  const std::string id = instance_id_of(prior);
  const auto name = prior.get_string(kInstanceName);
  return "RDS instance " + id + (name && !name->empty() ? " (" + *name + ")" : "");
}

// The warning for an object that goes and whose instance is no longer managed by this resource.
// `verb` is "Destroying" or "Replacing"; `why` is the sentence that explains the replacement, if any.
void warn_about_leaving(const Value& prior, bool switch_pending, const std::string& verb,
                        const std::string& why, Diagnostics& diags) {
  const std::string instance = instance_of(prior);
  const bool ssl_on = prior.get_bool(kSslEnable).value_or(false);
  if (disable_on_destroy(prior) && (ssl_on || switch_pending)) {
    diags.warning(
        verb + " rds_instance_ssl turns SSL off on " + instance,
        why + "disable_on_destroy is true: applying this plan switches SSL off on " + instance +
            " and waits until the API shows it off. Clients that require TLS will fail to connect." +
            (switch_pending ? " The create that recorded this object requested a switch that may "
                              "still be running; the destroy waits for it to end, then switches SSL "
                              "off."
                            : ""));
    return;
  }
  if (disable_on_destroy(prior)) {
    diags.warning(
        verb + " rds_instance_ssl leaves SSL off on " + instance,
        why + "SSL on " + instance +
            " was disabled at the last refresh, so the destroy switches nothing unless SSL has been "
            "turned on since (disable_on_destroy is true).");
    return;
  }
  diags.warning(verb + " rds_instance_ssl leaves SSL as it is on " + instance,
                why + verb + " only removes this rds_instance_ssl from the Terraform state: SSL on " +
                    instance + " stays " +
                    (ssl_on ? "enabled. Set disable_on_destroy = true to turn it off." : "disabled."));
}

}  // namespace

void warn_about_destroy(const Value& prior, bool switch_pending, Diagnostics& diags) {
  if (prior.is_null() || !prior.is_known()) return;
  warn_about_leaving(prior, switch_pending, "Destroying", "", diags);
}

void warn_about_replacement(const Value& prior, const std::optional<std::string>& new_instance_id,
                            Diagnostics& diags) {
  if (prior.is_null() || !prior.is_known()) return;
  const std::string old_id = instance_id_of(prior);
  if (new_instance_id && *new_instance_id == old_id) {
    diags.warning(
        "Replacing rds_instance_ssl keeps SSL as configured on " + instance_of(prior),
        "The new rds_instance_ssl manages the same instance, so the destroy half of this replacement "
        "switches nothing, whatever disable_on_destroy says; the new object then sets ssl_enable.");
    return;
  }
  const std::string why =
      new_instance_id ? "The new rds_instance_ssl manages RDS instance " + *new_instance_id + ". "
                      : "The new instance_id is known only during the apply, so this plan treats it as "
                        "another instance. ";
  warn_about_leaving(prior, /*switch_pending=*/false, "Replacing", why, diags);
}

}  // namespace rds::resources::instance_ssl
