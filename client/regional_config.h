// The configuration of the client for another region than the provider's own: the same credentials and
// settings, with that region's endpoint and project.
//
//   const ClientConfig eu_nl = rds::client::config_for_region(provider_config, "eu-nl");  // throws
//   ConfigError
//
// A custom endpoint (private clouds, tests) may hold the placeholder {region}, replaced by the region:
// "https://rds.{region}.example.com". A custom endpoint without it serves the provider's region only:
// sending another region's calls to it would act on the wrong project's instances, so that is an error.
#pragma once

#include <string>
#include <string_view>

#include "client/config.h"

namespace rds::client {

inline constexpr std::string_view kRegionPlaceholder = "{region}";

bool has_region_placeholder(std::string_view url);

// `url` with every {region} replaced by `region`. Throws ConfigError when the region breaks the rules of
// region_problem() (endpoints.h), which keep it from changing the URL's host into another one.
std::string with_region(std::string_view url, std::string_view region);

// Empty when a client for `region` can be derived from `provider` (the provider's config, placeholders
// not yet replaced); otherwise why not, as a sentence that names region and the endpoint's setting.
std::string region_config_problem(const ClientConfig& provider, const std::string& region);

// The config of `region`'s client: the provider's own config (project_id and project_name kept) when
// `region` is the provider's region, else the same credentials and settings with the region's project
// found by its name (a region's default project is named after it) and its endpoint: the default host
// of the region, or the custom endpoint with {region} replaced. auth_url is replaced likewise; without
// a placeholder it stays, since IAM lists the projects of every region. Throws ConfigError.
ClientConfig config_for_region(const ClientConfig& provider, const std::string& region);

}  // namespace rds::client
