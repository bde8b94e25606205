#include "sim/tls.h"

#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <stdexcept>

#include "sim/http_util.h"

namespace rds::sim {

namespace {

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct X509Free {
  void operator()(X509* p) const { X509_free(p); }
};
struct FileClose {
  void operator()(FILE* f) const { std::fclose(f); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using Cert = std::unique_ptr<X509, X509Free>;

[[noreturn]] void fail(const std::string& what) {
  char reason[256] = "unknown error";
  if (unsigned long code = ERR_get_error()) ERR_error_string_n(code, reason, sizeof reason);
  throw std::runtime_error("TLS set-up: " + what + ": " + reason);
}

Pkey new_key() {
  Pkey key(EVP_EC_gen("P-256"));
  if (!key) fail("generating an EC key");
  return key;
}

void add_extension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (ext == nullptr || X509_add_ext(cert, ext, -1) != 1) fail(std::string("adding extension ") + value);
  X509_EXTENSION_free(ext);
}

// A certificate for `subject_key` with common name `cn`, signed by issuer_key (self-signed when issuer is
// null).
Cert new_cert(EVP_PKEY* subject_key, const char* cn, X509* issuer, EVP_PKEY* issuer_key, bool is_ca,
              const std::string& alt_names = "", long valid_seconds = 7L * 24 * 3600) {
  Cert cert(X509_new());
  if (!cert) fail("allocating a certificate");
  X509_set_version(cert.get(), 2);
  // Random serials: a client that cached an earlier run's certificate must not confuse the two.
  BIGNUM* serial = BN_new();
  BN_rand(serial, 64, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY);
  BN_to_ASN1_INTEGER(serial, X509_get_serialNumber(cert.get()));
  BN_free(serial);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), valid_seconds);
  X509_set_pubkey(cert.get(), subject_key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("rds-sim"), -1,
                             -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(cn), -1, -1, 0);
  X509* signer = issuer != nullptr ? issuer : cert.get();
  X509_set_issuer_name(cert.get(), X509_get_subject_name(signer));
  if (is_ca) {
    add_extension(cert.get(), signer, NID_basic_constraints, "critical,CA:TRUE");
    add_extension(cert.get(), signer, NID_key_usage, "critical,keyCertSign,cRLSign");
    add_extension(cert.get(), signer, NID_subject_key_identifier, "hash");
  } else {
    add_extension(cert.get(), signer, NID_basic_constraints, "critical,CA:FALSE");
    add_extension(cert.get(), signer, NID_key_usage, "critical,digitalSignature,keyEncipherment");
    add_extension(cert.get(), signer, NID_ext_key_usage, "serverAuth");
    add_extension(cert.get(), signer, NID_subject_alt_name, alt_names.c_str());
    add_extension(cert.get(), signer, NID_authority_key_identifier, "keyid:always");
  }
  if (X509_sign(cert.get(), issuer_key, EVP_sha256()) == 0)
    fail(std::string("signing the certificate for ") + cn);
  return cert;
}

std::unique_ptr<FILE, FileClose> open_private(const std::filesystem::path& path) {
  std::unique_ptr<FILE, FileClose> f(std::fopen(path.c_str(), "wx"));
  if (!f) throw std::runtime_error("TLS set-up: cannot create " + path.string());
  chmod(path.c_str(), 0600);
  return f;
}

void write_cert(const std::filesystem::path& path, X509* cert) {
  auto f = open_private(path);
  if (PEM_write_X509(f.get(), cert) != 1) fail("writing " + path.string());
}

void write_key(const std::filesystem::path& path, EVP_PKEY* key) {
  auto f = open_private(path);
  if (PEM_write_PrivateKey(f.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1)
    fail("writing " + path.string());
}

}  // namespace

namespace {
std::string subject_alt_names(const std::vector<std::string>& extra_hosts) {
  std::string names = "DNS:localhost,IP:127.0.0.1,IP:::1";
  for (const auto& host : extra_hosts) {
    if (host.empty() || host == "localhost" || host == "127.0.0.1" || host == "::1") continue;
    in6_addr v6{};
    in_addr v4{};
    const bool is_ip =
        inet_pton(AF_INET, host.c_str(), &v4) == 1 || inet_pton(AF_INET6, host.c_str(), &v6) == 1;
    names += (is_ip ? ",IP:" : ",DNS:") + host;
  }
  return names;
}
}  // namespace

TlsFiles generate_tls_files(const std::vector<std::string>& extra_hosts) {
  std::string pattern = (std::filesystem::temp_directory_path() / "rds-sim-tls-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr)
    throw std::runtime_error("TLS set-up: cannot create a temp directory");
  TlsFiles files;
  files.dir = pattern;
  files.ca_cert = files.dir / "ca.pem";
  files.server_cert = files.dir / "server.pem";
  files.server_key = files.dir / "server-key.pem";
  try {
    Pkey ca_key = new_key();
    Cert ca = new_cert(ca_key.get(), "rds-sim local CA", nullptr, ca_key.get(), true);
    Pkey server_key = new_key();
    Cert server = new_cert(server_key.get(), "localhost", ca.get(), ca_key.get(), false,
                           subject_alt_names(extra_hosts));
    write_cert(files.ca_cert, ca.get());
    write_cert(files.server_cert, server.get());
    write_key(files.server_key, server_key.get());
  } catch (...) {
    remove_tls_files(files);
    throw;
  }
  return files;
}

std::string self_signed_ca_pem(const std::string& common_name, long valid_seconds) {
  Pkey key = new_key();
  Cert ca = new_cert(key.get(), common_name.c_str(), nullptr, key.get(), true, "", valid_seconds);
  BIO* out = BIO_new(BIO_s_mem());
  if (out == nullptr || PEM_write_bio_X509(out, ca.get()) != 1) {
    BIO_free(out);
    fail("encoding the CA certificate");
  }
  char* data = nullptr;
  const long size = BIO_get_mem_data(out, &data);
  std::string pem(data, static_cast<std::size_t>(size));
  BIO_free(out);
  return pem;
}

void remove_tls_files(const TlsFiles& files) {
  std::error_code ignored;
  if (!files.dir.empty()) std::filesystem::remove_all(files.dir, ignored);
}

}  // namespace rds::sim
