#pragma once
// The rds-sim HTTP(S) server: builds the shared context, seeds instances, registers the RDS, IAM and
// admin routes, and wraps every API route with request ids, faults, auth and the request log.
#include <httplib.h>

#include <memory>
#include <string>

#include "sim/cli.h"
#include "sim/context.h"
#include "sim/tls.h"

namespace rds::sim {

// The base URL clients use for a sim listening on host:port. Wildcard and loopback addresses are
// reached as the loopback address (under TLS as "localhost", the name the certificate is made for);
// IPv6 literals are bracketed.
std::string base_url_for(const std::string& host, int port, bool tls);

class SimServer {
 public:
  // Seeds from options.seed_file and options.instances; throws std::runtime_error on a bad seed or
  // when TLS material cannot be made.
  explicit SimServer(const SimOptions& options, Clocks clocks = {});
  ~SimServer();
  SimServer(const SimServer&) = delete;
  SimServer& operator=(const SimServer&) = delete;

  // Binds options.host:options.port (port 0 => any free port). Returns the port; throws on failure.
  int bind();
  // "http://127.0.0.1:PORT", or "https://localhost:PORT" with TLS (the certificate names localhost).
  const std::string& base_url() const { return base_url_; }
  // The CA certificate to trust, empty without TLS.
  std::string ca_file() const { return tls_.ca_cert.string(); }
  // The seed of the random draws of probability faults (--fault-seed, or the random one in use).
  std::uint32_t fault_seed() const;

  void listen();  // serves until stop()
  void stop();
  // Removes the generated TLS files now (for a fast exit that skips the destructor).
  void remove_temp_files();

  SimContext& context() { return *ctx_; }

 private:
  httplib::Server::Handler wrap_api(httplib::Server::Handler handler, bool authenticate);
  // Answers the request as the fault says; false when the request should still be handled normally.
  bool apply_fault(const Fault& fault, httplib::Response& res);

  SimOptions options_;
  std::unique_ptr<SimContext> ctx_;
  TlsFiles tls_;
  std::unique_ptr<httplib::Server> server_;
  std::string base_url_;
};

}  // namespace rds::sim
