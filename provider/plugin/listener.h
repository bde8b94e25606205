// Where the plugin's gRPC server listens. go-plugin's default on Linux is a unix socket; we put it
// in a fresh private directory (mode 0700) so no other user can connect or replace it, and fall
// back to tcp on 127.0.0.1 (within PLUGIN_MIN_PORT..PLUGIN_MAX_PORT) when no socket can be made.
#pragma once

#include <string>

#include "provider/plugin/environment.h"

namespace rds::plugin {

struct ListenAddress {
  std::string network;  // "unix" or "tcp"
  std::string address;  // socket path, or "127.0.0.1:PORT"

  // The address in gRPC's URI form: "unix:/path" or "127.0.0.1:PORT".
  std::string grpc_uri() const;
};

// A private directory that holds the unix socket; removed (with the socket) on destruction.
class SocketDirectory {
 public:
  // Creates "<parent>/tf-provider-rds-XXXXXX" with mode 0700. Throws std::runtime_error with the
  // reason (errno text) when the directory cannot be created.
  explicit SocketDirectory(const std::string& parent);
  ~SocketDirectory();
  SocketDirectory(const SocketDirectory&) = delete;
  SocketDirectory& operator=(const SocketDirectory&) = delete;

  const std::string& path() const { return path_; }
  std::string socket_path() const { return path_ + "/plugin.sock"; }

 private:
  std::string path_;
};

// The parent directory for the socket directory: PLUGIN_UNIX_SOCKET_DIR, else TMPDIR, else /tmp.
std::string socket_parent_directory(const PluginEnvironment& env);

// True when `path` fits in sockaddr_un.sun_path (about 107 bytes on Linux).
bool fits_unix_socket_path(const std::string& path);

// The first tcp port in `ports` that can be bound on 127.0.0.1 right now (port 0 in the range
// means "any free port": the kernel picks one). Throws std::runtime_error naming the range when
// none is free.
int find_free_tcp_port(const PortRange& ports);

}  // namespace rds::plugin
