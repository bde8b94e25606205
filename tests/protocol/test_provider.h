// A small provider used to drive the protocol adapter in-process: one resource "test_thing" and one data
// source "test_lookup" whose behaviour is easy to predict from their inputs (name "throw" throws, "fail"
// fails after creating; query "throw" throws, "fail" fails).
#pragma once

#include <atomic>
#include <mutex>
#include <stdexcept>

#include "provider/core/json.h"
#include "provider/core/plan_rules.h"
#include "provider/core/provider.h"

namespace rds::testing {

using core::AttributePath;
using core::Diagnostics;
using core::Type;
using core::Value;

inline core::Schema test_provider_schema() {
  return core::Schema{.block = {.attributes = {{.name = "region",
                                                .type = Type::string(),
                                                .description = "Region.",
                                                .markdown_description = "The `region`.",
                                                .optional = true},
                                               {.name = "secret",
                                                .type = Type::string(),
                                                .description = "A secret.",
                                                .optional = true,
                                                .sensitive = true}},
                                .description = "Test provider."}};
}

inline core::Schema test_resource_schema() {
  core::Block timeouts{.attributes = {{.name = "create", .type = Type::string(), .optional = true}}};
  return core::Schema{
      .version = 1,
      .block = {
          .attributes =
              {{.name = "id",
                .type = Type::string(),
                .description = "Identifier.",
                .computed = true,
                .use_state_for_unknown = true},
               {.name = "name",
                .type = Type::string(),
                .description = "Name.",
                .required = true,
                .requires_replace = true},
               {.name = "enabled", .type = Type::boolean(), .description = "Enabled.", .optional = true}},
          .block_types = {{.type_name = "timeouts", .nesting = core::Nesting::single, .block = timeouts}}}};
}

class TestResource : public core::Resource {
 public:
  std::string type_name() const override { return "test_thing"; }
  const core::Schema& schema() const override { return schema_; }

  Diagnostics validate(const Value& config) override {
    Diagnostics d;
    const Value& name = config.attr("name");
    if (name.is_known() && !name.is_null() && name.as_string().empty()) {
      d.error("Invalid name", "name must not be empty", AttributePath("name"));
    }
    if (name.is_known() && !name.is_null() && name.as_string() == "throw")
      throw std::runtime_error("boom in validate");
    return d;
  }

  core::PlanResult plan(const core::PlanRequest& request) override {
    auto change =
        core::plan_from_schema(schema_, request.prior_state, request.proposed_new_state, request.config);
    core::PlanResult result{.planned_state = change.planned_state,
                            .requires_replace = change.requires_replace};
    if (!result.planned_state.is_null() && result.planned_state.attr("name").is_known()) {
      result.planned_state = result.planned_state.with_attr("id", result.planned_state.attr("name"));
    }
    result.planned_private = request.prior_private + "+planned";
    return result;
  }

  core::ApplyResult apply(const core::ApplyRequest& request) override {
    core::ApplyResult result;
    if (request.planned_state.is_null()) return result;  // destroy
    result.new_state = request.planned_state.with_attr("id", request.planned_state.attr("name"));
    result.private_state = request.planned_private + "+applied";
    if (request.planned_state.get_string("name") == "fail")
      result.diagnostics.error("Apply failed", "on purpose");
    return result;
  }

  core::ReadResult read(const core::ReadRequest& request) override {
    if (request.private_state == "gone")
      return core::ReadResult{.new_state = Value::null(schema_.value_type())};
    return core::ReadResult{.new_state = request.current_state.with_attr("enabled", Value::boolean(true)),
                            .private_state = "read"};
  }

  core::ImportResult import_state(const core::ImportRequest& request) override {
    core::ImportResult result;
    Value state = Value::object(schema_.value_type(),
                                {{"id", Value::string(request.id)}, {"name", Value::string(request.id)}});
    result.imported.push_back(core::ImportedResource{.state = state, .private_state = "imported"});
    return result;
  }

  core::UpgradeResult upgrade_state(const core::UpgradeRequest& request) override {
    core::UpgradeResult result;
    upgraded_from_version = request.version;
    result.upgraded_state = core::decode_state_json(request.raw_state_json, schema_.value_type());
    return result;
  }

  std::atomic<int64_t> upgraded_from_version{-1};

 private:
  core::Schema schema_ = test_resource_schema();
};

inline core::Schema test_data_source_schema() {
  return core::Schema{
      .block = {
          .attributes = {
              {.name = "query", .type = Type::string(), .description = "What to look up.", .required = true},
              {.name = "answer",
               .type = Type::string(),
               .description = "What was found.",
               .computed = true}}}};
}

class TestDataSource : public core::DataSource {
 public:
  std::string type_name() const override { return "test_lookup"; }
  const core::Schema& schema() const override { return schema_; }

  Diagnostics validate(const Value& config) override {
    Diagnostics d;
    const Value& query = config.attr("query");
    if (query.is_known() && !query.is_null() && query.as_string().empty())
      d.error("Invalid query", "query must not be empty", AttributePath("query"));
    return d;
  }

  core::DataReadResult read(const core::DataReadRequest& request) override {
    const std::string query = request.config.get_string("query").value_or("");
    if (query == "throw") throw std::runtime_error("boom in read");
    core::DataReadResult result;
    if (query == "fail") {
      result.diagnostics.error("Lookup failed", "on purpose");
      return result;
    }
    result.state = request.config.with_attr("answer", Value::string("found " + query));
    return result;
  }

 private:
  core::Schema schema_ = test_data_source_schema();
};

class TestProvider : public core::Provider {
 public:
  const core::Schema& schema() const override { return schema_; }

  Diagnostics validate_config(const Value& config) override {
    Diagnostics d;
    if (config.get_string("region") == "")
      d.error("Invalid region", "region must not be empty", AttributePath("region"));
    return d;
  }

  Diagnostics configure(const Value& config, const std::string& terraform_version,
                        const core::CancelToken&) override {
    std::lock_guard lock(mutex_);
    configured_region = config.get_string("region").value_or("");
    configured_terraform_version = terraform_version;
    return {};
  }

  std::vector<std::shared_ptr<core::Resource>> resources() override { return {resource}; }
  std::vector<std::shared_ptr<core::DataSource>> data_sources() override { return {data_source}; }
  void stop() override { ++stop_calls; }

  std::shared_ptr<TestResource> resource = std::make_shared<TestResource>();
  std::shared_ptr<TestDataSource> data_source = std::make_shared<TestDataSource>();
  std::atomic<int> stop_calls{0};
  std::mutex mutex_;
  std::string configured_region;
  std::string configured_terraform_version;

 private:
  core::Schema schema_ = test_provider_schema();
};

}  // namespace rds::testing
