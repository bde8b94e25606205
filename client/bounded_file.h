// Reading a file a user named, once and within bounds: a path can name anything (a FIFO nobody writes
// to, /dev/zero, a directory, a 200 MB file), so the file is opened non-blocking, fstat'ed, and read only
// when it is a regular file of at most `max_bytes`. Used for cacert_file and clouds.yaml.
#pragma once

#include <cstddef>
#include <string>

namespace rds::client {

struct BoundedFile {
  std::string content;  // the file's bytes, when it could be read
  std::string problem;  // otherwise what was found, as a clause: "is a FIFO (named pipe), not a regular file"
  bool missing = false;  // the problem is that the file does not exist
};

// Never blocks on the file, whatever it is. `what` names the file's role in the size message ("a CA
// bundle"). The problem is one of: does not exist, cannot be opened (with the reason), is a FIFO /
// directory / character device / block device / socket, is N MiB (over the limit), grows past the limit.
BoundedFile read_bounded_file(const std::string& path, std::size_t max_bytes, const std::string& what);

// "200 MiB", "1.5 MiB", "300 KiB", "12 bytes".
std::string size_text(unsigned long long bytes);

}  // namespace rds::client
