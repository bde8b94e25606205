#include "provider/protocol/provider_adapter.h"

#include <stdexcept>

namespace rds::protocol {

ProviderAdapter::ProviderAdapter(std::shared_ptr<core::Provider> provider)
    : provider_(std::move(provider)), watcher_(std::make_unique<CallWatcher>()) {
  if (!provider_) throw std::invalid_argument("ProviderAdapter needs a provider");
  provider_type_ = provider_->schema().value_type();
  for (auto& resource : provider_->resources()) {
    std::string name = resource->type_name();
    core::Type type = resource->schema().value_type();
    resources_.emplace(std::move(name), ResourceType{std::move(resource), std::move(type)});
  }
  for (auto& data_source : provider_->data_sources()) {
    std::string name = data_source->type_name();
    core::Type type = data_source->schema().value_type();
    data_sources_.emplace(std::move(name), DataSourceType{std::move(data_source), std::move(type)});
  }
}

namespace {

// The entry of `types` named `type_name`, or nullptr with an error naming the ones there are.
template <class Entry>
const Entry* find_type(const std::map<std::string, Entry>& types, const std::string& type_name,
                       const std::string& kind, core::Diagnostics& diagnostics) {
  auto it = types.find(type_name);
  if (it != types.end()) return &it->second;
  std::string known;
  for (const auto& [name, _] : types) known += (known.empty() ? "" : ", ") + name;
  diagnostics.error("Unknown " + kind, "This provider has no " + kind + " \"" + type_name +
                                           "\" (it has: " + (known.empty() ? "none" : known) + ").");
  return nullptr;
}

}  // namespace

const ProviderAdapter::ResourceType* ProviderAdapter::find_resource(const std::string& type_name,
                                                                    core::Diagnostics& diagnostics) const {
  return find_type(resources_, type_name, "resource type", diagnostics);
}

const ProviderAdapter::DataSourceType* ProviderAdapter::find_data_source(
    const std::string& type_name, core::Diagnostics& diagnostics) const {
  return find_type(data_sources_, type_name, "data source", diagnostics);
}

std::string describe_current_exception() {
  try {
    throw;
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "unknown exception";
  }
}

}  // namespace rds::protocol
