#include "client/ca_certificates.h"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <ctime>
#include <memory>

#include "client/printable.h"

namespace rds::client {

namespace {

struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct X509Free {
  void operator()(X509* cert) const { X509_free(cert); }
};
using Bio = std::unique_ptr<BIO, BioFree>;
using Cert = std::unique_ptr<X509, X509Free>;

constexpr std::string_view kBegin = "-----BEGIN CERTIFICATE-----";

std::string openssl_reason() {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "unknown reason";
  char text[256];
  ERR_error_string_n(code, text, sizeof text);
  return text;
}

std::string name_text(const X509_NAME* name) {
  Bio out(BIO_new(BIO_s_mem()));
  if (!out || X509_NAME_print_ex(out.get(), name, 0, XN_FLAG_RFC2253) < 0) return {};
  char* data = nullptr;
  const long size = BIO_get_mem_data(out.get(), &data);
  return std::string(data, static_cast<std::size_t>(std::max(size, 0L)));
}

std::chrono::sys_seconds time_of(const ASN1_TIME* time) {
  std::tm utc{};
  if (time == nullptr || ASN1_TIME_to_tm(time, &utc) != 1)
    throw CaBundleError("a certificate has a validity date OpenSSL cannot read");
  return std::chrono::sys_seconds(std::chrono::seconds(timegm(&utc)));
}

std::string pem_of(X509* cert) {
  Bio out(BIO_new(BIO_s_mem()));
  if (!out || PEM_write_bio_X509(out.get(), cert) != 1)
    throw CaBundleError("OpenSSL could not encode a certificate: " + openssl_reason());
  char* data = nullptr;
  const long size = BIO_get_mem_data(out.get(), &data);
  return std::string(data, static_cast<std::size_t>(std::max(size, 0L)));
}

std::string sha256_fingerprint(const X509* cert) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (X509_digest(cert, EVP_sha256(), digest, &size) != 1)
    throw CaBundleError("OpenSSL could not hash a certificate: " + openssl_reason());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < size; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0xf];
  }
  return hex;
}

CaCertificate describe(X509* cert, const std::string& source_file) {
  CaCertificate result;
  result.source_file = source_file;
  result.pem = pem_of(cert);
  result.subject = name_text(X509_get_subject_name(cert));
  result.issuer = name_text(X509_get_issuer_name(cert));
  result.not_before = time_of(X509_get0_notBefore(cert));
  result.not_after = time_of(X509_get0_notAfter(cert));
  result.sha256_fingerprint = sha256_fingerprint(cert);
  return result;
}

std::size_t count_blocks(std::string_view text) {
  std::size_t count = 0;
  for (auto at = text.find(kBegin); at != std::string_view::npos; at = text.find(kBegin, at + 1)) ++count;
  return count;
}

}  // namespace

bool is_certificate_file_name(std::string_view name) {
  const auto dot = name.rfind('.');
  if (dot == std::string_view::npos) return false;
  std::string extension(name.substr(dot));
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension == ".pem" || extension == ".crt" || extension == ".cer";
}

std::vector<CaCertificate> parse_pem_certificates(std::string_view text, const std::string& source_file) {
  if (text.size() > INT_MAX) throw CaBundleError(source_file + " is too large to read");
  // PEM_read_bio_X509 skips blocks of other types, so the CERTIFICATE blocks are counted apart: a block
  // it cannot decode must be an error, not a certificate that silently goes missing.
  const std::size_t expected = count_blocks(text);
  Bio in(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
  if (!in) throw CaBundleError("OpenSSL could not allocate a buffer for " + source_file);
  ERR_clear_error();
  std::vector<CaCertificate> certificates;
  while (certificates.size() < expected) {
    Cert cert(PEM_read_bio_X509(in.get(), nullptr, nullptr, nullptr));
    if (!cert)
      throw CaBundleError("certificate " + std::to_string(certificates.size() + 1) + " of " +
                          printable(source_file, 200) +
                          " is not a readable X.509 certificate (OpenSSL: " + openssl_reason() + ")");
    certificates.push_back(describe(cert.get(), source_file));
  }
  ERR_clear_error();
  return certificates;
}

std::vector<CaCertificate> ca_certificates_in_zip(std::string_view zip, const ZipLimits& limits) {
  const std::vector<ZipEntry> entries = read_zip(zip, limits);
  std::vector<CaCertificate> certificates;
  for (const auto& entry : entries) {
    if (!is_certificate_file_name(entry.name)) continue;
    auto found = parse_pem_certificates(entry.content, entry.name);
    certificates.insert(certificates.end(), std::make_move_iterator(found.begin()),
                        std::make_move_iterator(found.end()));
  }
  if (certificates.empty()) {
    std::string names;
    for (const auto& entry : entries) names += (names.empty() ? "" : ", ") + printable(entry.name, 200);
    throw CaBundleError("the zip holds no PEM certificate in a .pem, .crt or .cer file; it contains: " +
                        (names.empty() ? std::string("no files at all") : names));
  }
  return certificates;
}

std::string rfc3339(std::chrono::sys_seconds time) {
  const std::time_t seconds = time.time_since_epoch().count();
  std::tm utc{};
  char text[64] = "";
  if (gmtime_r(&seconds, &utc) == nullptr ||
      std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc) == 0)
    return std::to_string(seconds) + " seconds after 1970-01-01T00:00:00Z";
  return text;
}

}  // namespace rds::client
