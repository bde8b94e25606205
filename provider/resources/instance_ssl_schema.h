#pragma once
// Schema of `rds_instance_ssl` and the names of its attributes, in one place so the resource logic,
// the state mapping and the tests spell them the same way.

#include <chrono>
#include <string_view>

#include "provider/core/schema.h"

namespace rds::resources::instance_ssl {

inline constexpr std::string_view kTypeName = "rds_instance_ssl";

inline constexpr std::string_view kId = "id";
inline constexpr std::string_view kInstanceId = "instance_id";
inline constexpr std::string_view kSslEnable = "ssl_enable";
inline constexpr std::string_view kDisableOnDestroy = "disable_on_destroy";
// Computed context for plan reviews (schema version 1): what the instance is, as the API says.
inline constexpr std::string_view kInstanceName = "instance_name";
// The same name again (schema version 2): Terraform's plan renderer always shows attributes called `name`,
// also when unchanged, so every update, replace and destroy plan names the database it touches.
inline constexpr std::string_view kName = "name";
inline constexpr std::string_view kEngine = "engine";
inline constexpr std::string_view kEngineVersion = "engine_version";
inline constexpr std::string_view kTimeouts = "timeouts";
inline constexpr std::string_view kCreate = "create";
inline constexpr std::string_view kUpdate = "update";
inline constexpr std::string_view kDelete = "delete";

// Defaults when the timeouts block (or one of its arguments) is absent.
inline constexpr std::chrono::minutes kDefaultCreateTimeout{30};
inline constexpr std::chrono::minutes kDefaultUpdateTimeout{30};
inline constexpr std::chrono::minutes kDefaultDeleteTimeout{10};
// The longest timeout accepted: longer ones are refused at validate time (an SSL switch takes
// minutes; a day is far beyond any real wait and keeps the deadline arithmetic far from overflow).
inline constexpr std::chrono::hours kMaxTimeout{24};

const rds::core::Schema& schema();

}  // namespace rds::resources::instance_ssl
