// Reading cacert_file, the PEM bundle of CAs to trust, once and within bounds.
//
// A path can name anything: a FIFO nobody writes to (opening it with std::ifstream blocked the
// provider's ConfigureProvider for ever, and with it Terraform), /dev/zero, a directory, a
// 200 MB file. So the file is opened non-blocking, fstat'ed, read only when it is a regular file below
// kMaxCacertFileBytes, and must hold a certificate OpenSSL can read. The client then hands libcurl these
// bytes instead of the path, so the file is never opened again, by anything, after the check.
//
//   const CacertFile bundle = load_cacert_file(path);
//   if (!bundle.problem.empty()) throw ConfigError("cacert_file \"" + path + "\" " + bundle.problem);
#pragma once

#include <cstddef>
#include <string>

namespace rds::client {

// The largest bundle accepted. Debian's whole system store (about 140 CAs) is about 200 KiB.
inline constexpr std::size_t kMaxCacertFileBytes = 1024 * 1024;

struct CacertFile {
  std::string pem;      // the file's content, when it is usable
  std::string problem;  // otherwise what was found, as a clause: "is a FIFO (named pipe), not a regular file"
};

// Never blocks on the file, whatever it is. The problem is one of: does not exist, cannot be opened
// (with the reason), is a FIFO / directory / character device / block device / socket, is N MiB (over
// the 1 MiB limit), holds no PEM certificate, or holds a certificate block OpenSSL cannot read.
CacertFile load_cacert_file(const std::string& path);

}  // namespace rds::client
