#include "provider/plugin/tls_certificate.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <stdexcept>

namespace rds::plugin {
namespace {

template <auto Free>
struct Deleter {
  template <typename T>
  void operator()(T* pointer) const {
    Free(pointer);
  }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using CertPtr = std::unique_ptr<X509, Deleter<X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
using BignumPtr = std::unique_ptr<BIGNUM, Deleter<BN_free>>;

[[noreturn]] void fail(const std::string& what) {
  const unsigned long code = ERR_get_error();
  char reason[256] = "unknown error";
  if (code != 0) ERR_error_string_n(code, reason, sizeof reason);
  throw std::runtime_error("TLS certificate: " + what + ": " + reason);
}

void check(int ok, const char* what) {
  if (ok != 1) fail(what);
}

std::string bio_contents(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(size));
}

void add_extension(X509* cert, int nid, const char* value) {
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
  if (extension == nullptr) fail(std::string("extension ") + value);
  const int ok = X509_add_ext(cert, extension, -1);
  X509_EXTENSION_free(extension);
  check(ok, "add extension");
}

void set_random_serial(X509* cert) {
  // 128 random bits, like go-plugin's serial number.
  BignumPtr serial(BN_new());
  if (!serial || BN_rand(serial.get(), 128, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1) fail("serial");
  if (BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert)) == nullptr) fail("serial");
}

// Start-up cost: OpenSSL 3.0 converts keys to and from DER through its provider encoders and
// decoders, and the first use of each builds a store of every algorithm of every provider (perf: ~1 ms
// of a ~14 ms start, see docs/PERFORMANCE.md); X509_set_pubkey even does both (encode, then decode
// back), and parsing a certificate decodes its public key. For the one key type made here, P-256, the
// DER is a fixed template, so the start-up path writes it directly and leaves decoding to gRPC, which
// parses the key and the client certificate anyway.

constexpr size_t kP256PointBytes = 65;  // uncompressed: 04 || X || Y
constexpr size_t kP256ScalarBytes = 32;

// The public point of a P-256 key, uncompressed.
std::string p256_point(EVP_PKEY* key) {
  std::string point(kP256PointBytes, '\0');
  size_t length = 0;
  check(
      EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY,
                                      reinterpret_cast<unsigned char*>(point.data()), point.size(), &length),
      "public point");
  if (length != kP256PointBytes || point[0] != 0x04) fail("public point is not an uncompressed P-256 point");
  return point;
}

// The certificate's SubjectPublicKeyInfo: id-ecPublicKey, namedCurve prime256v1, the point.
void set_p256_public_key(X509* cert, const std::string& point) {
  auto* bits = static_cast<unsigned char*>(OPENSSL_memdup(point.data(), point.size()));
  if (bits == nullptr) fail("public key");
  if (X509_PUBKEY_set0_param(X509_get_X509_PUBKEY(cert), OBJ_nid2obj(NID_X9_62_id_ecPublicKey), V_ASN1_OBJECT,
                             OBJ_nid2obj(NID_X9_62_prime256v1), bits, static_cast<int>(point.size())) != 1) {
    OPENSSL_free(bits);
    fail("public key");
  }
}

// PKCS#8 PrivateKeyInfo of a P-256 key, byte for byte what PEM_write_bio_PrivateKey writes:
//   SEQUENCE { INTEGER 0, SEQUENCE { OID id-ecPublicKey, OID prime256v1 },
//              OCTET STRING { SEQUENCE { INTEGER 1, OCTET STRING scalar(32), [1] BIT STRING point } } }
// (RFC 5208, RFC 5915). The test compares it with OpenSSL's encoder.
std::string p256_private_key_pem(EVP_PKEY* key, const std::string& point) {
  BIGNUM* scalar_bn = nullptr;
  check(EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_PRIV_KEY, &scalar_bn), "private scalar");
  BignumPtr scalar_owner(scalar_bn);
  unsigned char scalar[kP256ScalarBytes];
  if (BN_bn2binpad(scalar_bn, scalar, sizeof scalar) != static_cast<int>(sizeof scalar))
    fail("private scalar");
  static const unsigned char kHead[] = {
      0x30, 0x81, 0x87, 0x02, 0x01, 0x00,                                    // PrivateKeyInfo, v0
      0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01,      // id-ecPublicKey
      0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07,            // prime256v1
      0x04, 0x6d, 0x30, 0x6b, 0x02, 0x01, 0x01, 0x04, 0x20};                 // ECPrivateKey v1
  static const unsigned char kPointHead[] = {0xa1, 0x44, 0x03, 0x42, 0x00};  // [1] BIT STRING
  std::string der(reinterpret_cast<const char*>(kHead), sizeof kHead);
  der.append(reinterpret_cast<const char*>(scalar), sizeof scalar);
  der.append(reinterpret_cast<const char*>(kPointHead), sizeof kPointHead);
  der += point;
  OPENSSL_cleanse(scalar, sizeof scalar);
  BioPtr bio(BIO_new(BIO_s_mem()));
  const int written =
      PEM_write_bio(bio.get(), PEM_STRING_PKCS8INF, "", reinterpret_cast<const unsigned char*>(der.data()),
                    static_cast<long>(der.size()));
  OPENSSL_cleanse(der.data(), der.size());
  if (written <= 0) fail("private key PEM");
  return bio_contents(bio.get());
}

