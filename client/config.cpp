#include "client/config.h"

#ifndef RDS_PROVIDER_VERSION
#error "RDS_PROVIDER_VERSION must be defined by client/CMakeLists.txt"
#endif

namespace rds::client {

std::string default_user_agent() { return std::string("terraform-provider-rds/") + RDS_PROVIDER_VERSION; }

}  // namespace rds::client
