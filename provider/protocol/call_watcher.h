// Turns "the client of this RPC has gone away" into a CancelToken the provider's work watches.
//
// Terraform cancels an RPC when the user interrupts it or the call's deadline passes; gRPC then marks
// the call cancelled, but the synchronous API has no callback for that, only
// ServerContext::IsCancelled(). So one thread polls every watched call (every 20 ms while any is
// watched, idle otherwise) and cancels the token of each one whose client is gone, which stops its HTTP
// transfers, retries and waits within the client's reaction time instead of the 60 s HTTP timeout.
#pragma once

#include <condition_variable>
#include <list>
#include <memory>
#include <mutex>
#include <thread>

#include <grpcpp/server_context.h>

#include "common/cancel.h"

namespace rds::protocol {

class CallWatcher {
 public:
  CallWatcher();
  ~CallWatcher();
  CallWatcher(const CallWatcher&) = delete;
  CallWatcher& operator=(const CallWatcher&) = delete;

  // Watches `context` until the returned Watch is destroyed (at the end of the RPC).
  class Watch {
   public:
    ~Watch();
    Watch(const Watch&) = delete;
    Watch& operator=(const Watch&) = delete;
    const rds::CancelToken& token() const { return token_; }

   private:
    friend class CallWatcher;
    struct Entry;
    Watch(CallWatcher* watcher, std::list<std::shared_ptr<Entry>>::iterator entry, rds::CancelToken token);
    CallWatcher* watcher_;  // null when nothing is watched (no context)
    std::list<std::shared_ptr<Entry>>::iterator entry_;
    rds::CancelToken token_;
  };

  // A null context (tests calling the adapter directly) gives a token that never fires.
  std::unique_ptr<Watch> watch(grpc::ServerContext* context);

 private:
  void run();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::list<std::shared_ptr<Watch::Entry>> entries_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace rds::protocol