// The DER of the first CERTIFICATE block of `pem`, if it has a certificate's shape: SEQUENCE {
// tbsCertificate SEQUENCE, signatureAlgorithm SEQUENCE, signature BIT STRING } and nothing after.
std::string certificate_der(const std::string& pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  unsigned char* data = nullptr;
  long length = 0;
  if (PEM_bytes_read_bio(&data, &length, nullptr, PEM_STRING_X509, bio.get(), nullptr, nullptr) != 1)
    fail("cannot parse PEM certificate");
  std::string der(reinterpret_cast<const char*>(data), static_cast<size_t>(length));
  OPENSSL_free(data);
  const auto* cursor = reinterpret_cast<const unsigned char*>(der.data());
  STACK_OF(ASN1_TYPE)* fields = d2i_ASN1_SEQUENCE_ANY(nullptr, &cursor, static_cast<long>(der.size()));
  const bool shaped =
      fields != nullptr && cursor == reinterpret_cast<const unsigned char*>(der.data()) + der.size() &&
      sk_ASN1_TYPE_num(fields) == 3 && ASN1_TYPE_get(sk_ASN1_TYPE_value(fields, 0)) == V_ASN1_SEQUENCE &&
      ASN1_TYPE_get(sk_ASN1_TYPE_value(fields, 1)) == V_ASN1_SEQUENCE &&
      ASN1_TYPE_get(sk_ASN1_TYPE_value(fields, 2)) == V_ASN1_BIT_STRING;
  sk_ASN1_TYPE_pop_free(fields, ASN1_TYPE_free);
  if (!shaped) fail("cannot parse PEM certificate: not an X.509 certificate");
  return der;
}

std::string to_der(X509* cert) {
  unsigned char* der = nullptr;
  const int size = i2d_X509(cert, &der);
  if (size <= 0) fail("DER encoding");
  std::string out(reinterpret_cast<char*>(der), static_cast<size_t>(size));
  OPENSSL_free(der);
  return out;
}

std::string to_pem(X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  check(PEM_write_bio_X509(bio.get(), cert), "PEM encoding");
  return bio_contents(bio.get());
}

}  // namespace

Certificate generate_self_signed_certificate() {
  KeyPtr key(EVP_EC_gen("P-256"));
  if (!key) fail("P-256 key generation");

  CertPtr cert(X509_new());
  if (!cert) fail("X509_new");
  check(X509_set_version(cert.get(), 2), "version");  // X.509 v3
  set_random_serial(cert.get());
  if (X509_gmtime_adj(X509_getm_notBefore(cert.get()), -30) == nullptr) fail("notBefore");
  constexpr long kThirtyYears = 262980L * 3600L;  // go-plugin: 262980 hours
  if (X509_gmtime_adj(X509_getm_notAfter(cert.get()), kThirtyYears) == nullptr) fail("notAfter");

  X509_NAME* name = X509_get_subject_name(cert.get());
  const auto* organization = reinterpret_cast<const unsigned char*>("HashiCorp");
  const auto* common_name = reinterpret_cast<const unsigned char*>("localhost");
  check(X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, organization, -1, -1, 0), "subject O");
  check(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, common_name, -1, -1, 0), "subject CN");
  check(X509_set_issuer_name(cert.get(), name), "issuer");
  const std::string point = p256_point(key.get());
  set_p256_public_key(cert.get(), point);

  add_extension(cert.get(), NID_basic_constraints, "critical,CA:TRUE");
  add_extension(cert.get(), NID_key_usage,
                "critical,digitalSignature,keyEncipherment,keyAgreement,keyCertSign");
  add_extension(cert.get(), NID_ext_key_usage, "clientAuth,serverAuth");
  add_extension(cert.get(), NID_subject_alt_name, "DNS:localhost");
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0) fail("signing");

  Certificate out;
  out.cert_pem = to_pem(cert.get());
  out.cert_der = to_der(cert.get());
  out.key_pem = p256_private_key_pem(key.get(), point);
  return out;
}

std::string pem_to_der(const std::string& pem) { return certificate_der(pem); }

std::string der_to_pem(const std::string& der) {
  const auto* data = reinterpret_cast<const unsigned char*>(der.data());
  CertPtr cert(d2i_X509(nullptr, &data, static_cast<long>(der.size())));
  if (!cert) fail("cannot parse DER certificate");
  return to_pem(cert.get());
}

void disable_openssl_exit_cleanup() { OPENSSL_init_crypto(OPENSSL_INIT_NO_ATEXIT, nullptr); }

}  // namespace rds::plugin
