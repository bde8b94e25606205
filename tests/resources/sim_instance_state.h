#pragma once
// The state rds_instance_ssl records for an instance of rds-sim, shared by the in-process and the gRPC
// lifecycle tests: rds-sim names an instance "rds-" + the first 8 characters of its id, and its MySQL
// instances run 8.0.

#include <string>

#include "provider/core/value.h"
#include "provider/resources/instance_ssl_schema.h"

namespace rds::resources {

inline rds::core::Value sim_instance_state(const std::string& instance_id, bool ssl_enable,
                                           bool disable_on_destroy) {
  using rds::core::Value;
  const std::string name = "rds-" + instance_id.substr(0, 8);
  return Value::object(instance_ssl::schema().value_type(),
                       {{"id", Value::string(instance_id)},
                        {"instance_id", Value::string(instance_id)},
                        {"ssl_enable", Value::boolean(ssl_enable)},
                        {"disable_on_destroy", Value::boolean(disable_on_destroy)},
                        {"name", Value::string(name)},
                        {"instance_name", Value::string(name)},
                        {"engine", Value::string("MySQL")},
                        {"engine_version", Value::string("8.0")}});
}

}  // namespace rds::resources
