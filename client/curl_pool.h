// The easy handles of a CurlTransport, bounded. Each handle comes with the multi handle that drives it;
// the multi handle owns the connection cache, so a handle taken again reuses its open connection. A burst
// of concurrent calls must not leave its handles behind: each holds a TCP connection and the multi
// handle's socketpair (three descriptors), and a pool that never shrank once pinned every descriptor of
// the process (a burst of 500 calls, with the usual soft limit of 1024), so that gRPC could no longer
// accept Terraform's connections.
#pragma once

#include <array>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "client/ca_bundle.h"
#include "client/libcurl.h"
#include "common/cancel.h"

namespace rds::client {

struct TransportOptions;

struct PoolLimits {
  // Handles open at once, in use or idle; a call beyond waits for one to come back. Terraform runs 10
  // operations at a time by default, each making one call at a time.
  std::size_t max_connections = 32;
  // Idle handles kept for the next calls; a handle coming back to a full pool is closed at once. As many
  // as Terraform's default parallelism, so that its waves of 10 calls reuse their connections instead of
  // closing some and opening new ones for the next wave.
  std::size_t max_idle = 10;
  // An idle handle is closed this long after its call ended, by the pool's reaper thread, whether or not
  // more calls come (the API gateway may have dropped its connection meanwhile, which would leave it in
  // CLOSE-WAIT).
  std::chrono::milliseconds idle_lifetime{15'000};
};

class CurlPool {
 public:
  struct Slot {
    CURL* easy = nullptr;
    CURLM* multi = nullptr;
    std::chrono::steady_clock::time_point idle_since{};
  };

  explicit CurlPool(PoolLimits limits = {});
  ~CurlPool();
  CurlPool(const CurlPool&) = delete;
  CurlPool& operator=(const CurlPool&) = delete;

  // An idle handle, or a new one while fewer than max_connections are open; otherwise waits for one to
  // come back, at most `limit` (the request's time: then a retryable TransportError). The first call
  // loads libcurl and finds the CA certificates (TransportError when libcurl cannot be loaded);
  // CancelledError when `cancel` fires while waiting.
  Slot take(const std::string& operation, const TransportOptions& options, const CancelToken& cancel,
            std::chrono::milliseconds limit);
  // Returns a handle taken before: kept idle (until idle_lifetime has passed), or closed when max_idle are
  // idle already.
  void give_back(Slot slot);

  const PoolLimits& limits() const { return limits_; }
  // Set by the first take(): libcurl, the shared DNS / TLS session cache, the CA certificates found on
  // the machine and, when none were found, why.
  const LibCurl& curl() const { return *curl_; }
  CURLSH* share() const { return share_; }
  const CaBundle& ca() const { return ca_; }
  const std::string& ca_missing() const { return ca_missing_; }

 private:
  void start(const TransportOptions& options);  // under mutex_
  // Takes the idle handles past idle_lifetime out of the pool, to be closed outside the lock.
  void collect_expired(std::vector<Slot>& expired);  // under mutex_
  void close(const std::vector<Slot>& slots) const;
  // The reaper thread, started by the first give_back(): closes idle handles as their lifetime ends.
  void reap();

  static void lock(CURL*, curl_lock_data data, curl_lock_access, void* user);
  static void unlock(CURL*, curl_lock_data data, void* user);

  PoolLimits limits_;
  const LibCurl* curl_ = nullptr;
  CaBundle ca_;
  std::string ca_missing_;
  CURLSH* share_ = nullptr;
  std::array<std::mutex, CURL_LOCK_DATA_LAST> share_locks_;

  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<Slot> idle_;  // the most recently returned last
  std::size_t in_use_ = 0;
  std::condition_variable idle_changed_;  // wakes the reaper
  bool stopping_ = false;
  std::thread reaper_;
};

}  // namespace rds::client
