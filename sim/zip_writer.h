#pragma once
// Writes the zip files rds-sim serves CA bundles in (and tests build hostile ones from): one central
// directory, entries stored or deflated with zlib, no ZIP64. PKWARE APPNOTE.TXT 6.3.x, section 4.3.
//
//   std::string zip = rds::sim::write_zip({deflated_file("ca-bundle.pem", pem), stored_file("README.txt",
//   text)});
#include <string>
#include <vector>

namespace rds::sim {

struct ZipFile {
  std::string name;
  std::string content;
  bool deflate = true;
};

ZipFile deflated_file(std::string name, std::string content);
ZipFile stored_file(std::string name, std::string content);

// The archive's bytes. Throws std::runtime_error when zlib fails or an entry exceeds the zip's 4 GiB.
std::string write_zip(const std::vector<ZipFile>& files);

}  // namespace rds::sim
