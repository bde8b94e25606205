#include "provider/plugin/tls_certificate.h"

#include <gtest/gtest.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace rds::plugin {
namespace {

struct X509Free {
  void operator()(X509* cert) const { X509_free(cert); }
};

std::unique_ptr<X509, X509Free> parse(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  return std::unique_ptr<X509, X509Free>(cert);
}

TEST(AutoMtlsCertificate, IsSelfSignedCaForLocalhostUsableAsServerAndClient) {
  const auto certificate = generate_self_signed_certificate();
  const auto cert = parse(certificate.cert_pem);
  ASSERT_TRUE(cert);
  EXPECT_EQ(X509_check_ca(cert.get()), 1) << "CA:TRUE, as go-plugin's";
  EXPECT_EQ(X509_check_host(cert.get(), "localhost", 0, 0, nullptr), 1) << "SAN DNS:localhost";
  EXPECT_TRUE(X509_get_extended_key_usage(cert.get()) & XKU_SSL_SERVER);
  EXPECT_TRUE(X509_get_extended_key_usage(cert.get()) & XKU_SSL_CLIENT);
  EXPECT_TRUE(X509_get_key_usage(cert.get()) & KU_KEY_CERT_SIGN);
  EVP_PKEY* key = X509_get0_pubkey(cert.get());
  EXPECT_EQ(X509_verify(cert.get(), key), 1) << "self-signed";
  EXPECT_EQ(EVP_PKEY_get_base_id(key), EVP_PKEY_EC);
  EXPECT_LT(X509_cmp_current_time(X509_get0_notBefore(cert.get())), 0) << "valid now";
  EXPECT_GT(X509_cmp_current_time(X509_get0_notAfter(cert.get())), 0);
  EXPECT_NE(certificate.key_pem.find("PRIVATE KEY"), std::string::npos);
}

TEST(AutoMtlsCertificate, IsFreshEachTime) {
  const auto a = generate_self_signed_certificate();
  const auto b = generate_self_signed_certificate();
  EXPECT_NE(a.cert_der, b.cert_der);
  EXPECT_NE(a.key_pem, b.key_pem);
}

TEST(AutoMtlsCertificate, DerAndPemConvertBothWays) {
  const auto certificate = generate_self_signed_certificate();
  EXPECT_EQ(pem_to_der(certificate.cert_pem), certificate.cert_der);
  EXPECT_EQ(der_to_pem(certificate.cert_der), certificate.cert_pem);
  EXPECT_THROW(pem_to_der("not a certificate"), std::runtime_error);
  EXPECT_THROW(der_to_pem("junk"), std::runtime_error);
}

}  // namespace
}  // namespace rds::plugin
