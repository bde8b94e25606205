// The version-neutral provider interface the protocol adapters (provider/protocol/) call. Nothing here
// knows about gRPC or the protocol version. Implementations must be thread-safe: Terraform calls RPCs
// concurrently (apply runs with -parallelism=10 by default). They should return diagnostics rather than
// throw; the adapter still turns any exception into an error diagnostic.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

// Cancellation (common/) is a plain concurrency primitive shared with the API client (it knows no HTTP).
#include "common/cancel.h"
#include "provider/core/diagnostics.h"
#include "provider/core/schema.h"
#include "provider/core/value.h"

namespace rds::core {

// Fires when the RPC's client has gone away (Terraform cancelled the call, or its deadline passed), so
// the work done for it stops promptly. StopProvider is separate: see Provider::stop().
using CancelToken = rds::CancelToken;

// PlanResourceChange. prior_state is null for a create; proposed_new_state is null for a destroy (the
// adapter advertises plan_destroy, so Terraform >= 1.3 plans destroys too).
struct PlanRequest {
  Value prior_state{};
  Value proposed_new_state{};
  Value config{};
  std::string prior_private{};
  CancelToken cancel{};
};
struct PlanResult {
  Value planned_state{};
  std::vector<AttributePath> requires_replace{};
  std::string planned_private{};
  Diagnostics diagnostics{};
};

// ApplyResourceChange. planned_state is null for a destroy, prior_state is null for a create.
struct ApplyRequest {
  Value prior_state{};
  Value planned_state{};
  Value config{};
  std::string planned_private{};
  CancelToken cancel{};
};
struct ApplyResult {
  Value new_state{};  // null after a destroy; on error, the state known so far (Terraform records it)
  std::string private_state{};
  Diagnostics diagnostics{};
};

// ReadResource (refresh).
struct ReadRequest {
  Value current_state{};
  std::string private_state{};
  CancelToken cancel{};
};
struct ReadResult {
  Value new_state{};  // null Value = the remote object is gone
  std::string private_state{};
  Diagnostics diagnostics{};
};

// ImportResourceState.
struct ImportRequest {
  std::string id{};
  CancelToken cancel{};
};
struct ImportedResource {
  std::string type_name{};
  Value state{};
  std::string private_state{};
};
struct ImportResult {
  std::vector<ImportedResource> imported{};
  Diagnostics diagnostics{};
};

// UpgradeResourceState: the stored state as JSON under the stored schema version. json.h's
// decode_state_json() turns it into a Value of the current schema (dropping removed attributes).
struct UpgradeRequest {
  int64_t version = 0;
  std::string raw_state_json{};
};
struct UpgradeResult {
  Value upgraded_state{};  // must be wholly known and of the current schema's type
  Diagnostics diagnostics{};
};

// ReadDataSource. Terraform reads a data source once its configuration is wholly known (it defers the
// read otherwise), so `config` holds every argument; computed attributes are null in it.
struct DataReadRequest {
  Value config{};
  CancelToken cancel{};
};
struct DataReadResult {
  // The config with the computed attributes filled in; arguments must keep their configured values.
  Value state{};
  Diagnostics diagnostics{};
};

class Resource {
 public:
  virtual ~Resource() = default;
  virtual std::string type_name() const = 0;  // "rds_instance_ssl"
  virtual const Schema& schema() const = 0;
  virtual Diagnostics validate(const Value& config) = 0;
  virtual PlanResult plan(const PlanRequest& request) = 0;
  virtual ApplyResult apply(const ApplyRequest& request) = 0;
  virtual ReadResult read(const ReadRequest& request) = 0;
  virtual ImportResult import_state(const ImportRequest& request) = 0;
  virtual UpgradeResult upgrade_state(const UpgradeRequest& request) = 0;
};

// A data source: reads something from the cloud for the configuration to use, and changes nothing.
class DataSource {
 public:
  virtual ~DataSource() = default;
  virtual std::string type_name() const = 0;  // "rds_instances"
  virtual const Schema& schema() const = 0;
  // v6 ValidateDataResourceConfig / v5 ValidateDataSourceConfig; values may still be unknown here.
  virtual Diagnostics validate(const Value& config) = 0;
  virtual DataReadResult read(const DataReadRequest& request) = 0;
};

class Provider {
 public:
  virtual ~Provider() = default;
  virtual const Schema& schema() const = 0;
  // v6 ValidateProviderConfig / v5 PrepareProviderConfig (which answers prepared_config = config).
  virtual Diagnostics validate_config(const Value& config) = 0;
  virtual Diagnostics configure(const Value& config, const std::string& terraform_version,
                                const CancelToken& cancel) = 0;
  // The resource types, stable for the provider's lifetime (the adapter looks them up by type_name()).
  virtual std::vector<std::shared_ptr<Resource>> resources() = 0;
  // The data source types, likewise stable. A provider without any need not override it.
  virtual std::vector<std::shared_ptr<DataSource>> data_sources() { return {}; }
  // StopProvider / Stop: cancel work in flight promptly; the server keeps serving afterwards.
  virtual void stop() = 0;
};

}  // namespace rds::core
