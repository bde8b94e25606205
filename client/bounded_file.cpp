#include "client/bounded_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace rds::client {
namespace {

// Closes the descriptor on every way out.
struct FileDescriptor {
  int fd;
  ~FileDescriptor() {
    if (fd >= 0) ::close(fd);
  }
};

BoundedFile problem(std::string text) { return BoundedFile{"", std::move(text), false}; }

// "a FIFO (named pipe)" for every kind of file that is not a regular one.
std::string kind_of(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

}  // namespace

std::string size_text(unsigned long long bytes) {
  char text[32];
  if (bytes < 1024) {
    std::snprintf(text, sizeof text, "%llu bytes", bytes);
  } else if (bytes < 1024 * 1024) {
    std::snprintf(text, sizeof text, "%llu KiB", bytes / 1024);
  } else {
    std::snprintf(text, sizeof text, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    std::string shown = text;
    if (shown.ends_with(".0 MiB")) shown.erase(shown.size() - 6, 2);
    return shown;
  }
  return text;
}

BoundedFile read_bounded_file(const std::string& path, std::size_t max_bytes, const std::string& what) {
  // O_NONBLOCK: opening a FIFO without a writer returns at once instead of waiting for one.
  // O_NOCTTY: a terminal named here must not become our controlling terminal.
  FileDescriptor file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)};
  if (file.fd < 0) {
    if (errno == ENOENT) return BoundedFile{"", "does not exist", true};
    return problem(std::string("cannot be opened (") + std::strerror(errno) + ")");
  }
  struct stat info {};
  if (::fstat(file.fd, &info) != 0)
    return problem(std::string("cannot be read (") + std::strerror(errno) + ")");
  if (!S_ISREG(info.st_mode)) return problem("is " + kind_of(info.st_mode) + ", not a regular file");
  const std::string limit = size_text(max_bytes) + " limit for " + what;
  if (static_cast<unsigned long long>(info.st_size) > max_bytes)
    return problem("is " + size_text(info.st_size) + ", over the " + limit);

  // Read at most one byte more than the limit: the file may grow after fstat, or report a wrong size.
  std::string content(max_bytes + 1, '\0');
  std::size_t filled = 0;
  while (filled < content.size()) {
    const ssize_t got = ::read(file.fd, content.data() + filled, content.size() - filled);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return problem(std::string("cannot be read (") + std::strerror(errno) + ")");
    if (got == 0) break;
    filled += static_cast<std::size_t>(got);
  }
  if (filled > max_bytes) return problem("grows past the " + limit + " while it is read");
  content.resize(filled);
  return BoundedFile{std::move(content), "", false};
}

}  // namespace rds::client
