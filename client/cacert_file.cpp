#include "client/cacert_file.h"

#include "client/bounded_file.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>
#include <optional>

namespace rds::client {
namespace {

constexpr std::string_view kCertificateBegin = "-----BEGIN CERTIFICATE-----";

CacertFile problem(std::string text) { return CacertFile{"", std::move(text)}; }

// How many certificates OpenSSL reads from `pem`, with the reader libcurl uses for a CA blob
// (PEM_X509_INFO_read_bio): it fails on any block it cannot read. nullopt when it fails.
std::optional<int> certificate_count(const std::string& pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())),
                                                &BIO_free);
  if (!bio) return std::nullopt;
  STACK_OF(X509_INFO)* infos = PEM_X509_INFO_read_bio(bio.get(), nullptr, nullptr, nullptr);
  ERR_clear_error();  // the reason is ours to tell; leave no error queued for the next TLS call
  if (infos == nullptr) return std::nullopt;
  int count = 0;
  for (int i = 0; i < sk_X509_INFO_num(infos); ++i)
    if (sk_X509_INFO_value(infos, i)->x509 != nullptr) ++count;
  sk_X509_INFO_pop_free(infos, X509_INFO_free);
  return count;
}

}  // namespace

CacertFile load_cacert_file(const std::string& path) {
  BoundedFile file = read_bounded_file(path, kMaxCacertFileBytes, "a CA bundle");
  if (!file.problem.empty()) return problem(std::move(file.problem));
  std::string pem = std::move(file.content);
  if (pem.find(kCertificateBegin) == std::string::npos)
    return problem("holds no PEM certificate (no " + std::string(kCertificateBegin) + " line)");
  const std::optional<int> count = certificate_count(pem);
  if (!count) return problem("holds a PEM block that OpenSSL cannot read as a certificate");
  if (*count == 0) return problem("holds no PEM certificate that OpenSSL can read");
  return CacertFile{std::move(pem), ""};
}

}  // namespace rds::client
