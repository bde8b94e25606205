#include "provider/plugin/listener.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <vector>

namespace rds::plugin {

std::string ListenAddress::grpc_uri() const { return network == "unix" ? "unix:" + address : address; }

SocketDirectory::SocketDirectory(const std::string& parent) {
  std::string pattern = parent + "/tf-provider-rds-XXXXXX";
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  // mkdtemp creates the directory with mode 0700 atomically, so it is private from the start.
  if (::mkdtemp(buffer.data()) == nullptr) {
    throw std::runtime_error("cannot create a socket directory in \"" + parent +
                             "\": " + std::strerror(errno));
  }
  path_ = buffer.data();
}

SocketDirectory::~SocketDirectory() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string socket_parent_directory(const PluginEnvironment& env) {
  if (!env.unix_socket_dir.empty()) return env.unix_socket_dir;
  const char* tmpdir = std::getenv("TMPDIR");
  if (tmpdir != nullptr && *tmpdir != '\0') return tmpdir;
  return "/tmp";
}

bool fits_unix_socket_path(const std::string& path) { return path.size() < sizeof(sockaddr_un{}.sun_path); }

namespace {

// Binds (and closes) a socket to probe whether `port` is free; returns the bound port or -1.
int try_bind_loopback(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int bound = -1;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    socklen_t length = sizeof addr;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &length) == 0) bound = ntohs(addr.sin_port);
  }
  ::close(fd);
  return bound;
}

}  // namespace

int find_free_tcp_port(const PortRange& ports) {
  for (int port = ports.min; port <= ports.max; ++port) {
    const int bound = try_bind_loopback(port);
    if (bound > 0) return bound;
  }
  throw std::runtime_error("no free tcp port on 127.0.0.1 between PLUGIN_MIN_PORT=" +
                           std::to_string(ports.min) + " and PLUGIN_MAX_PORT=" + std::to_string(ports.max));
}

}  // namespace rds::plugin
