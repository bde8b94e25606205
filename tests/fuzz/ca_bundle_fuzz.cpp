// A CA bundle zip as the provider downloads it: the zip reader (client/zip_reader.h) and the PEM parsing
// of its certificate files (client/ca_certificates.h). The input is the zip's bytes. Contracts: reading
// the zip returns at most the limits' entries and bytes, no folder, or throws ZipError; reading the
// certificates returns at least one, each with a PEM block that reads back as the same certificate, a
// 64-digit lower-case hex fingerprint and a certificate file name, or throws ZipError or CaBundleError;
// nothing else is thrown.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "client/ca_certificates.h"
#include "client/zip_reader.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using namespace rds::client;

bool is_lower_hex(const std::string& text) {
  for (char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

// Smaller limits than the provider's, so that the fuzzer reaches them with small inputs.
ZipLimits fuzz_limits() {
  ZipLimits limits;
  limits.max_entries = 8;
  limits.max_unpacked_bytes = 64 * 1024;
  return limits;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const ZipLimits limits = fuzz_limits();

  std::vector<ZipEntry> entries;
  if (rds::fuzz::returns_or_throws<ZipError>([&] { entries = read_zip(input, limits); })) {
    FUZZ_CHECK(entries.size() <= limits.max_entries, std::to_string(entries.size()) + " entries");
    std::size_t unpacked = 0;
    for (const auto& entry : entries) {
      unpacked += entry.content.size();
      FUZZ_CHECK(!entry.name.ends_with('/'), "folder " + entry.name + " returned as a file");
    }
    FUZZ_CHECK(unpacked <= limits.max_unpacked_bytes, std::to_string(unpacked) + " bytes unpacked");
  }

  std::vector<CaCertificate> certificates;
  try {
    certificates = ca_certificates_in_zip(input, limits);
  } catch (const ZipError&) {
    return 0;
  } catch (const CaBundleError&) {
    return 0;
  } catch (const std::exception& other) {
    rds::fuzz::fail("only ZipError or CaBundleError is thrown", other.what(), __FILE__, __LINE__);
  }
  FUZZ_CHECK(!certificates.empty(), std::string("a bundle read without certificates"));
  for (const auto& certificate : certificates) {
    FUZZ_CHECK(certificate.pem.starts_with("-----BEGIN CERTIFICATE-----\n"), certificate.pem);
    FUZZ_CHECK(certificate.sha256_fingerprint.size() == 64 && is_lower_hex(certificate.sha256_fingerprint),
               certificate.sha256_fingerprint);
    FUZZ_CHECK(is_certificate_file_name(certificate.source_file), certificate.source_file);
    // What was re-encoded reads back as the same certificate.
    const auto again = parse_pem_certificates(certificate.pem, certificate.source_file);
    FUZZ_CHECK(again.size() == 1 && again[0].sha256_fingerprint == certificate.sha256_fingerprint,
               certificate.pem);
  }
  return 0;
}
