// Reading the CA certificates out of a bundle zip: which files count, what is taken from each certificate
// (compared with what `openssl x509 -noout -fingerprint -sha256 -subject -dates -nameopt RFC2253` printed
// for the same certificates), and the errors for bundles without certificates or with broken ones.
#include "client/ca_certificates.h"

#include <gtest/gtest.h>

#include <string>

#include "sim/zip_writer.h"
#include "tests/support/test_certificate.h"

namespace rds::client {
namespace {

using rds::sim::deflated_file;
using rds::sim::stored_file;
using rds::sim::write_zip;
using namespace std::chrono;

// `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -days 3650
//  -subj "/O=rds-unit-test/CN=rds-unit-test second ca"`, key thrown away.
constexpr const char* kSecondCaPem = R"(-----BEGIN CERTIFICATE-----
MIIByDCCAW+gAwIBAgIUJrjt6fsVzITnm9Eyiqrkm2udkW4wCgYIKoZIzj0EAwIw
OjEWMBQGA1UECgwNcmRzLXVuaXQtdGVzdDEgMB4GA1UEAwwXcmRzLXVuaXQtdGVz
dCBzZWNvbmQgY2EwHhcNMjYxMjA2MDU0MjUwWhcNMzYxMjAzMDU0MjUwWjA6MRYw
FAYDVQQKDA1yZHMtdW5pdC10ZXN0MSAwHgYDVQQDDBdyZHMtdW5pdC10ZXN0IHNl
Y29uZCBjYTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABJaHEYQx/LqvXQKgVbcR
vdiNpe72BbSykbbjbynqLOPJpkhF0rlzA24pt1vRrV3qrAQxakzR3xaL/LBYabuc
d7WjUzBRMB0GA1UdDgQWBBTfVUfpyTLVRaYkNHJ6MrUs8lUQFDAfBgNVHSMEGDAW
gBTfVUfpyTLVRaYkNHJ6MrUs8lUQFDAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49
BAMCA0cAMEQCIDGWk44pSSDwZGGtx/UN2onQ7rMrvs448UPHcQsOZLPuAiBit2Zj
5qCguezrdj/YQSbT1taW1r/JSmcsM6oP0lPEYQ==
-----END CERTIFICATE-----
)";
const std::string kUnitCaPem = rds::testing::kTestCaCertificatePem;

std::string error_of(const std::string& zip) {
  try {
    ca_certificates_in_zip(zip, ZipLimits{});
  } catch (const CaBundleError& error) {
    return error.what();
  }
  return "(no error)";
}

TEST(CaCertificates, TakesPemCrtAndCerFilesInAnyCase) {
  EXPECT_TRUE(is_certificate_file_name("ca.pem"));
  EXPECT_TRUE(is_certificate_file_name("certs/CA-BUNDLE.PEM"));
  EXPECT_TRUE(is_certificate_file_name("root.Crt"));
  EXPECT_TRUE(is_certificate_file_name("root.cer"));
  EXPECT_FALSE(is_certificate_file_name("README.txt"));
  EXPECT_FALSE(is_certificate_file_name("ca.pem.sig"));
  EXPECT_FALSE(is_certificate_file_name("pem"));
  EXPECT_FALSE(is_certificate_file_name("ca.key"));
}

TEST(CaCertificates, DescribesEachCertificateAsOpensslPrintsIt) {
  const auto certs = parse_pem_certificates(kUnitCaPem + kSecondCaPem, "ca-bundle.pem");
  ASSERT_EQ(certs.size(), 2u);
  EXPECT_EQ(certs[0].source_file, "ca-bundle.pem");
  EXPECT_EQ(certs[0].pem, kUnitCaPem);
  EXPECT_EQ(certs[0].subject, "CN=rds-unit-test-ca");
  EXPECT_EQ(certs[0].issuer, "CN=rds-unit-test-ca");
  EXPECT_EQ(rfc3339(certs[0].not_before), "2026-12-06T02:28:07Z");
  EXPECT_EQ(rfc3339(certs[0].not_after), "2126-11-12T02:28:07Z");
  EXPECT_EQ(certs[0].sha256_fingerprint, "7eb2d2b19b9d810ef31c5c2605b5cb8a7e75ff3202a10b4c350731acf2619bb7");
  EXPECT_EQ(certs[1].pem, kSecondCaPem);
  EXPECT_EQ(certs[1].subject, "CN=rds-unit-test second ca,O=rds-unit-test");
  EXPECT_EQ(rfc3339(certs[1].not_after), "2036-12-03T05:42:50Z");
  EXPECT_EQ(certs[1].sha256_fingerprint, "dc51b46ec4dde258454fc077807571dda9a5a2f9e4dafd35af3266735ec24786");
}

TEST(CaCertificates, ReadsCrlfPemAndSkipsTextAndOtherBlocks) {
  std::string crlf;
  for (char c : std::string(kSecondCaPem)) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  const std::string text =
      "Bundle of 2026\n-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n" + crlf +
      "trailing words\n";
  const auto certs = parse_pem_certificates(text, "ca.crt");
  ASSERT_EQ(certs.size(), 1u);
  EXPECT_EQ(certs[0].pem, kSecondCaPem);  // re-encoded with plain line ends
}

TEST(CaCertificates, ABrokenCertificateBlockIsAnErrorNamingItsFile) {
  const std::string broken = "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n";
  try {
    parse_pem_certificates(kUnitCaPem + broken, "ca.pem");
    FAIL() << "no error";
  } catch (const CaBundleError& error) {
    EXPECT_EQ(std::string(error.what())
                  .rfind("certificate 2 of ca.pem is not a readable X.509 certificate (OpenSSL: ", 0),
              0u)
        << error.what();
  }
}

TEST(CaCertificates, TakesEveryCertificateFileOfTheZipInOrder) {
  const std::string zip =
      write_zip({stored_file("README.txt", kUnitCaPem), deflated_file("root.CER", kSecondCaPem),
                 deflated_file("ca-bundle.pem", kUnitCaPem)});
  const auto certs = ca_certificates_in_zip(zip, ZipLimits{});
  ASSERT_EQ(certs.size(), 2u);  // README.txt is not a certificate file, whatever it holds
  EXPECT_EQ(certs[0].source_file, "root.CER");
  EXPECT_EQ(certs[0].pem, kSecondCaPem);
  EXPECT_EQ(certs[1].source_file, "ca-bundle.pem");
  EXPECT_EQ(certs[1].pem, kUnitCaPem);
}

TEST(CaCertificates, AZipWithoutCertificatesNamesTheFilesItHolds) {
  EXPECT_EQ(error_of(write_zip({stored_file("README.txt", "hello"), stored_file("ca.pem", "no PEM here")})),
            "the zip holds no PEM certificate in a .pem, .crt or .cer file; it contains: README.txt, ca.pem");
  EXPECT_EQ(error_of(write_zip({})),
            "the zip holds no PEM certificate in a .pem, .crt or .cer file; it contains: no files at all");
}

TEST(CaCertificates, FormatsTimesAsRfc3339Utc) {
  EXPECT_EQ(rfc3339(sys_seconds(seconds(0))), "1970-01-01T00:00:00Z");
  EXPECT_EQ(rfc3339(sys_days(year(2049) / 12 / 31) + hours(23) + minutes(59) + seconds(59)),
            "2049-12-31T23:59:59Z");
}

}  // namespace
}  // namespace rds::client
