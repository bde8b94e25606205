#pragma once
// Tokens issued by POST /v3/auth/tokens, with their expiry. Tokens are random, so a token from one sim
// run is never valid in another.
#include <map>
#include <mutex>
#include <string>

#include "sim/clock.h"

namespace rds::sim {

class TokenStore {
 public:
  std::string issue(WallTime expires_at);
  bool valid(const std::string& token, WallTime now) const;
  void revoke_all();  // admin: makes every issued token invalid (clients must re-authenticate)

 private:
  mutable std::mutex mutex_;
  std::map<std::string, WallTime> tokens_;
};

}  // namespace rds::sim
