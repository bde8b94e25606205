#include "client/cacert_file.h"

#include <fcntl.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>

namespace rds::client {
namespace {

constexpr std::string_view kCertificateBegin = "-----BEGIN CERTIFICATE-----";

// Closes the descriptor on every way out.
struct FileDescriptor {
  int fd;
  ~FileDescriptor() {
    if (fd >= 0) ::close(fd);
  }
};

CacertFile problem(std::string text) { return CacertFile{"", std::move(text)}; }

// "a FIFO (named pipe)" for every kind of file that is not a regular one.
std::string kind_of(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

// "200 MiB", "1.5 MiB", "300 KiB", "12 bytes".
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

std::string too_large(unsigned long long bytes) {
  return "is " + size_text(bytes) + ", over the " + size_text(kMaxCacertFileBytes) + " limit for a CA bundle";
}

// How many certificates OpenSSL reads from `pem`, with the reader libcurl uses for a CA blob
// (PEM_X509_INFO_read_bio): it fails on any block it cannot read. nullopt when it fails.
std::optional<int> certificate_count(const std::string& pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())),
                                                &BIO_free);
  if (!bio) return std::nullopt;
  STACK_OF(X509_INFO)* infos = PEM_X509_INFO_read_bio(bio.get(), nullptr, nullptr, nullptr);
  ERR_clear_error();  // the reason is ours to tell; leave no error queued for the next TLS call
  if (infos == nullptr) return std::nullopt;
  int count = 0;
  for (int i = 0; i < sk_X509_INFO_num(infos); ++i)
    if (sk_X509_INFO_value(infos, i)->x509 != nullptr) ++count;
  sk_X509_INFO_pop_free(infos, X509_INFO_free);
  return count;
}

}  // namespace

CacertFile load_cacert_file(const std::string& path) {
  // O_NONBLOCK: opening a FIFO without a writer returns at once instead of waiting for one.
  // O_NOCTTY: a terminal named here must not become our controlling terminal.
  FileDescriptor file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)};
  if (file.fd < 0) {
    if (errno == ENOENT) return problem("does not exist");
    return problem(std::string("cannot be opened (") + std::strerror(errno) + ")");
  }
  struct stat info {};
  if (::fstat(file.fd, &info) != 0)
    return problem(std::string("cannot be read (") + std::strerror(errno) + ")");
  if (!S_ISREG(info.st_mode)) return problem("is " + kind_of(info.st_mode) + ", not a regular file");
  if (static_cast<unsigned long long>(info.st_size) > kMaxCacertFileBytes)
    return problem(too_large(info.st_size));

  // Read at most one byte more than the limit: the file may grow after fstat, or report a wrong size.
  std::string pem(kMaxCacertFileBytes + 1, '\0');
  std::size_t filled = 0;
  while (filled < pem.size()) {
    const ssize_t got = ::read(file.fd, pem.data() + filled, pem.size() - filled);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return problem(std::string("cannot be read (") + std::strerror(errno) + ")");
    if (got == 0) break;
    filled += static_cast<std::size_t>(got);
  }
  if (filled > kMaxCacertFileBytes)
    return problem("grows past the " + size_text(kMaxCacertFileBytes) +
                   " limit for a CA bundle while it is read");
  pem.resize(filled);

  if (pem.find(kCertificateBegin) == std::string::npos)
    return problem("holds no PEM certificate (no " + std::string(kCertificateBegin) + " line)");
  const std::optional<int> count = certificate_count(pem);
  if (!count) return problem("holds a PEM block that OpenSSL cannot read as a certificate");
  if (*count == 0) return problem("holds no PEM certificate that OpenSSL can read");
  return CacertFile{std::move(pem), ""};
}

}  // namespace rds::client
