// The Retry-After header of an answer (RFC 9110), read once for the whole client: the executor waits that
// long before retrying the call, and the process's rate limiter holds every call that long.
#pragma once

#include <chrono>
#include <optional>

#include "client/http.h"

namespace rds::client {

// The wait the answer asks for: whole seconds ("120") or an HTTP date ("Sun, 06 Nov 1994 08:49:37 GMT",
// counted from `utc_now`; a date in the past is no wait), at most a day. nullopt when the header is
// absent or unreadable (the caller then uses its own backoff).
std::optional<std::chrono::milliseconds> retry_after(const HttpResponse& response,
                                                     std::chrono::system_clock::time_point utc_now);

}  // namespace rds::client
