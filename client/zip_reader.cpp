#include "client/zip_reader.h"

#include <zlib.h>

#include <algorithm>
#include <cstdint>

#include "client/printable.h"

namespace rds::client {

namespace {

constexpr std::uint32_t kEndOfDirectorySignature = 0x06054b50;
constexpr std::uint32_t kDirectoryEntrySignature = 0x02014b50;
constexpr std::uint32_t kLocalHeaderSignature = 0x04034b50;
constexpr std::size_t kEndOfDirectorySize = 22;
constexpr std::size_t kDirectoryEntrySize = 46;
constexpr std::size_t kLocalHeaderSize = 30;
constexpr std::size_t kLongestComment = 0xffff;
constexpr std::uint16_t kStored = 0;
constexpr std::uint16_t kDeflated = 8;
constexpr std::uint16_t kEncryptedFlag = 0x0001;

// How errors name an entry: names come from the network, so control characters are replaced.
std::string quoted(const std::string& name) { return "entry \"" + printable(name, 200) + "\""; }

std::string mib(std::size_t bytes) {
  const std::size_t tenths = bytes * 10 / (1024 * 1024);
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " MiB";
}

// Little-endian fields at `offset`; callers have checked that the bytes are there.
std::uint16_t u16(std::string_view data, std::size_t offset) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(data[offset]) |
                                    static_cast<unsigned char>(data[offset + 1]) << 8);
}
std::uint32_t u32(std::string_view data, std::size_t offset) {
  return static_cast<std::uint32_t>(u16(data, offset)) | static_cast<std::uint32_t>(u16(data, offset + 2))
                                                             << 16;
}

bool fits(std::string_view data, std::size_t offset, std::size_t size) {
  return offset <= data.size() && size <= data.size() - offset;
}

// The end-of-central-directory record: the last one whose comment ends exactly at the end of the file.
std::size_t find_end_of_directory(std::string_view archive) {
  if (archive.size() < kEndOfDirectorySize)
    throw ZipError("the file is not a zip: it has " + std::to_string(archive.size()) +
                   " bytes, fewer than a zip's end record alone");
  const std::size_t last = archive.size() - kEndOfDirectorySize;
  const std::size_t first = last > kLongestComment ? last - kLongestComment : 0;
  for (std::size_t at = last + 1; at-- > first;) {
    if (u32(archive, at) == kEndOfDirectorySignature &&
        at + kEndOfDirectorySize + u16(archive, at + 20) == archive.size())
      return at;
  }
  throw ZipError("the file is not a zip, or it is truncated: it has no end-of-central-directory record");
}

struct DirectoryEntry {
  std::string name;
  std::uint16_t flags = 0;
  std::uint16_t method = 0;
  std::uint32_t crc = 0;
  std::uint32_t packed_size = 0;
  std::uint32_t unpacked_size = 0;
  std::uint32_t local_header = 0;
};

std::vector<DirectoryEntry> read_directory(std::string_view archive, const ZipLimits& limits) {
  const std::size_t end = find_end_of_directory(archive);
  const std::uint16_t disk = u16(archive, end + 4), directory_disk = u16(archive, end + 6);
  const std::uint16_t count_here = u16(archive, end + 8), count = u16(archive, end + 10);
  const std::uint32_t directory_size = u32(archive, end + 12), directory_offset = u32(archive, end + 16);
  if (disk != 0 || directory_disk != 0 || count_here != count)
    throw ZipError("the zip is split across several files, which is not supported");
  if (count == 0xffff || directory_size == 0xffffffff || directory_offset == 0xffffffff)
    throw ZipError("the zip is a ZIP64 archive, which is not supported (a CA bundle never needs it)");
  if (count > limits.max_entries)
    throw ZipError("the zip has " + std::to_string(count) + " entries; at most " +
                   std::to_string(limits.max_entries) + " are accepted");
  if (!fits(archive, directory_offset, directory_size) || directory_offset + directory_size > end)
    throw ZipError("the zip is truncated: its central directory lies outside the file");

  std::vector<DirectoryEntry> entries;
  std::size_t at = directory_offset;
  const std::size_t directory_end = directory_offset + directory_size;
  std::size_t declared_total = 0;
  for (std::uint16_t index = 0; index < count; ++index) {
    if (!fits(archive, at, kDirectoryEntrySize) || at + kDirectoryEntrySize > directory_end ||
        u32(archive, at) != kDirectoryEntrySignature)
      throw ZipError("the zip is damaged: its central directory ends after " + std::to_string(index) +
                     " of the " + std::to_string(count) + " entries it announces");
    DirectoryEntry entry;
    entry.flags = u16(archive, at + 8);
    entry.method = u16(archive, at + 10);
    entry.crc = u32(archive, at + 16);
    entry.packed_size = u32(archive, at + 20);
    entry.unpacked_size = u32(archive, at + 24);
    const std::size_t name_size = u16(archive, at + 28);
    const std::size_t tail_size = name_size + u16(archive, at + 30) + u16(archive, at + 32);
    entry.local_header = u32(archive, at + 42);
    if (at + kDirectoryEntrySize + tail_size > directory_end)
      throw ZipError("the zip is damaged: entry " + std::to_string(index + 1) +
                     " of its central directory runs past the directory's end");
    entry.name = std::string(archive.substr(at + kDirectoryEntrySize, name_size));
    at += kDirectoryEntrySize + tail_size;
    declared_total += entry.unpacked_size;
    if (declared_total > limits.max_unpacked_bytes)
      throw ZipError("the zip would unpack to more than " + mib(limits.max_unpacked_bytes) + " (" +
                     quoted(entry.name) + " alone declares " + std::to_string(entry.unpacked_size) +
                     " bytes); a CA bundle is a few KiB, so it is refused unread");
    entries.push_back(std::move(entry));
  }
  return entries;
}

