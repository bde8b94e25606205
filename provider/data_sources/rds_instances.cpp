#include "provider/data_sources/rds_instances.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>

#include "provider/config/region_attribute.h"
#include "provider/data_sources/data_source_read.h"
#include "provider/data_sources/instance_fields.h"
#include "provider/data_sources/instances_schema.h"
#include "provider/logging/hclog.h"
#include "provider/shared/api_diagnostics.h"
#include "provider/shared/instance_id.h"

namespace rds::data_sources {
namespace {

using namespace rds::core;
namespace fields = instance_fields;

// Name, then id: the API's order may change between reads (new instances, other sort keys), and a list
// that reorders itself would show as a change in every plan that uses it.
void sort_for_stable_plans(std::vector<rds::client::Instance>& found) {
  std::sort(found.begin(), found.end(),
            [](const auto& a, const auto& b) { return a.name != b.name ? a.name < b.name : a.id < b.id; });
}

// `name`, when known and not empty, must be one of `allowed` (in any case, as the API takes them).
void check_one_of(const Value& config, std::string_view name, std::initializer_list<std::string_view> allowed,
                  Diagnostics& diags) {
  const Value& value = config.attr(name);
  if (!value.is_known() || value.is_null() || value.as_string().empty()) return;
  const std::string& given = value.as_string();
  auto same = [&](std::string_view candidate) {
    return std::equal(given.begin(), given.end(), candidate.begin(), candidate.end(), [](char a, char b) {
      return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
    });
  };
  if (std::any_of(allowed.begin(), allowed.end(), same)) return;
  std::string list;
  for (const auto candidate : allowed) list += (list.empty() ? "" : ", ") + std::string(candidate);
  diags.error("Unknown " + std::string(name),
              std::string(name) + " must be one of " + list + " (any case), got " +
                  rds::shared::quote_for_message(given) + ".",
              AttributePath(std::string(name)));
}

}  // namespace

InstancesDataSource::InstancesDataSource(std::shared_ptr<rds::config::ProviderContext> context)
    : context_(std::move(context)) {}

std::string InstancesDataSource::type_name() const { return std::string(instances::kTypeName); }

const Schema& InstancesDataSource::schema() const { return instances::schema(); }

Diagnostics InstancesDataSource::validate(const Value& config) {
  Diagnostics diags;
  if (config.is_null() || !config.is_known()) return diags;
  for (const auto name : {instances::kName, instances::kEngine, instances::kType}) {
    const Value& value = config.attr(name);
    if (value.is_known() && !value.is_null() && value.as_string().empty()) {
      diags.error("Empty filter",
                  std::string(name) + " must not be empty: leave it out to list instances of any " +
                      std::string(name) + ".",
                  AttributePath(std::string(name)));
    }
  }
  if (const Value& name = config.attr(instances::kName); name.is_known() && !name.is_null()) {
    if (const std::string problem = rds::shared::instance_name_length_problem(name.as_string());
        !problem.empty())
      diags.error(
          "Invalid name",
          "name " + rds::shared::quote_for_message(name.as_string()) + " is too long: " + problem + ".",
          AttributePath(std::string(instances::kName)));
  }
  // A typo in a filter would list no instance, and a for_each over that list would plan to drop every
  // rds_instance_ssl built from it: an unknown value is an error, not an empty answer.
  check_one_of(config, instances::kEngine, {"MySQL", "PostgreSQL", "SQLServer"}, diags);
  check_one_of(config, instances::kType, {"Single", "Ha", "Replica"}, diags);
  rds::config::check_region_attribute(config, diags);
  return diags;
}

DataReadResult InstancesDataSource::read(const DataReadRequest& request) {
  DataReadResult result;
  if (!check_known(request.config, type_name(), result.diagnostics)) return result;
  auto client = rds::config::region_client(*context_, rds::config::configured_region(request.config),
                                           result.diagnostics);
  if (!client) return result;
  const Value& config = request.config;
  const rds::client::InstanceFilter filter{.name = config.get_string(instances::kName).value_or(""),
                                           .type = config.get_string(instances::kType).value_or(""),
                                           .engine = config.get_string(instances::kEngine).value_or("")};
  const auto ssl_enable = config.get_bool(instances::kSslEnable);
  const rds::client::Deadline deadline = read_deadline(*client);
  try {
    rds::logging::debug("listing RDS instances",
                        {{"name", filter.name}, {"type", filter.type}, {"engine", filter.engine}});
    auto found = client->list_instances(filter, deadline, context_->operation_token(request.cancel));
    // The API cannot filter by SSL; an instance that does not report it matches neither value.
    if (ssl_enable) {
      std::erase_if(found, [&](const auto& instance) { return instance.enable_ssl != ssl_enable; });
    }
    sort_for_stable_plans(found);
    std::vector<Value> objects, ids;
    for (const auto& instance : found) {
      objects.push_back(Value::object(fields::object_type(), fields::values(instance)));
      ids.push_back(Value::string(instance.id));
    }
    result.state =
        config.with_attr(instances::kInstances, Value::list(fields::object_type(), std::move(objects)))
            .with_attr(instances::kIds, Value::list(Type::string(), std::move(ids)))
            .with_attr(rds::config::kRegion,
                       rds::config::effective_region(*context_, rds::config::configured_region(config)));
  } catch (const std::exception& error) {
    rds::shared::add_api_error(
        result.diagnostics, "Cannot list RDS instances", error,
        rds::shared::ErrorContext{.timeout_argument = "",
                                  .deadline_passed = client->clock().now() >= deadline});
  }
  return result;
}

}  // namespace rds::data_sources
