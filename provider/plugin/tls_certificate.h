// AutoMTLS certificates as go-plugin makes them (mtls.go generateCert): a fresh self-signed
// certificate per process start, CA:TRUE, subject/issuer CN=localhost O=HashiCorp, SAN
// DNS:localhost, key usages for signing, key agreement and cert signing, extended key usage for
// both server and client auth, valid from 30 s ago for 30 years.
// go-plugin uses ECDSA P-521; we use P-256, which Terraform accepts and which is much cheaper
// to generate (see shared reference plugin-protocol.md).
#pragma once

#include <string>

namespace rds::plugin {

struct Certificate {
  std::string cert_pem;  // "-----BEGIN CERTIFICATE-----..."
  std::string key_pem;   // the private key, PEM
  std::string cert_der;  // the certificate's DER bytes (sent base64 in the handshake line)
};

// Generates the certificate. Throws std::runtime_error with OpenSSL's reason on failure.
// Used by the server for itself and by test clients to act as Terraform.
Certificate generate_self_signed_certificate();

// DER bytes of the first CERTIFICATE block in `pem`; throws std::runtime_error if there is none or it
// does not have an X.509 certificate's structure. The public key inside is not decoded (that is for
// whoever uses the certificate: gRPC, for PLUGIN_CLIENT_CERT), which keeps start-up cheap.
std::string pem_to_der(const std::string& pem);

// PEM text of a DER certificate; throws std::runtime_error if it does not parse.
std::string der_to_pem(const std::string& der);

// Keeps OpenSSL from cleaning itself up in an exit handler. gRPC's executor and event-engine threads
// outlive main() and still touch OpenSSL (a TLS handshake's error queue, OpenSSL's thread-exit hooks)
// while exit handlers run; OpenSSL's cleanup then frees its per-thread state under them, which ASan
// reported as a double free in a gRPC thread and as a leaked error queue. The first initialisation
// of OpenSSL decides, so every process that runs gRPC with TLS calls this before anything else uses
// OpenSSL: the plugin server and the test clients that act as Terraform. The OS frees the memory.
// The whole story is in docs/RELIABILITY.md (Sanitizers).
void disable_openssl_exit_cleanup();

}  // namespace rds::plugin
