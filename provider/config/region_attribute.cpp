#include "provider/config/region_attribute.h"

#include <algorithm>

#include "client/endpoints.h"
#include "provider/shared/instance_id.h"

namespace rds::config {
namespace {

using rds::core::AttributePath;
using rds::core::Diagnostics;
using rds::core::Type;
using rds::core::Value;

void error_at_region(const std::string& region, const std::string& detail, Diagnostics& diags) {
  diags.error("Cannot use region " + rds::shared::quote_for_message(region), detail,
              AttributePath(std::string(kRegion)));
}

}  // namespace

rds::core::Attribute region_attribute(bool replaces) {
  const std::string tail = replaces ? " Changing it forces a new resource." : "";
  rds::core::Attribute attribute = rds::core::described(
      kRegion, Type::string(),
      "The region whose API and project the calls go to, e.g. \"eu-nl\". Default: the provider's region." +
          tail,
      "The region whose API and project the calls go to, e.g. `\"eu-nl\"`. Default: the provider's "
      "`region`." +
          tail);
  attribute.optional = true;
  attribute.computed = true;
  return attribute;
}

void check_region_attribute(const Value& config, Diagnostics& diags) {
  if (config.is_null() || !config.is_known()) return;
  const Value& region = config.attr(kRegion);
  if (region.is_null() || !region.is_known()) return;
  const std::string problem = rds::client::region_problem(region.as_string());
  if (problem.empty()) return;
  diags.error("Invalid region",
              "region is " + rds::shared::quote_for_message(region.as_string()) + ", which " + problem +
                  ". Give the region's name, e.g. \"eu-de\" or \"eu-nl\": the provider builds the API's host "
                  "name from it.",
              AttributePath(std::string(kRegion)));
}

std::string configured_region(const Value& config) {
  if (config.is_null() || !config.is_known()) return "";
  const Value& region = config.attr(kRegion);
  return region.is_null() || !region.is_known() ? "" : region.as_string();
}

Value effective_region(const ProviderContext& context, const std::string& region) {
  if (!region.empty()) return Value::string(region);
  const auto regions = context.regions();
  if (!regions || regions->provider_region().empty()) return Value::null(Type::string());
  return Value::string(regions->provider_region());
}

std::shared_ptr<rds::client::RdsClient> region_client(const ProviderContext& context,
                                                      const std::string& region, Diagnostics& diags) {
  auto home = context.configured_client(diags);
  if (!home || region.empty()) return home;
  const auto regions = context.regions();
  if (!regions) {
    error_at_region(region, "This provider's client serves its own region only.", diags);
    return nullptr;
  }
  try {
    return regions->client(region);
  } catch (const std::exception& error) {
    error_at_region(region, error.what(), diags);
    return nullptr;
  }
}

void check_region_served(const ProviderContext& context, const std::string& region, Diagnostics& diags) {
  if (region.empty()) return;
  const auto regions = context.regions();
  if (!regions) return;
  if (const std::string problem = regions->problem(region); !problem.empty())
    error_at_region(region, problem, diags);
}

void plan_region(const ProviderContext& context, const Value& prior, const Value& config,
                 rds::core::PlannedChange& change) {
  const AttributePath path{std::string(kRegion)};
  auto& replace = change.requires_replace;
  replace.erase(std::remove(replace.begin(), replace.end(), path), replace.end());
  if (change.planned_state.is_null() || !change.planned_state.is_known()) return;
  const Value configured =
      config.is_null() || !config.is_known() ? Value::unknown(Type::string()) : config.attr(kRegion);
  const Value provider_region =
      context.regions() ? effective_region(context, "") : Value::unknown(Type::string());
  const bool exists = !prior.is_null() && prior.is_known();
  Value planned = configured;
  if (configured.is_null()) planned = exists ? prior.attr(kRegion) : provider_region;
  if (exists && !configured.is_null()) {
    const Value& prior_region = prior.attr(kRegion);
    const Value& was = prior_region.is_null() ? provider_region : prior_region;
    if (!configured.is_known() || !(configured == was)) replace.push_back(path);
  }
  change.planned_state = change.planned_state.with_attr(kRegion, planned);
}

}  // namespace rds::config
