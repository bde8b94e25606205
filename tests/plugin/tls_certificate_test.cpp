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

TEST(AutoMtlsCertificate, KeyPemIsWhatOpenSslWritesAndMatchesTheCertificate) {
  const auto certificate = generate_self_signed_certificate();
  BIO* bio = BIO_new_mem_buf(certificate.key_pem.data(), static_cast<int>(certificate.key_pem.size()));
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  ASSERT_NE(key, nullptr) << certificate.key_pem;
  BIO* out = BIO_new(BIO_s_mem());
  ASSERT_EQ(PEM_write_bio_PrivateKey(out, key, nullptr, nullptr, 0, nullptr, nullptr), 1);
  char* data = nullptr;
  const long size = BIO_get_mem_data(out, &data);
  EXPECT_EQ(std::string(data, static_cast<size_t>(size)), certificate.key_pem) << "byte for byte PKCS#8 PEM";
  BIO_free(out);
  const auto cert = parse(certificate.cert_pem);
  ASSERT_TRUE(cert);
  EXPECT_EQ(X509_check_private_key(cert.get(), key), 1) << "the certificate carries this key's public half";
  EVP_PKEY_free(key);
}

TEST(AutoMtlsCertificate, PemToDerRejectsAnythingButACertificate) {
  const auto certificate = generate_self_signed_certificate();
  EXPECT_THROW(pem_to_der(""), std::runtime_error);
  EXPECT_THROW(pem_to_der(certificate.key_pem), std::runtime_error) << "a key is not a certificate";
  // A CERTIFICATE block whose content is some other DER (here: the private key's).
  std::string relabelled = certificate.key_pem;
  relabelled.replace(relabelled.find("PRIVATE KEY"), 11, "CERTIFICATE");
  relabelled.replace(relabelled.rfind("PRIVATE KEY"), 11, "CERTIFICATE");
  EXPECT_THROW(pem_to_der(relabelled), std::runtime_error);
  // The first certificate of a bundle, after other blocks.
  EXPECT_EQ(pem_to_der(certificate.key_pem + certificate.cert_pem), certificate.cert_der);
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
