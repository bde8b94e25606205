#include "provider/resources/provider_context.h"

namespace rds::resources {

void ProviderContext::set_client(std::shared_ptr<rds::client::RdsClient> client) {
  std::lock_guard lock(mutex_);
  client_ = std::move(client);
}

std::shared_ptr<rds::client::RdsClient> ProviderContext::client() const {
  std::lock_guard lock(mutex_);
  return client_;
}

rds::client::CancelToken ProviderContext::cancel_token() const {
  std::lock_guard lock(mutex_);
  return cancel_.token();
}

rds::client::CancelToken ProviderContext::operation_token(const rds::client::CancelToken& rpc) const {
  return rds::client::either(cancel_token(), rpc);
}

void ProviderContext::stop() {
  std::lock_guard lock(mutex_);
  cancel_.cancel();
  cancel_ = rds::client::CancelSource();
}

}  // namespace rds::resources
