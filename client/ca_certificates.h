// The CA certificates of an instance's SSL bundle: the zip the cloud serves, unpacked (client/zip_reader.h)
// and its certificate files parsed with OpenSSL.
//
//   auto certs = rds::client::ca_certificates_in_zip(bytes, ZipLimits{});  // throws ZipError, CaBundleError
//   certs[0].pem, certs[0].subject, certs[0].not_after, certs[0].sha256_fingerprint
//
// Clouds put the CA in files named ca.pem, ca-bundle.pem, or *.crt / *.cer, next to a README; every
// file with one of those extensions (any case) is read, in the zip's order, and every CERTIFICATE block
// in it is taken in the file's order. Other PEM blocks (a key someone zipped by mistake) are skipped.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "client/errors.h"
#include "client/zip_reader.h"

namespace rds::client {

struct CaCertificate {
  std::string source_file;  // the zip entry it came from
  std::string pem;          // re-encoded by OpenSSL: "-----BEGIN CERTIFICATE-----\n...\n-----END ...-----\n"
  std::string subject;      // RFC 2253, e.g. "CN=rds-sim instance CA,O=rds-sim"
  std::string issuer;
  std::chrono::sys_seconds not_before;
  std::chrono::sys_seconds not_after;
  std::string sha256_fingerprint;  // lower-case hex of the SHA-256 of the DER, no separators
};

// The bundle holds no certificate, or a certificate block OpenSSL cannot read; what() names the files.
class CaBundleError : public Error {
 public:
  using Error::Error;
};

// Whether a zip entry named `name` is read for certificates: .pem, .crt or .cer, in any case.
bool is_certificate_file_name(std::string_view name);

// Every CERTIFICATE block of `text`, in order; `source_file` names it in errors and in the results.
// Throws CaBundleError when a CERTIFICATE block is not a readable X.509 certificate.
std::vector<CaCertificate> parse_pem_certificates(std::string_view text, const std::string& source_file);

// Every certificate of every certificate file of the zip. Throws ZipError for the zip itself, and
// CaBundleError when it holds no certificate ("... it contains: README.txt, notes.doc").
std::vector<CaCertificate> ca_certificates_in_zip(std::string_view zip, const ZipLimits& limits);

// "2026-12-06T05:40:27Z".
std::string rfc3339(std::chrono::sys_seconds time);

}  // namespace rds::client
