// The last resort of a shutdown: ends the process when the clean way has not finished in time.
//
// gRPC's Server::Shutdown(deadline) cancels the calls still open at the deadline, then waits for every
// handler to return. A handler stuck where cancellation cannot reach it (a read that blocks in the kernel,
// as opening a FIFO with no writer once did in ConfigureProvider; a deadlock) would keep that wait, and the
// process, alive for ever, and neither SIGTERM nor GRPCController.Shutdown could end it.
//
//   ShutdownBackstop backstop(750ms, [] { ::_exit(1); });  // armed from here on
//   server->Shutdown(deadline);
//   server->Wait();
//   backstop.disarm();                                    // finished in time: nothing happens
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace rds::plugin {

class ShutdownBackstop {
 public:
  // Calls `on_overrun` on a thread of its own unless disarm() comes within `limit`.
  ShutdownBackstop(std::chrono::milliseconds limit, std::function<void()> on_overrun);
  // Disarms, and waits for the thread (and for on_overrun, if it already started).
  ~ShutdownBackstop();
  ShutdownBackstop(const ShutdownBackstop&) = delete;
  ShutdownBackstop& operator=(const ShutdownBackstop&) = delete;

  void disarm();

 private:
  std::mutex mutex_;
  std::condition_variable disarmed_changed_;
  bool disarmed_ = false;
  std::thread watcher_;
};

}  // namespace rds::plugin