// Inflates raw deflate data into exactly `size` bytes; anything more, less or broken is an error.
std::string inflate_exactly(std::string_view packed, std::size_t size, const std::string& name) {
  std::string out(size, '\0');
  z_stream stream{};
  if (inflateInit2(&stream, -MAX_WBITS) != Z_OK) throw ZipError("zlib could not start inflating " + name);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
  stream.avail_in = static_cast<uInt>(packed.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  int result = inflate(&stream, Z_FINISH);
  // A stream that fills the declared size exactly must still prove that it ends there: one more byte of
  // room either sees its end or shows that it goes on.
  if (result == Z_BUF_ERROR && stream.avail_out == 0) {
    unsigned char probe = 0;
    stream.next_out = &probe;
    stream.avail_out = 1;
    result = inflate(&stream, Z_FINISH);
  }
  const std::size_t produced = stream.total_out;
  const char* reason = stream.msg;
  inflateEnd(&stream);
  if (result == Z_STREAM_END && produced == size) return out;
  if (produced > size)
    throw ZipError(quoted(name) + " unpacks to more than the " + std::to_string(size) +
                   " bytes its directory declares");
  throw ZipError(quoted(name) + " is damaged or truncated: " +
                 (reason != nullptr ? std::string("zlib: ") + reason
                                    : "its deflate data ends after " + std::to_string(produced) + " bytes"));
}

std::string unpack(std::string_view archive, const DirectoryEntry& entry) {
  if (entry.flags & kEncryptedFlag)
    throw ZipError(quoted(entry.name) + " is encrypted, which is not supported");
  if (entry.method != kStored && entry.method != kDeflated)
    throw ZipError(quoted(entry.name) + " uses compression method " + std::to_string(entry.method) +
                   "; only stored (0) and deflated (8) entries are supported");
  const std::size_t header = entry.local_header;
  if (!fits(archive, header, kLocalHeaderSize) || u32(archive, header) != kLocalHeaderSignature)
    throw ZipError("the zip is damaged: " + quoted(entry.name) +
                   " has no local header where its directory says");
  const std::size_t data = header + kLocalHeaderSize + u16(archive, header + 26) + u16(archive, header + 28);
  if (!fits(archive, data, entry.packed_size))
    throw ZipError("the zip is truncated: the data of " + quoted(entry.name) +
                   " runs past the end of the file");
  const std::string_view packed = archive.substr(data, entry.packed_size);
  std::string content;
  if (entry.method == kStored) {
    if (entry.packed_size != entry.unpacked_size)
      throw ZipError("the zip is damaged: stored " + quoted(entry.name) + " declares two different sizes");
    content = std::string(packed);
  } else {
    content = inflate_exactly(packed, entry.unpacked_size, entry.name);
  }
  const auto crc = crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(content.data()),
                         static_cast<uInt>(content.size()));
  if (crc != entry.crc)
    throw ZipError("the zip is damaged: " + quoted(entry.name) + " fails its CRC-32 check");
  return content;
}

}  // namespace

std::vector<ZipEntry> read_zip(std::string_view archive, const ZipLimits& limits) {
  std::vector<ZipEntry> entries;
  for (const auto& entry : read_directory(archive, limits)) {
    if (entry.name.ends_with('/')) continue;
    entries.push_back(ZipEntry{entry.name, unpack(archive, entry)});
  }
  return entries;
}

}  // namespace rds::client
