#include "provider/config/provider_schema.h"

#include <string>

namespace rds::config {
namespace {

using rds::core::Attribute;
using rds::core::NestedBlock;
using rds::core::Schema;
using rds::core::Type;

// Every argument is optional in the block: each has an environment variable (or a default), and
// configure() reports what is still missing once both are applied.
Attribute argument(std::string name, Type type, std::string plain, std::string markdown,
                   bool sensitive = false) {
  Attribute attribute = rds::core::described(name, std::move(type), std::move(plain), std::move(markdown));
  attribute.optional = true;
  attribute.sensitive = sensitive;
  return attribute;
}

Schema build() {
  Schema schema;
  schema.version = 0;
  schema.block.description =
      "Manages the SSL setting of RDS for MySQL instances on Open Telekom Cloud and Huawei Cloud.";
  schema.block.markdown_description =
      "Manages the SSL setting of RDS for MySQL instances on Open Telekom Cloud and Huawei Cloud. "
      "Credentials: exactly one of `access_key` + `secret_key`, `token`, or `user_name` + `password` + "
      "`domain_name`.";
  auto& a = schema.block.attributes;
  a.push_back(
      argument("region", Type::string(),
               "Region of the RDS instances, e.g. eu-de: up to 64 letters, digits, - and _. Used to derive "
               "the API URLs when endpoint or auth_url are not set. Default: environment variable "
               "OS_REGION_NAME, then HW_REGION_NAME.",
               "Region of the RDS instances, e.g. `eu-de`: up to 64 letters, digits, `-` and `_`. Used to "
               "derive the API URLs when `endpoint` or `auth_url` are not set. Default: environment "
               "variable `OS_REGION_NAME`, then `HW_REGION_NAME`."));
  a.push_back(argument("project_id", Type::string(),
                       "ID of the project that owns the instances: up to 64 letters, digits, - and _. When "
                       "not set, the provider finds it by project_name or region. Default: environment "
                       "variable OS_PROJECT_ID, then HW_PROJECT_ID.",
                       "ID of the project that owns the instances: up to 64 letters, digits, `-` and `_`. "
                       "When not set, the provider finds it by `project_name` or `region`. Default: "
                       "environment variable `OS_PROJECT_ID`, then `HW_PROJECT_ID`."));
  a.push_back(argument("project_name", Type::string(),
                       "Name of the project to find through IAM when project_id is not set (default: the "
                       "region's name, which names each region's default project); ignored when project_id "
                       "is set. Default: environment variable OS_PROJECT_NAME, then HW_PROJECT_NAME.",
                       "Name of the project to find through IAM when `project_id` is not set (default: the "
                       "region's name, which names each region's default project); ignored when "
                       "`project_id` is set. Default: environment variable `OS_PROJECT_NAME`, then "
                       "`HW_PROJECT_NAME`."));
  a.push_back(
      argument("endpoint", Type::string(),
               "Base URL of the RDS API (http or https, without a user name or password), overriding "
               "https://rds.{region}.otc.t-systems.com, e.g. for rds-sim or a private cloud; {region} in it "
               "is replaced by each resource's region. Default: environment variable RDS_ENDPOINT.",
               "Base URL of the RDS API (`http://` or `https://`, without a user name or password), "
               "overriding `https://rds.{region}.otc.t-systems.com`, e.g. for `rds-sim` or a private "
               "cloud; `{region}` in it is replaced by each resource's region. Default: environment "
               "variable `RDS_ENDPOINT`."));
  a.push_back(
      argument("auth_url", Type::string(),
               "Base URL of the IAM API including /v3 (without a user name or password), used for password "
               "authentication; default https://iam.{region}.otc.t-systems.com/v3. Default: environment "
               "variable OS_AUTH_URL, then HW_AUTH_URL.",
               "Base URL of the IAM API including `/v3` (without a user name or password), used for "
               "password authentication; default "
               "`https://iam.{region}.otc.t-systems.com/v3`. Default: environment variable "
               "`OS_AUTH_URL`, then `HW_AUTH_URL`."));
  a.push_back(argument("access_key", Type::string(),
                       "Access key (AK) for AK/SK request signing; needs secret_key. Default: environment "
                       "variable OS_ACCESS_KEY, then HW_ACCESS_KEY.",
                       "Access key (AK) for AK/SK request signing; needs `secret_key`. Default: environment "
                       "variable `OS_ACCESS_KEY`, then `HW_ACCESS_KEY`."));
  a.push_back(argument("secret_key", Type::string(),
                       "Secret key (SK) for AK/SK request signing; needs access_key. Default: environment "
                       "variable OS_SECRET_KEY, then HW_SECRET_KEY.",
                       "Secret key (SK) for AK/SK request signing; needs `access_key`. Default: environment "
                       "variable `OS_SECRET_KEY`, then `HW_SECRET_KEY`.",
                       true));
  a.push_back(
      argument("security_token", Type::string(),
               "Security token of temporary AK/SK credentials; only with access_key and secret_key. "
               "Default: environment variable OS_SECURITY_TOKEN, then HW_SECURITY_TOKEN.",
               "Security token of temporary AK/SK credentials; only with `access_key` and "
               "`secret_key`. Default: environment variable `OS_SECURITY_TOKEN`, then `HW_SECURITY_TOKEN`.",
               true));
  a.push_back(
      argument("token", Type::string(),
               "IAM token sent as X-Auth-Token, instead of keys or a password. Default: environment "
               "variable OS_TOKEN, then OS_AUTH_TOKEN.",
               "IAM token sent as `X-Auth-Token`, instead of keys or a password. Default: environment "
               "variable `OS_TOKEN`, then `OS_AUTH_TOKEN`.",
               true));
  a.push_back(argument("user_name", Type::string(),
                       "IAM user name for password authentication; needs password and domain_name. Default: "
                       "environment variable OS_USERNAME, then HW_USER_NAME.",
                       "IAM user name for password authentication; needs `password` and `domain_name`. "
                       "Default: environment variable `OS_USERNAME`, then `HW_USER_NAME`."));
  a.push_back(argument(
      "password", Type::string(),
      "Password of user_name. Default: environment variable OS_PASSWORD, then HW_PASSWORD.",
      "Password of `user_name`. Default: environment variable `OS_PASSWORD`, then `HW_PASSWORD`.", true));
  a.push_back(argument("domain_name", Type::string(),
                       "Domain (account) name of user_name. Default: environment variable OS_DOMAIN_NAME, "
                       "then HW_DOMAIN_NAME.",
                       "Domain (account) name of `user_name`. Default: environment variable "
                       "`OS_DOMAIN_NAME`, then `HW_DOMAIN_NAME`."));
  a.push_back(argument("insecure", Type::boolean(),
                       "Skip TLS certificate verification (tests only). Default: environment variable "
                       "OS_INSECURE, else false.",
                       "Skip TLS certificate verification (tests only). Default: environment variable "
                       "`OS_INSECURE`, else `false`."));
  a.push_back(
      argument("cacert_file", Type::string(),
               "Path of a PEM file of CA certificates to trust instead of the system store: a regular "
               "file of at most 1 MiB, read once when the provider is configured. Default: "
               "environment variable OS_CACERT.",
               "Path of a PEM file of CA certificates to trust instead of the system store: a regular "
               "file of at most 1 MiB, read once when the provider is configured. Default: "
               "environment variable `OS_CACERT`."));
  a.push_back(
      argument("cloud", Type::string(),
               "Name of an entry of clouds.yaml (with secure.yaml merged in), as the openstack CLI reads "
               "it, to take every argument from that neither the block nor the environment sets. Looked "
               "for in OS_CLIENT_CONFIG_FILE, else ./clouds.yaml, ~/.config/openstack/ and "
               "/etc/openstack/. Default: environment variable OS_CLOUD.",
               "Name of an entry of `clouds.yaml` (with `secure.yaml` merged in), as the `openstack` CLI "
               "reads it, to take every argument from that neither the block nor the environment sets. "
               "Looked for in `OS_CLIENT_CONFIG_FILE`, else `./clouds.yaml`, `~/.config/openstack/` and "
               "`/etc/openstack/`. Default: environment variable `OS_CLOUD`."));
  a.push_back(argument("max_retries", Type::number(),
                       "How often a request is retried after a transient failure: HTTP 500, 502, 503, 504, "
                       "throttling (429), a refused or reset connection, or a request timeout. Busy-instance "
                       "errors are retried until the resource's timeout instead. Default 5; no environment "
                       "variable.",
                       "How often a request is retried after a transient failure: HTTP 500, 502, 503, 504, "
                       "throttling (429), a refused or reset connection, or a request timeout. Busy-instance "
                       "errors are retried until the resource's timeout instead. Default `5`; no environment "
                       "variable."));
  a.push_back(argument("max_requests_per_second", Type::number(),
                       "Calls per second the provider process makes at most, all of them (reads, switches, "
                       "polls, IAM), from 0.1 to 1000; unset: no cap. Whatever the setting, an answer 429 "
                       "slows every call of the process down, then the rate recovers. Default: environment "
                       "variable RDS_MAX_REQUESTS_PER_SECOND.",
                       "Calls per second the provider process makes at most, all of them (reads, switches, "
                       "polls, IAM), from `0.1` to `1000`; unset: no cap. Whatever the setting, an answer "
                       "`429` slows every call of the process down, then the rate recovers. Default: "
                       "environment variable `RDS_MAX_REQUESTS_PER_SECOND`."));
  a.push_back(argument("batch_reads", Type::boolean(),
                       "Whether single-instance reads sent at once go out as one paged list of the project "
                       "when that takes fewer calls, and a refresh's reads share a list of the last 5 "
                       "seconds. An instance missing from a list is always confirmed by its own read. "
                       "Default: environment variable RDS_BATCH_READS, else true.",
                       "Whether single-instance reads sent at once go out as one paged list of the project "
                       "when that takes fewer calls, and a refresh's reads share a list of the last 5 "
                       "seconds. An instance missing from a list is always confirmed by its own read. "
                       "Default: environment variable `RDS_BATCH_READS`, else `true`."));
  a.push_back(argument("request_timeout", Type::string(),
                       "How long one HTTP request may take before it is abandoned (and retried, within "
                       "max_retries), as a duration from \"1s\" to \"1h\". Default \"60s\"; no environment "
                       "variable.",
                       "How long one HTTP request may take before it is abandoned (and retried, within "
                       "`max_retries`), as a duration from `\"1s\"` to `\"1h\"`. Default `\"60s\"`; no "
                       "environment variable."));

  // Huawei's provider calls it assume_role; the OTC provider spells the same as agency_name /
  // agency_domain_name. One block, its arguments required inside it.
  NestedBlock assume_role;
  assume_role.type_name = "assume_role";
  assume_role.nesting = rds::core::Nesting::single;
  assume_role.block.description =
      "Act through an IAM agency of another account: every call uses the agency's token, asked with the "
      "credentials above.";
  assume_role.block.markdown_description =
      "Act through an IAM agency of another account: every call uses the agency's token, asked with the "
      "credentials above (IAM's assume_role).";
  auto required = [](std::string name, std::string plain, std::string markdown) {
    Attribute attribute = argument(std::move(name), Type::string(), std::move(plain), std::move(markdown));
    attribute.optional = false;
    attribute.required = true;
    return attribute;
  };
  assume_role.block.attributes = {
      required("agency_name", "Name of the agency the other account created for this one.",
               "Name of the agency the other account created for this one."),
      required("domain_name", "Name of the account (domain) that created the agency.",
               "Name of the account (domain) that created the agency."),
      argument("duration", Type::number(),
               "How long each agency token lives, in seconds, from 900 to 86400 (IAM's default: a day). The "
               "provider renews it before it expires.",
               "How long each agency token lives, in seconds, from `900` to `86400` (IAM's default: a day). "
               "The provider renews it before it expires."),
  };
  schema.block.block_types = {assume_role};
  return schema;
}

}  // namespace

const Schema& provider_schema() {
  static const Schema schema = build();
  return schema;
}

}  // namespace rds::config
