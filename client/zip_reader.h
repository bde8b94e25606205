// A small reader for the zip files clouds serve CA bundles in: the central directory, then each entry,
// stored or deflated (zlib's inflate). Everything else (ZIP64, split archives, encryption, other
// compression methods) is refused: a CA bundle never needs it, and every feature is one more way in for
// a hostile answer.
//
//   auto entries = rds::client::read_zip(bytes, ZipLimits{});  // throws ZipError
//   for (const auto& entry : entries) use(entry.name, entry.content);
//
// The limits are checked before anything is unpacked (the entry count and the sizes the directory
// declares), and inflate never writes past an entry's declared size, so a zip bomb fails after reading
// its directory, not after filling memory. Sizes and CRC-32 are checked against what unpacking produced.
// Format: PKWARE APPNOTE.TXT 6.3.x, sections 4.3 (structure) and 4.4 (fields).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "client/errors.h"

namespace rds::client {

struct ZipLimits {
  std::size_t max_entries = 64;
  std::size_t max_unpacked_bytes = 4 * 1024 * 1024;  // all entries together
};

struct ZipEntry {
  std::string name;  // as the archive spells it, e.g. "ca-bundle.pem" or "certs/ca.crt"
  std::string content;
};

// The archive is not a zip this reader accepts, or breaks a limit; what() says which and why.
class ZipError : public Error {
 public:
  using Error::Error;
};

// Every entry of `archive`, in central-directory order; folders ("name/") are left out.
std::vector<ZipEntry> read_zip(std::string_view archive, const ZipLimits& limits);

}  // namespace rds::client
