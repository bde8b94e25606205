#include "sim/token_store.h"

#include "sim/http_util.h"

namespace rds::sim {

std::string TokenStore::issue(WallTime expires_at) {
  // Real IAM tokens are long opaque strings starting with "MII"; length matters for header handling.
  std::string token = "MIIsim" + random_hex(96);
  std::lock_guard lock(mutex_);
  tokens_[token] = expires_at;
  return token;
}

bool TokenStore::valid(const std::string& token, WallTime now) const {
  std::lock_guard lock(mutex_);
  auto it = tokens_.find(token);
  return it != tokens_.end() && now < it->second;
}

void TokenStore::revoke_all() {
  std::lock_guard lock(mutex_);
  tokens_.clear();
}

}  // namespace rds::sim
