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
}

const ProviderAdapter::ResourceType* ProviderAdapter::find_resource(const std::string& type_name,
                                                                    core::Diagnostics& diagnostics) const {
  auto it = resources_.find(type_name);
  if (it != resources_.end()) return &it->second;
  std::string known;
  for (const auto& [name, _] : resources_) known += (known.empty() ? "" : ", ") + name;
  diagnostics.error("Unknown resource type", "This provider has no resource type \"" + type_name +
                                                 "\" (it has: " + (known.empty() ? "none" : known) + ").");
  return nullptr;
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
