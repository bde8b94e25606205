// The protocol adapter written once for tfplugin5 and tfplugin6: each handler is a template over the
// request/response message types of either version (their fields are the same for what we use) and
// translates wire messages to rds::core calls and back. The few version differences are spelled out:
// - v5 PrepareProviderConfig answers prepared_config (the config it received); v6 has no such field;
// - the service classes map v5 names (GetSchema, PrepareProviderConfig, Configure,
//   ValidateResourceTypeConfig, ValidateDataSourceConfig, Stop) and v6 names onto the same handlers
//   (provider_service.cpp).
//
// Handlers never throw and always return gRPC OK: failures travel as diagnostics (an exception from the
// provider becomes an error diagnostic). The adapter's own state is fixed at construction, so
// concurrent handlers on many gRPC threads share it without locks.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include <grpcpp/server_context.h>
#include <grpcpp/support/status.h>

#include "provider/core/config_rules.h"
#include "provider/core/provider.h"
#include "provider/core/request_rules.h"
#include "provider/logging/hclog.h"
#include "provider/protocol/call_watcher.h"
#include "provider/protocol/wire_values.h"

namespace rds::protocol {

class ProviderAdapter {
 public:
  explicit ProviderAdapter(std::shared_ptr<core::Provider> provider);

  template <class Response>
  grpc::Status get_metadata(Response& response) const;
  template <class Response>
  grpc::Status get_provider_schema(Response& response) const;
  template <class Request, class Response>
  grpc::Status validate_provider_config(const Request& request, Response& response) const;
  template <class Request, class Response>
  grpc::Status configure_provider(grpc::ServerContext* context, const Request& request,
                                  Response& response) const;
  template <class Request, class Response>
  grpc::Status validate_resource_config(const Request& request, Response& response) const;
  template <class Request, class Response>
  grpc::Status upgrade_resource_state(const Request& request, Response& response) const;
  template <class Request, class Response>
  grpc::Status read_resource(grpc::ServerContext* context, const Request& request, Response& response) const;
  template <class Request, class Response>
  grpc::Status plan_resource_change(grpc::ServerContext* context, const Request& request,
                                    Response& response) const;
  template <class Request, class Response>
  grpc::Status apply_resource_change(grpc::ServerContext* context, const Request& request,
                                     Response& response) const;
  template <class Request, class Response>
  grpc::Status import_resource_state(grpc::ServerContext* context, const Request& request,
                                     Response& response) const;
  template <class Request, class Response>
  grpc::Status validate_data_resource_config(const Request& request, Response& response) const;
  template <class Request, class Response>
  grpc::Status read_data_source(grpc::ServerContext* context, const Request& request,
                                Response& response) const;
  template <class Response>
  grpc::Status stop_provider(Response& response) const;

 private:
  struct ResourceType {
    std::shared_ptr<core::Resource> resource;
    core::Type type;  // the schema's value type, computed once
  };
  struct DataSourceType {
    std::shared_ptr<core::DataSource> data_source;
    core::Type type;
  };

  // The resource registered under `type_name`, or nullptr with an error diagnostic.
  const ResourceType* find_resource(const std::string& type_name, core::Diagnostics& diagnostics) const;
  const DataSourceType* find_data_source(const std::string& type_name, core::Diagnostics& diagnostics) const;

  // Runs `body` (which fills `diagnostics`), turns any exception into an error diagnostic, copies the
  // diagnostics to the response and logs the call. Returns OK: errors travel as diagnostics.
  template <class DiagnosticList, class Body>
  grpc::Status serve(std::string_view rpc, std::string_view type_name, DiagnosticList* out,
                     Body&& body) const;

