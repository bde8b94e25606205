#include "client/regional_config.h"

#include "client/endpoints.h"
#include "client/errors.h"

namespace rds::client {
namespace {

std::string replaced(std::string_view url, std::string_view region) {
  std::string out(url);
  for (std::size_t at = out.find(kRegionPlaceholder); at != std::string::npos;
       at = out.find(kRegionPlaceholder, at + region.size()))
    out.replace(at, kRegionPlaceholder.size(), region);
  return out;
}

}  // namespace

bool has_region_placeholder(std::string_view url) {
  return url.find(kRegionPlaceholder) != std::string_view::npos;
}

std::string with_region(std::string_view url, std::string_view region) {
  if (!has_region_placeholder(url)) return std::string(url);
  // The region becomes part of the host: only names that cannot end or change it pass.
  if (const std::string problem = region_problem(region); !problem.empty())
    throw ConfigError("region " + problem + ", so it cannot replace {region} in \"" + redact_url(url) +
                      "\".");
  return replaced(url, region);
}

std::string region_config_problem(const ClientConfig& provider, const std::string& region) {
  const bool placeholder =
      has_region_placeholder(provider.endpoint) || has_region_placeholder(provider.auth_url);
  if (region.empty())
    return placeholder ? "endpoint or auth_url holds {region}, but no region is set to replace it." : "";
  if (const std::string problem = region_problem(region); !problem.empty()) return "region " + problem + ".";
  if (region == provider.region || provider.endpoint.empty() || has_region_placeholder(provider.endpoint))
    return "";
  const std::string origin =
      provider.endpoint_origin.empty() ? "the provider's endpoint" : provider.endpoint_origin;
  return "region is \"" + region + "\", but the provider's region is " +
         (provider.region.empty() ? "not set" : "\"" + provider.region + "\"") + " and its endpoint (" +
         origin + ") \"" + redact_url(provider.endpoint) +
         "\" has no {region} placeholder, so it serves the provider's region only. Write {region} where the "
         "region goes in endpoint (e.g. https://rds.{region}.example.com), or use a provider alias per "
         "region.";
}

ClientConfig config_for_region(const ClientConfig& provider, const std::string& region) {
  if (const std::string problem = region_config_problem(provider, region); !problem.empty())
    throw ConfigError(problem);
  ClientConfig config = provider;
  config.region = region;
  config.endpoint = with_region(provider.endpoint, region);
  config.auth_url = with_region(provider.auth_url, region);
  if (region != provider.region) {
    // project_id and project_name name a project of the provider's region.
    config.project_id.clear();
    config.project_name.clear();
  }
  return config;
}

}  // namespace rds::client
