#pragma once
// Finding the project when the config gives none (ClientConfig::project_id empty): IAM's
// "Querying Project Information Based on the Specified Criteria", GET {auth_url}/projects?name=NAME,
// signed or with a token like any call (docs/index.md, "Project from the region").

#include <string>

#include "client/executor.h"
#include "client/http.h"

namespace rds::client {

// The id of the one enabled project named `name` that IAM lists, asked within `deadline`. Throws
// ProjectNotFoundError when IAM lists none or several, ApiError / TransportError as any call.
std::string find_project_id(Executor& executor, const std::string& auth_url, const std::string& name,
                            Deadline deadline, const CancelToken& cancel);

// The id in IAM's answer to GET /v3/projects?name=NAME. Only enabled projects of exactly that name
// count (IAM matches the name exactly, but an answer is not trusted to). Throws ProjectNotFoundError
// for none or several, ResponseFormatError for an answer that is not such a list.
std::string project_id_from_list(const std::string& operation, const HttpResponse& response,
                                 const std::string& name);

}  // namespace rds::client
