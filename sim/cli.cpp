#include "sim/cli.h"

#include <charconv>
#include <functional>
#include <map>

#include "sim/seed.h"

namespace rds::sim {

namespace {

int parse_port(const std::string& value) {
  int port = -1;
  auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), port);
  if (ec != std::errc() || ptr != value.data() + value.size() || port < 0 || port > 65535) {
    throw CliError("--port " + value + ": expected a number from 0 to 65535");
  }
  return port;
}

double parse_seconds(const std::string& flag, const std::string& value) {
  try {
    std::size_t used = 0;
    double seconds = std::stod(value, &used);
    if (used == value.size() && seconds >= 0) return seconds;
  } catch (const std::exception&) {
  }
  throw CliError(flag + " " + value + ": expected a number of seconds >= 0");
}

}  // namespace

std::string usage() {
  return R"(usage: rds-sim [options]
A local simulator of the RDS v3 and IAM token APIs. Prints the base URL on the first stdout line
(and, with --tls, the CA certificate path on the second), then logs to stderr. Stops on SIGTERM/SIGINT.

  --host H                 address to listen on (default 127.0.0.1)
  --port N                 port; 0 picks a free one (default 0)
  --tls                    serve https with a freshly generated CA and localhost certificate
  --region R               region shown on instances (default eu-de)
  --project-id P           the project (default sim-project); --project-name N (default eu-de)
  --extra-project NAME=ID  another project of the user, e.g. a second region's: eu-nl=sim-project-nl
                           (repeatable; it sees the same instances)
  --seed FILE.json         instances to start with: {"instances":[{"id","name","engine",...}]}
  --instance ID[:ENGINE[:on|off]]   an instance to start with (repeatable; ENGINE default MySQL)
  --ssl-switch-seconds S   how long an SSL switch takes (default 2)
  --rate-limit N           throttle like the API gateway: a project's calls beyond N per second get 429
                           with Retry-After: 1 (also POST /_admin/rate-limit {"rate_limit": N})
  --job-mode               PUT .../ssl answers {"job_id"}; GET .../jobs?id= reports it
  --no-cert-links          GET .../ssl-cert/download-link answers 404, like a cloud without that API,
                           and the CA bundles behind the links are not served either
  --access-key AK --secret-key SK  AK/SK credentials (default sim-ak / sim-sk)
  --security-token T       require X-Security-Token T on AK/SK requests (temporary credentials)
  --user-name U --password P --domain-name D   IAM password credentials (default sim-user / sim-password / sim-domain)
  --token T                a static token accepted in X-Auth-Token (default sim-token)
  --tls-name NAME          with --tls, the certificate is also valid for NAME (repeatable), e.g. a name
                           that /etc/hosts maps to the listening address
  --files DIR              also serve DIR's files read-only under /files/ and at the root (e.g. a provider
                           network mirror made by scripts/mirror.sh --network DIR, or a provider registry
                           made by scripts/registry.sh; over https with --tls)
  --fault-seed N           seed of the random draws of faults with a probability (default random; the
                           seed in use is logged at start-up, so a random run can be replayed)
  --quiet                  log only errors on stderr (no start, stop or per-request lines)
  --help                   this text
)";
}

SimOptions parse_cli(const std::vector<std::string>& args) {
  SimOptions opt;
  auto& c = opt.credentials;
  // Flags that take a value, and where the value goes.
  const std::map<std::string, std::function<void(const std::string&)>> valued = {
      {"--host", [&](const std::string& v) { opt.host = v; }},
      {"--port", [&](const std::string& v) { opt.port = parse_port(v); }},
      {"--region", [&](const std::string& v) { opt.region = v; }},
      {"--project-id", [&](const std::string& v) { c.project_id = v; }},
      {"--project-name", [&](const std::string& v) { c.project_name = v; }},
      {"--extra-project",
       [&](const std::string& v) {
         const auto equals = v.find('=');
         if (equals == 0 || equals == std::string::npos || equals + 1 == v.size())
           throw CliError("--extra-project takes NAME=ID, e.g. eu-nl=sim-project-nl, got \"" + v + "\"");
         c.extra_projects.emplace_back(v.substr(0, equals), v.substr(equals + 1));
       }},
      {"--seed", [&](const std::string& v) { opt.seed_file = v; }},
      {"--instance",
       [&](const std::string& v) {
         try {
           opt.instances.push_back(instance_spec_from_flag(v));
         } catch (const std::invalid_argument& e) {
           throw CliError(e.what());
         }
       }},
      {"--rate-limit",
       [&](const std::string& v) {
         opt.rate_limit = parse_seconds("--rate-limit", v);
         if (opt.rate_limit <= 0) throw CliError("--rate-limit must be a number of calls per second above 0");
       }},
      {"--ssl-switch-seconds",
       [&](const std::string& v) {
         opt.settings.ssl_switch_seconds = parse_seconds("--ssl-switch-seconds", v);
       }},
      {"--access-key", [&](const std::string& v) { c.access_key = v; }},
      {"--secret-key", [&](const std::string& v) { c.secret_key = v; }},
      {"--security-token", [&](const std::string& v) { c.security_token = v; }},
      {"--user-name", [&](const std::string& v) { c.user_name = v; }},
      {"--password", [&](const std::string& v) { c.password = v; }},
      {"--domain-name", [&](const std::string& v) { c.domain_name = v; }},
      {"--token", [&](const std::string& v) { c.static_token = v; }},
      {"--files", [&](const std::string& v) { opt.files_dir = v; }},
      {"--fault-seed",
       [&](const std::string& v) {
         if (v.empty() || v.size() > 10 || v.find_first_not_of("0123456789") != std::string::npos ||
             std::stoull(v) > UINT32_MAX)
           throw CliError("--fault-seed takes a whole number from 0 to 4294967295, got \"" + v + "\"");
         opt.fault_seed = static_cast<std::uint32_t>(std::stoull(v));
       }},
      {"--tls-name", [&](const std::string& v) { opt.tls_names.push_back(v); }},
  };
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--tls") {
      opt.tls = true;
    } else if (arg == "--job-mode") {
      opt.settings.job_mode = true;
    } else if (arg == "--no-cert-links") {
      opt.settings.cert_links = false;
    } else if (arg == "--quiet") {
      opt.quiet = true;
    } else if (arg == "--help" || arg == "-h") {
      opt.help = true;
    } else if (auto it = valued.find(arg); it != valued.end()) {
      if (i + 1 >= args.size()) throw CliError(arg + " needs a value");
      it->second(args[++i]);
    } else {
      throw CliError("unknown option " + arg + " (see --help)");
    }
  }
  if (c.project_id.empty()) throw CliError("--project-id must not be empty");
  return opt;
}

}  // namespace rds::sim
