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

TEST(FreeTcpPort, IsWithinTheRangeAndSkipsBusyPorts) {
  // Occupy one port, then ask for a range that starts with it.
  const int busy = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(busy, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(::listen(busy, 1), 0);
  socklen_t length = sizeof addr;
  ::getsockname(busy, reinterpret_cast<sockaddr*>(&addr), &length);
  const int busy_port = ntohs(addr.sin_port);

  if (busy_port < 65535) {
    const int port = find_free_tcp_port({busy_port, busy_port + 1});
    EXPECT_EQ(port, busy_port + 1);
  }
  EXPECT_THROW(find_free_tcp_port({busy_port, busy_port}), std::runtime_error);
  ::close(busy);
}

TEST(FreeTcpPort, ZeroMeansAnyFreePort) { EXPECT_GT(find_free_tcp_port({0, 0}), 0); }

}  // namespace
}  // namespace rds::plugin
