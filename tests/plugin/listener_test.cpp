#include "provider/plugin/listener.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace rds::plugin {
namespace {

TEST(SocketDirectory, IsPrivateUnderParentAndRemovedWithItsContents) {
  const auto parent = std::filesystem::temp_directory_path().string();
  std::string path;
  {
    SocketDirectory dir(parent);
    path = dir.path();
    EXPECT_EQ(path.rfind(parent + "/tf-provider-rds-", 0), 0u) << path;
    struct stat info {};
    ASSERT_EQ(::stat(path.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0700u);
    EXPECT_EQ(dir.socket_path(), path + "/plugin.sock");
    std::ofstream(dir.socket_path()) << "stand-in for the socket";
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(SocketDirectory, UnusableParentIsAnErrorNamingIt) {
  try {
    SocketDirectory dir("/nonexistent/rds-plugin-parent");
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/rds-plugin-parent"), std::string::npos) << e.what();
  }
}

TEST(SocketParentDirectory, PrefersPluginUnixSocketDirThenTmpdir) {
  PluginEnvironment env;
  env.unix_socket_dir = "/run/custom";
  EXPECT_EQ(socket_parent_directory(env), "/run/custom");
  env.unix_socket_dir.clear();
  ::setenv("TMPDIR", "/var/tmp", 1);
  EXPECT_EQ(socket_parent_directory(env), "/var/tmp");
  ::unsetenv("TMPDIR");
  EXPECT_EQ(socket_parent_directory(env), "/tmp");
}

TEST(UnixSocketPath, LongPathsDoNotFit) {
  EXPECT_TRUE(fits_unix_socket_path("/tmp/tf-provider-rds-abcdef/plugin.sock"));
  EXPECT_FALSE(fits_unix_socket_path("/" + std::string(200, 'x') + "/plugin.sock"));
}

// A socket listening on 127.0.0.1:`port` (0: a port the kernel picks), or -1 when it cannot bind.
int listen_on(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd, 1) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

int port_of(int fd) {
  sockaddr_in addr{};
  socklen_t length = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &length);
  return ntohs(addr.sin_port);
}

// The test holds the first two ports of the range itself. Other processes may hold ports after them, so
// the answer is not pinned to one port: it must lie past the two busy ones and inside the range.
TEST(FreeTcpPort, IsWithinTheRangeAndSkipsBusyPorts) {
  int first = -1, second = -1;
  for (int attempt = 0; attempt < 50 && second < 0; ++attempt) {
    if (first >= 0) ::close(first);
    first = listen_on(0);
    ASSERT_GE(first, 0);
    if (port_of(first) < 65000) second = listen_on(port_of(first) + 1);
  }
  ASSERT_GE(second, 0) << "no two adjacent free ports found";
  const int busy = port_of(first);
  const PortRange range{busy, busy + 64};

  const int port = find_free_tcp_port(range);
  EXPECT_GT(port, busy + 1);
  EXPECT_LE(port, range.max);

  EXPECT_THROW(find_free_tcp_port({busy, busy + 1}), std::runtime_error);
  ::close(first);
  ::close(second);
}

TEST(FreeTcpPort, ZeroMeansAnyFreePort) { EXPECT_GT(find_free_tcp_port({0, 0}), 0); }

}  // namespace
}  // namespace rds::plugin
