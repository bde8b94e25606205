// The zip reader against archives built by rds-sim's writer, and against the hostile ones a link could
// serve instead: bombs, truncations, too many entries, lies in the directory.
#include "client/zip_reader.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "sim/zip_writer.h"

namespace rds::client {
namespace {

using rds::sim::deflated_file;
using rds::sim::stored_file;
using rds::sim::write_zip;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string error_of(const std::string& archive, const ZipLimits& limits = ZipLimits{}) {
  try {
    read_zip(archive, limits);
  } catch (const ZipError& error) {
    return error.what();
  }
  return "(no error)";
}

void put32(std::string& bytes, std::size_t offset, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) bytes[offset + i] = static_cast<char>((value >> (8 * i)) & 0xff);
}

// Where the central directory's only entry starts (the writer puts it right after the data).
std::size_t directory_offset(const std::string& archive) {
  const std::size_t end = archive.size() - 22;
  std::uint32_t offset = 0;
  for (int i = 3; i >= 0; --i) offset = offset << 8 | static_cast<unsigned char>(archive[end + 16 + i]);
  return offset;
}

TEST(ZipReader, ReadsStoredAndDeflatedEntriesInOrder) {
  const std::string pem(2000, 'p');
  const auto entries =
      read_zip(write_zip({stored_file("README.txt", "read me"), deflated_file("certs/ca.PEM", pem)}), {});
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].name, "README.txt");
  EXPECT_EQ(entries[0].content, "read me");
  EXPECT_EQ(entries[1].name, "certs/ca.PEM");
  EXPECT_EQ(entries[1].content, pem);
}

TEST(ZipReader, ReadsEmptyEntriesAndLeavesFoldersOut) {
  const auto entries = read_zip(write_zip({stored_file("certs/", ""), deflated_file("empty.txt", "")}), {});
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].name, "empty.txt");
  EXPECT_EQ(entries[0].content, "");
}

TEST(ZipReader, RefusesAZipBombBeforeInflatingIt) {
  // 5 MiB of zeros deflate to ~5 KiB: the download is small, the unpacked size is not.
  const std::string bomb = write_zip({deflated_file("ca.pem", std::string(5 * 1024 * 1024, '\0'))});
  ASSERT_LT(bomb.size(), 64u * 1024);
  EXPECT_EQ(error_of(bomb),
            "the zip would unpack to more than 4.0 MiB (entry \"ca.pem\" alone declares 5242880 bytes); a CA "
            "bundle is a few KiB, so it is refused unread");
}

TEST(ZipReader, CountsTheUnpackedSizeOfAllEntriesTogether) {
  const std::string three_mib(3 * 1024 * 1024, 'a');
  EXPECT_PRED2(contains,
               error_of(write_zip({deflated_file("a.pem", three_mib), deflated_file("b.pem", three_mib)})),
               "would unpack to more than 4.0 MiB (entry \"b.pem\" alone declares 3145728 bytes)");
}

TEST(ZipReader, StopsInflatingABombThatLiesAboutItsSize) {
  std::string bomb = write_zip({deflated_file("ca.pem", std::string(1024 * 1024, 'x'))});
  const std::size_t entry = directory_offset(bomb);
  put32(bomb, entry + 24, 1000);  // the directory now claims 1000 bytes unpacked
  EXPECT_EQ(error_of(bomb), "entry \"ca.pem\" unpacks to more than the 1000 bytes its directory declares");
}

TEST(ZipReader, RefusesMoreEntriesThanTheLimit) {
  std::vector<rds::sim::ZipFile> files;
  for (int i = 0; i < 65; ++i) files.push_back(stored_file("f" + std::to_string(i) + ".txt", "x"));
  EXPECT_EQ(error_of(write_zip(files)), "the zip has 65 entries; at most 64 are accepted");
  files.pop_back();
  EXPECT_EQ(read_zip(write_zip(files), {}).size(), 64u);
}

TEST(ZipReader, RefusesATruncatedZip) {
  const std::string whole = write_zip({stored_file("ca.pem", std::string(3000, 'c'))});
  EXPECT_EQ(error_of(whole.substr(0, whole.size() - 1)),
            "the file is not a zip, or it is truncated: it has no end-of-central-directory record");
  EXPECT_EQ(error_of(whole.substr(0, 10)),
            "the file is not a zip: it has 10 bytes, fewer than a zip's end record alone");
  // The end record survives, the data before it does not.
  std::string cut = whole;
  cut.erase(40, 100);
  EXPECT_PRED2(contains, error_of(cut), "the zip is truncated: its central directory lies outside the file");
}

TEST(ZipReader, RefusesDataThatRunsPastTheFile) {
  std::string archive = write_zip({stored_file("ca.pem", "0123456789")});
  const std::size_t entry = directory_offset(archive);
  put32(archive, entry + 20, 100000);  // packed size
  put32(archive, entry + 24, 100000);  // unpacked size
  EXPECT_EQ(error_of(archive),
            "the zip is truncated: the data of entry \"ca.pem\" runs past the end of the file");
}

TEST(ZipReader, RefusesAnEntryWhoseCrcDoesNotMatch) {
  std::string archive = write_zip({stored_file("ca.pem", "0123456789")});
  archive[30 + 6] = 'X';  // inside the stored data, after the 30-byte local header and the name
  EXPECT_EQ(error_of(archive), "the zip is damaged: entry \"ca.pem\" fails its CRC-32 check");
}

TEST(ZipReader, RefusesDamagedDeflateData) {
  std::string archive = write_zip({deflated_file("ca.pem", std::string(3000, 'c'))});
  for (std::size_t i = 36; i < 44; ++i) archive[i] = static_cast<char>(0xff);
  EXPECT_PRED2(contains, error_of(archive), "entry \"ca.pem\" is damaged or truncated: ");
}

TEST(ZipReader, RefusesEncryptedEntriesAndOtherMethods) {
  std::string encrypted = write_zip({stored_file("ca.pem", "x")});
  encrypted[directory_offset(encrypted) + 8] = 1;
  EXPECT_EQ(error_of(encrypted), "entry \"ca.pem\" is encrypted, which is not supported");
  std::string bzip2 = write_zip({stored_file("ca.pem", "x")});
  bzip2[directory_offset(bzip2) + 10] = 12;
  EXPECT_EQ(
      error_of(bzip2),
      "entry \"ca.pem\" uses compression method 12; only stored (0) and deflated (8) entries are supported");
}

TEST(ZipReader, ShowsControlCharactersInNamesAsSpaces) {
  const std::string bomb =
      write_zip({deflated_file("a\x1b]0;owned\x07.pem", std::string(5 * 1024 * 1024, 0))});
  EXPECT_PRED2(contains, error_of(bomb), "entry \"a ]0;owned .pem\" alone declares");
}

TEST(ZipReader, FindsTheEndRecordBehindAComment) {
  std::string archive = write_zip({stored_file("ca.pem", "x")});
  const std::string comment = "made by a cloud";
  archive[archive.size() - 2] = static_cast<char>(comment.size());
  archive += comment;
  EXPECT_EQ(read_zip(archive, {}).at(0).content, "x");
}

}  // namespace
}  // namespace rds::client