  std::shared_ptr<core::Provider> provider_;
  std::unique_ptr<CallWatcher> watcher_;  // cancels the work of RPCs whose client went away
  core::Type provider_type_;
  std::map<std::string, ResourceType> resources_;
  std::map<std::string, DataSourceType> data_sources_;
};

// Text for an exception that escaped the provider (what() when it is a std::exception).
std::string describe_current_exception();

// ---------------------------------------------------------------- implementation

template <class DiagnosticList, class Body>
grpc::Status ProviderAdapter::serve(std::string_view rpc, std::string_view type_name, DiagnosticList* out,
                                    Body&& body) const {
  auto started = std::chrono::steady_clock::now();
  logging::debug("Received RPC",
                 {{"tf_rpc", std::string(rpc)}, {"tf_resource_type", std::string(type_name)}});
  core::Diagnostics diagnostics;
  try {
    body(diagnostics);
  } catch (...) {
    diagnostics.error("Internal error in the provider",
                      std::string(rpc) + " failed unexpectedly: " + describe_current_exception());
  }
  append_diagnostics(diagnostics, out);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  logging::debug("Served RPC", {{"tf_rpc", std::string(rpc)},
                                {"tf_resource_type", std::string(type_name)},
                                {"diagnostics", std::to_string(diagnostics.size())},
                                {"has_errors", diagnostics.has_errors() ? "true" : "false"},
                                {"duration_ms", std::to_string(ms.count())}});
  return grpc::Status::OK;
}

template <class Response>
grpc::Status ProviderAdapter::get_metadata(Response& response) const {
  return serve("GetMetadata", "", response.mutable_diagnostics(), [&](core::Diagnostics&) {
    // plan_destroy: Terraform (>= 1.3) plans destroys through PlanResourceChange with a null proposed
    // state, so the plan can warn what a destroy does to SSL; older versions ignore it.
    response.mutable_server_capabilities()->set_plan_destroy(true);
    for (const auto& [name, _] : resources_) response.add_resources()->set_type_name(name);
    for (const auto& [name, _] : data_sources_) response.add_data_sources()->set_type_name(name);
  });
}

template <class Response>
grpc::Status ProviderAdapter::get_provider_schema(Response& response) const {
  return serve("GetProviderSchema", "", response.mutable_diagnostics(), [&](core::Diagnostics&) {
    schema_to_proto(provider_->schema(), response.mutable_provider());
    for (const auto& [name, entry] : resources_) {
      schema_to_proto(entry.resource->schema(), &(*response.mutable_resource_schemas())[name]);
    }
    for (const auto& [name, entry] : data_sources_) {
      schema_to_proto(entry.data_source->schema(), &(*response.mutable_data_source_schemas())[name]);
    }
    // get_provider_schema_optional stays false: our handlers rely on Terraform fetching the schema first.
    response.mutable_server_capabilities()->set_plan_destroy(true);
  });
}

template <class Request, class Response>
grpc::Status ProviderAdapter::validate_provider_config(const Request& request, Response& response) const {
  return serve(
      "ValidateProviderConfig", "", response.mutable_diagnostics(), [&](core::Diagnostics& diagnostics) {
        auto config = decode(request.config(), provider_type_, "config", diagnostics);
        if (!config) return;
        diagnostics.append(provider_->validate_config(*config));
        // v5 PrepareProviderConfig must answer prepared_config; we add no defaults, so it is the config.
        if constexpr (requires { response.mutable_prepared_config(); }) {
          encode(*config, provider_type_, "prepared_config", response.mutable_prepared_config(), diagnostics);
        }
      });
}

template <class Request, class Response>
grpc::Status ProviderAdapter::configure_provider(grpc::ServerContext* context, const Request& request,
                                                 Response& response) const {
  const auto call = watcher_->watch(context);
  return serve("ConfigureProvider", "", response.mutable_diagnostics(), [&](core::Diagnostics& diagnostics) {
    auto config = decode(request.config(), provider_type_, "config", diagnostics);
    if (!config) return;
    diagnostics.append(provider_->configure(*config, request.terraform_version(), call->token()));
  });
}

template <class Request, class Response>
grpc::Status ProviderAdapter::validate_resource_config(const Request& request, Response& response) const {
  return serve("ValidateResourceConfig", request.type_name(), response.mutable_diagnostics(),
               [&](core::Diagnostics& diagnostics) {
                 const ResourceType* entry = find_resource(request.type_name(), diagnostics);
                 if (!entry) return;
                 auto config = decode(request.config(), entry->type, "config", diagnostics);
                 if (!config) return;
                 diagnostics.append(core::check_config(entry->resource->schema(), *config));
                 diagnostics.append(entry->resource->validate(*config));
               });
}

template <class Request, class Response>
grpc::Status ProviderAdapter::upgrade_resource_state(const Request& request, Response& response) const {
  return serve("UpgradeResourceState", request.type_name(), response.mutable_diagnostics(),
               [&](core::Diagnostics& diagnostics) {
                 const ResourceType* entry = find_resource(request.type_name(), diagnostics);
                 if (!entry) return;
                 if (request.raw_state().json().empty()) {
                   // Flatmap is the pre-0.12 state form; this provider never wrote it.
                   diagnostics.error("Unsupported stored state",
                                     "The stored state of " + request.type_name() +
                                         " has no JSON form (legacy flatmap state is not supported).");
                   return;
                 }
                 auto result = entry->resource->upgrade_state(core::UpgradeRequest{
                     .version = request.version(), .raw_state_json = request.raw_state().json()});
                 diagnostics.append(result.diagnostics);
                 if (result.diagnostics.has_errors()) return;
                 encode(result.upgraded_state, entry->type, "upgraded_state",
                        response.mutable_upgraded_state(), diagnostics);
               });
}

template <class Request, class Response>
grpc::Status ProviderAdapter::read_resource(grpc::ServerContext* context, const Request& request,
                                            Response& response) const {
  const auto call = watcher_->watch(context);
  return serve(
      "ReadResource", request.type_name(), response.mutable_diagnostics(),
      [&](core::Diagnostics& diagnostics) {
        const ResourceType* entry = find_resource(request.type_name(), diagnostics);
        if (!entry) return;
        auto current = decode(request.current_state(), entry->type, "current_state", diagnostics);
        if (!current || !core::require_wholly_known(*current, "current_state", "ReadResource", diagnostics))
          return;
        auto result = entry->resource->read(core::ReadRequest{
            .current_state = *current, .private_state = request.private_(), .cancel = call->token()});
        diagnostics.append(result.diagnostics);
        // A null new_state (the object is gone) is encoded as msgpack nil, which Terraform reads as
        // "remove".
        encode(result.new_state, entry->type, "new_state", response.mutable_new_state(), diagnostics);
        response.set_private_(result.private_state);
      });
}

template <class Request, class Response>
grpc::Status ProviderAdapter::plan_resource_change(grpc::ServerContext* context, const Request& request,
                                                   Response& response) const {
  const auto call = watcher_->watch(context);
  return serve(
      "PlanResourceChange", request.type_name(), response.mutable_diagnostics(),
      [&](core::Diagnostics& diagnostics) {
        const ResourceType* entry = find_resource(request.type_name(), diagnostics);
        if (!entry) return;
        auto prior = decode(request.prior_state(), entry->type, "prior_state", diagnostics);
        auto proposed = decode(request.proposed_new_state(), entry->type, "proposed_new_state", diagnostics);
        auto config = decode(request.config(), entry->type, "config", diagnostics);
        if (!prior || !proposed || !config) return;
        const auto& schema = entry->resource->schema();
        if (!core::require_wholly_known(*prior, "prior_state", "PlanResourceChange", diagnostics) ||
            !core::require_required(schema, *config, "config", "PlanResourceChange", diagnostics) ||
            !core::require_required(schema, *proposed, "proposed_new_state", "PlanResourceChange",
                                    diagnostics))
          return;
        auto result = entry->resource->plan(core::PlanRequest{.prior_state = *prior,
                                                              .proposed_new_state = *proposed,
                                                              .config = *config,
                                                              .prior_private = request.prior_private(),
                                                              .cancel = call->token()});
        diagnostics.append(result.diagnostics);
        encode(result.planned_state, entry->type, "planned_state", response.mutable_planned_state(),
               diagnostics);
        for (const auto& path : result.requires_replace) to_proto(path, response.add_requires_replace());
        response.set_planned_private(result.planned_private);
      });
}

template <class Request, class Response>
grpc::Status ProviderAdapter::apply_resource_change(grpc::ServerContext* context, const Request& request,
                                                    Response& response) const {
  const auto call = watcher_->watch(context);
  return serve(
      "ApplyResourceChange", request.type_name(), response.mutable_diagnostics(),
      [&](core::Diagnostics& diagnostics) {
        const ResourceType* entry = find_resource(request.type_name(), diagnostics);
        if (!entry) return;
        auto prior = decode(request.prior_state(), entry->type, "prior_state", diagnostics);
        auto planned = decode(request.planned_state(), entry->type, "planned_state", diagnostics);
        auto config = decode(request.config(), entry->type, "config", diagnostics);
        if (!prior || !planned || !config) return;
        if (!core::require_wholly_known(*prior, "prior_state", "ApplyResourceChange", diagnostics) ||
            !core::require_wholly_known(*config, "config", "ApplyResourceChange", diagnostics) ||
            !core::require_required(entry->resource->schema(), *planned, "planned_state",
                                    "ApplyResourceChange", diagnostics))
          return;
        auto result = entry->resource->apply(core::ApplyRequest{.prior_state = *prior,
                                                                .planned_state = *planned,
                                                                .config = *config,
                                                                .planned_private = request.planned_private(),
                                                                .cancel = call->token()});
        diagnostics.append(result.diagnostics);
        // Also on error: the state known so far lets Terraform record (and taint) the resource.
        encode(result.new_state, entry->type, "new_state", response.mutable_new_state(), diagnostics);
        response.set_private_(result.private_state);
      });
}

template <class Request, class Response>
grpc::Status ProviderAdapter::import_resource_state(grpc::ServerContext* context, const Request& request,
                                                    Response& response) const {
  const auto call = watcher_->watch(context);
  return serve(
      "ImportResourceState", request.type_name(), response.mutable_diagnostics(),
      [&](core::Diagnostics& diagnostics) {
        const ResourceType* entry = find_resource(request.type_name(), diagnostics);
        if (!entry) return;
        auto result =
            entry->resource->import_state(core::ImportRequest{.id = request.id(), .cancel = call->token()});
        diagnostics.append(result.diagnostics);
        for (const auto& imported : result.imported) {
          std::string type_name = imported.type_name.empty() ? request.type_name() : imported.type_name;
          const ResourceType* target = find_resource(type_name, diagnostics);
          if (!target) continue;
          auto* out = response.add_imported_resources();
          out->set_type_name(type_name);
          encode(imported.state, target->type, "imported state", out->mutable_state(), diagnostics);
          out->set_private_(imported.private_state);
        }
      });
}

template <class Request, class Response>
grpc::Status ProviderAdapter::validate_data_resource_config(const Request& request,
                                                            Response& response) const {
  return serve("ValidateDataResourceConfig", request.type_name(), response.mutable_diagnostics(),
               [&](core::Diagnostics& diagnostics) {
                 const DataSourceType* entry = find_data_source(request.type_name(), diagnostics);
                 if (!entry) return;
                 auto config = decode(request.config(), entry->type, "config", diagnostics);
                 if (!config) return;
                 diagnostics.append(core::check_config(entry->data_source->schema(), *config));
                 diagnostics.append(entry->data_source->validate(*config));
               });
}

template <class Request, class Response>
grpc::Status ProviderAdapter::read_data_source(grpc::ServerContext* context, const Request& request,
                                               Response& response) const {
  const auto call = watcher_->watch(context);
  return serve("ReadDataSource", request.type_name(), response.mutable_diagnostics(),
               [&](core::Diagnostics& diagnostics) {
                 const DataSourceType* entry = find_data_source(request.type_name(), diagnostics);
                 if (!entry) return;
                 auto config = decode(request.config(), entry->type, "config", diagnostics);
                 if (!config || !core::require_required(entry->data_source->schema(), *config, "config",
                                                        "ReadDataSource", diagnostics))
                   return;
                 auto result = entry->data_source->read(
                     core::DataReadRequest{.config = *config, .cancel = call->token()});
                 diagnostics.append(result.diagnostics);
                 // Terraform ignores the state of a failed read; a null one still encodes (msgpack nil).
                 encode(result.state, entry->type, "state", response.mutable_state(), diagnostics);
               });
}

template <class Response>
grpc::Status ProviderAdapter::stop_provider(Response& response) const {
  // StopProvider/Stop has no diagnostics, only an error string. The server keeps serving afterwards.
  logging::debug("Received RPC", {{"tf_rpc", "StopProvider"}});
  try {
    provider_->stop();
  } catch (...) {
    response.set_error(describe_current_exception());
  }
  return grpc::Status::OK;
}

}  // namespace rds::protocol
