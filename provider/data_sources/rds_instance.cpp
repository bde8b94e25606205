#include "provider/data_sources/rds_instance.h"

#include "provider/config/region_attribute.h"
#include "provider/data_sources/data_source_read.h"
#include "provider/data_sources/instance_fields.h"
#include "provider/data_sources/instance_schema.h"
#include "provider/logging/hclog.h"
#include "provider/shared/api_diagnostics.h"
#include "provider/shared/instance_id.h"

namespace rds::data_sources {
namespace {

using namespace rds::core;
namespace fields = instance_fields;

const AttributePath kIdPath{std::string(fields::kId)};
const AttributePath kNamePath{std::string(fields::kName)};

// "a, b and 3 more" for an error that names the instances found.
std::string some_ids(const std::vector<rds::client::Instance>& instances) {
  constexpr std::size_t kShown = 5;
  std::string text;
  for (std::size_t i = 0; i < instances.size() && i < kShown; ++i)
    text += (i == 0 ? "" : ", ") + instances[i].id;
  if (instances.size() > kShown) text += " and " + std::to_string(instances.size() - kShown) + " more";
  return text;
}

// Reported by validate and again by read: Terraform validates a config before it reads it, but a client
// that skips validation may send a read with neither argument, whose by-name path once dereferenced the
// empty name.
void report_missing_argument(Diagnostics& diags) {
  diags.error("Missing argument",
              "rds_instance needs the id or the name of the instance to read: set exactly one of them.",
              kIdPath);
}

}  // namespace

InstanceDataSource::InstanceDataSource(std::shared_ptr<rds::config::ProviderContext> context)
    : context_(std::move(context)) {}

std::string InstanceDataSource::type_name() const { return std::string(instance::kTypeName); }

const Schema& InstanceDataSource::schema() const { return instance::schema(); }

Diagnostics InstanceDataSource::validate(const Value& config) {
  Diagnostics diags;
  if (config.is_null() || !config.is_known()) return diags;
  const Value& id = config.attr(fields::kId);
  const Value& name = config.attr(fields::kName);
  // An unknown value counts as set: it is known by the time of the read.
  if (!id.is_null() && !name.is_null()) {
    diags.error("Conflicting arguments",
                "rds_instance looks an instance up by id or by name, not both: remove one of them.",
                kNamePath);
  } else if (id.is_null() && name.is_null()) {
    report_missing_argument(diags);
  }
  rds::shared::check_instance_id(id, "id", "an RDS instance", diags);
  rds::config::check_region_attribute(config, diags);
  if (name.is_known() && !name.is_null()) {
    const std::string& text = name.as_string();
    if (text.empty()) {
      diags.error("Invalid name", "name must be the exact name of an RDS instance, got an empty string.",
                  kNamePath);
    } else if (const std::string problem = rds::shared::instance_name_length_problem(text);
               !problem.empty()) {
      diags.error("Invalid name",
                  "name " + rds::shared::quote_for_message(text) + " is too long: " + problem + ".",
                  kNamePath);
    } else if (text.front() == '*') {
      diags.error("Invalid name",
                  "name " + rds::shared::quote_for_message(text) +
                      " starts with *, which the RDS API reads as a fuzzy match. rds_instance reads one "
                      "instance by its exact name; to search by part of a name, use the data source "
                      "rds_instances.",
                  kNamePath);
    }
  }
  return diags;
}

DataReadResult InstanceDataSource::read(const DataReadRequest& request) {
  DataReadResult result;
  if (!check_known(request.config, type_name(), result.diagnostics)) return result;
  const auto id = request.config.get_string(fields::kId);
  const auto name = request.config.get_string(fields::kName);
  if (!id && !name) {
    report_missing_argument(result.diagnostics);
    return result;
  }
  auto client = rds::config::region_client(*context_, rds::config::configured_region(request.config),
                                           result.diagnostics);
  if (!client) return result;
  const std::string wanted =
      id ? "RDS instance " + *id : "the RDS instance named \"" + name.value_or("") + "\"";
  const rds::client::Deadline deadline = read_deadline(*client);
  try {
    std::optional<rds::client::Instance> found;
    if (id) {
      rds::logging::debug("reading RDS instance by id", {{"instance_id", *id}});
      found = client->get_instance(*id, deadline, context_->operation_token(request.cancel));
      if (!found) {
        result.diagnostics.error("Cannot read " + wanted,
                                 "RDS instance " + *id + " does not exist in this project.", kIdPath);
        return result;
      }
    } else {
      rds::logging::debug("reading RDS instance by name", {{"name", *name}});
      // The client keeps only exact matches of the name, whatever the API answers.
      const auto matching = client->list_instances(rds::client::InstanceFilter{.name = *name}, deadline,
                                                   context_->operation_token(request.cancel));
      if (matching.size() != 1) {
        result.diagnostics.error(
            "Cannot read " + wanted,
            matching.empty()
                ? "No RDS instance in this project is named \"" + *name + "\" (0 matched)."
                : std::to_string(matching.size()) + " RDS instances in this project are named \"" + *name +
                      "\" (" + some_ids(matching) +
                      "), so the name does not say which one to read. Look it up by id instead.",
            kNamePath);
        return result;
      }
      found = matching.front();
    }
    result.state = Value::object(schema().value_type(), fields::values(*found));
    // The region asked stays as configured (Terraform requires it); without one, the instance's.
    if (const auto region = rds::config::configured_region(request.config); !region.empty())
      result.state = result.state.with_attr(fields::kRegion, Value::string(region));
    else if (found->region.empty())
      result.state = result.state.with_attr(fields::kRegion, rds::config::effective_region(*context_, ""));
  } catch (const std::exception& error) {
    rds::shared::add_api_error(
        result.diagnostics, "Cannot read " + wanted, error,
        rds::shared::ErrorContext{.timeout_argument = "",
                                  .deadline_passed = client->clock().now() >= deadline});
  }
  return result;
}

}  // namespace rds::data_sources
