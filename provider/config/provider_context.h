#pragma once
// What the configured provider shares with its resources: the one API client (created by configure,
// used concurrently by every RPC) and the cancellation of work in flight (StopProvider).

#include <chrono>
#include <memory>
#include <mutex>

#include "client/rds_client.h"
#include "common/cancel.h"
#include "provider/config/region_clients.h"
#include "provider/core/diagnostics.h"

namespace rds::config {

// Refresh, import and data-source reads have no timeouts argument; each is bounded, with all its pages
// and retries, to this.
inline constexpr std::chrono::minutes kReadTimeout{5};

class ProviderContext {
 public:
  // Installs the client made by configure (replacing any earlier one: Terraform may configure again).
  void set_client(std::shared_ptr<rds::client::RdsClient> client);
  // Installs configure's clients of every region; client() is then regions->home().
  void set_regions(std::shared_ptr<RegionClients> regions);
  // nullptr until configure succeeded (or when only set_client was called).
  std::shared_ptr<RegionClients> regions() const;
  // nullptr until configure succeeded.
  std::shared_ptr<rds::client::RdsClient> client() const;
  // The client for an operation: nullptr, after adding an error saying the provider is not configured,
  // until configure succeeded.
  std::shared_ptr<rds::client::RdsClient> configured_client(rds::core::Diagnostics& diags) const;

  // The token an operation starting now should watch. stop() cancels every token handed out so far;
  // operations that start after a stop get a fresh one, because Terraform keeps using the provider
  // after StopProvider (it still reads and saves state).
  rds::CancelToken cancel_token() const;
  // The token of an operation serving an RPC: fires on stop() and when the RPC's client goes away.
  rds::CancelToken operation_token(const rds::CancelToken& rpc) const;
  void stop();

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<rds::client::RdsClient> client_;
  std::shared_ptr<RegionClients> regions_;
  rds::CancelSource cancel_;
};

}  // namespace rds::config
