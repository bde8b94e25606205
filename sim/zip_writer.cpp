#include "sim/zip_writer.h"

#include <zlib.h>

#include <cstdint>
#include <limits>
#include <stdexcept>

namespace rds::sim {

namespace {

void put16(std::string& out, std::uint32_t value) {
  out += static_cast<char>(value & 0xff);
  out += static_cast<char>((value >> 8) & 0xff);
}
void put32(std::string& out, std::uint32_t value) {
  put16(out, value & 0xffff);
  put16(out, value >> 16);
}

std::string deflate_raw(const std::string& content) {
  z_stream stream{};
  if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("zlib could not start deflating");
  std::string out(deflateBound(&stream, static_cast<uLong>(content.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(content.data()));
  stream.avail_in = static_cast<uInt>(content.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int result = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (result != Z_STREAM_END) throw std::runtime_error("zlib could not deflate an entry");
  return out;
}

// 2026-01-01 00:00 in MS-DOS time and date: fixed, so a bundle's bytes depend only on its contents.
constexpr std::uint32_t kDosTime = 0;
constexpr std::uint32_t kDosDate = ((2026 - 1980) << 9) | (1 << 5) | 1;

}  // namespace

ZipFile deflated_file(std::string name, std::string content) {
  ZipFile file;
  file.name = std::move(name);
  file.content = std::move(content);
  file.deflate = true;
  return file;
}

ZipFile stored_file(std::string name, std::string content) {
  ZipFile file = deflated_file(std::move(name), std::move(content));
  file.deflate = false;
  return file;
}

std::string write_zip(const std::vector<ZipFile>& files) {
  std::string archive, directory;
  for (const auto& file : files) {
    if (file.content.size() >= std::numeric_limits<std::uint32_t>::max())
      throw std::runtime_error("zip entry " + file.name + " is too large");
    const std::string data = file.deflate ? deflate_raw(file.content) : file.content;
    const auto crc = static_cast<std::uint32_t>(crc32(crc32(0L, Z_NULL, 0),
                                                      reinterpret_cast<const Bytef*>(file.content.data()),
                                                      static_cast<uInt>(file.content.size())));
    const auto offset = static_cast<std::uint32_t>(archive.size());
    const std::uint32_t method = file.deflate ? 8 : 0;
    auto common = [&](std::string& out) {
      put16(out, 20);  // version needed: 2.0 (deflate)
      put16(out, 0);   // flags
      put16(out, method);
      put16(out, kDosTime);
      put16(out, kDosDate);
      put32(out, crc);
      put32(out, static_cast<std::uint32_t>(data.size()));
      put32(out, static_cast<std::uint32_t>(file.content.size()));
      put16(out, static_cast<std::uint32_t>(file.name.size()));
      put16(out, 0);  // extra field length
    };
    put32(archive, 0x04034b50);
    common(archive);
    archive += file.name;
    archive += data;

    put32(directory, 0x02014b50);
    put16(directory, (3 << 8) | 20);  // made by: UNIX, 2.0
    common(directory);
    put16(directory, 0);            // comment length
    put16(directory, 0);            // disk
    put16(directory, 0);            // internal attributes
    put32(directory, 0644u << 16);  // external attributes: rw-r--r--
    put32(directory, offset);
    directory += file.name;
  }
  const auto directory_offset = static_cast<std::uint32_t>(archive.size());
  archive += directory;
  put32(archive, 0x06054b50);
  put16(archive, 0);
  put16(archive, 0);
  put16(archive, static_cast<std::uint32_t>(files.size()));
  put16(archive, static_cast<std::uint32_t>(files.size()));
  put32(archive, static_cast<std::uint32_t>(directory.size()));
  put32(archive, directory_offset);
  put16(archive, 0);  // comment length
  return archive;
}

}  // namespace rds::sim
