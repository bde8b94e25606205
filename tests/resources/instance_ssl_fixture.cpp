#include "tests/resources/instance_ssl_fixture.h"

#include <algorithm>

#include "provider/config/provider_schema.h"
#include "provider/rds_provider.h"
#include "provider/resources/instance_ssl_schema.h"
#include "tests/resources/sim_instance_state.h"

namespace rds::resources::testing {

using rds::core::Value;

Value resource_value(std::map<std::string, Value> attributes) {
  return Value::object(instance_ssl::schema().value_type(), std::move(attributes));
}

Value ssl_config(const std::string& instance_id, bool ssl_enable, bool disable_on_destroy,
                 std::map<std::string, Value> timeouts) {
  std::map<std::string, Value> attributes{{"instance_id", Value::string(instance_id)},
                                          {"ssl_enable", Value::boolean(ssl_enable)}};
  if (disable_on_destroy) attributes["disable_on_destroy"] = Value::boolean(true);
  if (!timeouts.empty()) {
    const rds::core::Type resource_type = instance_ssl::schema().value_type();
    attributes["timeouts"] = Value::object(resource_type.attributes().at("timeouts"), std::move(timeouts));
  }
  return resource_value(std::move(attributes));
}

Value expected_state(const std::string& instance_id, bool ssl_enable, bool disable_on_destroy) {
  return sim_instance_state(instance_id, ssl_enable, disable_on_destroy);
}

std::string describe(const rds::core::Diagnostics& diags) {
  std::string out;
  for (const auto& d : diags) {
    out += (d.severity == rds::core::Severity::error ? "error: " : "warning: ") + d.summary + ": " + d.detail;
    if (d.path) out += " @" + d.path->to_string();
    out += "\n";
  }
  return out;
}

bool mentions(const rds::core::Diagnostics& diags, const std::string& text) {
  return std::any_of(diags.begin(), diags.end(), [&](const auto& d) {
    return d.summary.find(text) != std::string::npos || d.detail.find(text) != std::string::npos;
  });
}

void SimBackedTest::start(std::vector<std::string> sim_args) {
  if (std::find(sim_args.begin(), sim_args.end(), "--ssl-switch-seconds") == sim_args.end()) {
    sim_args.insert(sim_args.end(), {"--ssl-switch-seconds", "0.3"});
  }
  sim_args.push_back("--quiet");
  sim_ = std::make_unique<rds::testing::SimProcess>(std::move(sim_args));

  ProviderOptions options;
  options.environment = [](std::string_view) { return std::nullopt; };  // no OS_* from the test's env
  provider_ = make_rds_provider(std::move(options));
  const Value config = Value::object(rds::config::provider_schema().value_type(),
                                     {{"endpoint", Value::string(sim_->base_url())},
                                      {"project_id", Value::string(sim_->project_id())},
                                      {"access_key", Value::string("sim-ak")},
                                      {"secret_key", Value::string("sim-sk")},
                                      {"max_retries", Value::number(rds::core::Number(2))}});
  auto diags = provider_->configure(config, "1.11.4", {});
  ASSERT_FALSE(diags.has_errors()) << describe(diags);
  resource_ = provider_->resources().at(0);
}

rds::core::ApplyResult SimBackedTest::plan_and_apply(const Value& prior, const Value& config) {
  // Terraform's proposed new state: config plus prior values of computed attributes left null.
  Value proposed = config;
  if (!prior.is_null()) {
    for (const char* computed :
         {"id", "disable_on_destroy", "name", "instance_name", "engine", "engine_version"}) {
      if (config.attr(computed).is_null()) proposed = proposed.with_attr(computed, prior.attr(computed));
    }
  }
  auto plan = resource_->plan({prior, proposed, config, ""});
  EXPECT_FALSE(plan.diagnostics.has_errors()) << describe(plan.diagnostics);
  return resource_->apply({prior, plan.planned_state, config, plan.planned_private});
}

rds::core::ApplyResult SimBackedTest::destroy(const Value& prior) {
  const Value null = Value::null(instance_ssl::schema().value_type());
  return resource_->apply({prior, null, null, ""});
}

rds::core::ReadResult SimBackedTest::read(const Value& state) { return resource_->read({state, ""}); }

int SimBackedTest::count_requests(const std::string& method, const std::string& path_part) const {
  int count = 0;
  for (const auto& request : sim_->requests()) {
    if (request.value("method", "") == method &&
        request.value("path", "").find(path_part) != std::string::npos) {
      ++count;
    }
  }
  return count;
}

}  // namespace rds::resources::testing
