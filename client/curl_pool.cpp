#include "client/curl_pool.h"

#include <algorithm>

#include "client/curl_transport.h"
#include "client/errors.h"

namespace rds::client {

void CurlPool::lock(CURL*, curl_lock_data data, curl_lock_access, void* user) {
  static_cast<CurlPool*>(user)->share_locks_[data].lock();
}
void CurlPool::unlock(CURL*, curl_lock_data data, void* user) {
  static_cast<CurlPool*>(user)->share_locks_[data].unlock();
}

CurlPool::CurlPool(PoolLimits limits) : limits_(limits) {}

CurlPool::~CurlPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  idle_changed_.notify_one();
  if (reaper_.joinable()) reaper_.join();
  if (curl_ == nullptr) return;  // never used: libcurl was not even loaded
  close(idle_);
  curl_->share_cleanup(share_);
}

void CurlPool::start(const TransportOptions& options) {
  // With cacert_file, its bytes are what is trusted (CurlTransport::send); nothing else is looked for.
  if (options.ca_bundle_pem.empty()) {
    try {
      ca_ = find_ca_bundle(options.cacert_file);
    } catch (const CaBundleNotFound& e) {
      ca_missing_ = e.what();  // an error only for https without insecure, see CurlTransport::send
    }
  }
  const LibCurl& loaded = libcurl();
  share_ = loaded.share_init();
  if (share_ == nullptr) throw TransportError("creating an HTTP handle", "libcurl out of memory", false);
  loaded.share_setopt(share_, CURLSHOPT_LOCKFUNC, &CurlPool::lock);
  loaded.share_setopt(share_, CURLSHOPT_UNLOCKFUNC, &CurlPool::unlock);
  loaded.share_setopt(share_, CURLSHOPT_USERDATA, this);
  loaded.share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
  loaded.share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
  curl_ = &loaded;
}

void CurlPool::collect_expired(std::vector<Slot>& expired) {
  const auto oldest_kept = std::chrono::steady_clock::now() - limits_.idle_lifetime;
  std::erase_if(idle_, [&](const Slot& slot) {
    if (slot.idle_since >= oldest_kept) return false;
    expired.push_back(slot);
    return true;
  });
}

void CurlPool::reap() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    std::vector<Slot> expired;
    collect_expired(expired);
    if (!expired.empty()) {
      lock.unlock();
      close(expired);
      lock.lock();
      continue;
    }
    if (idle_.empty()) {
      idle_changed_.wait(lock);
      continue;
    }
    const auto oldest = std::min_element(idle_.begin(), idle_.end(), [](const Slot& a, const Slot& b) {
                          return a.idle_since < b.idle_since;
                        })->idle_since;
    idle_changed_.wait_until(lock, oldest + limits_.idle_lifetime);
  }
}

void CurlPool::close(const std::vector<Slot>& slots) const {
  for (const auto& slot : slots) {
    curl_->multi_cleanup(slot.multi);  // closes the slot's cached connection
    curl_->easy_cleanup(slot.easy);
  }
}

CurlPool::Slot CurlPool::take(const std::string& operation, const TransportOptions& options,
                              const CancelToken& cancel, std::chrono::milliseconds limit) {
  const auto give_up_at = std::chrono::steady_clock::now() + limit;
  std::vector<Slot> expired;
  {
    std::unique_lock lock(mutex_);
    if (curl_ == nullptr) {
      try {
        start(options);
      } catch (const LibCurlUnavailable& e) {
        throw TransportError(operation, e.what(), false);
      }
    }
    collect_expired(expired);
    // LIFO keeps one handle, and its connection, hot for a sequence of calls.
    while (idle_.empty() && in_use_ >= limits_.max_connections) {
      if (cancel.cancelled()) {
        lock.unlock();
        close(expired);
        throw CancelledError("waiting for a free connection for " + operation);
      }
      if (std::chrono::steady_clock::now() >= give_up_at) {
        lock.unlock();
        close(expired);
        throw TransportError(operation,
                             "all " + std::to_string(limits_.max_connections) +
                                 " connections of the provider process stayed busy for the request's whole "
                                 "time",
                             true);
      }
      returned_.wait_for(lock, std::chrono::milliseconds(50));  // cancel is polled, like the transfers
    }
    ++in_use_;
    if (!idle_.empty()) {
      Slot slot = idle_.back();
      idle_.pop_back();
      lock.unlock();
      close(expired);
      return slot;
    }
  }
  close(expired);
  Slot slot{curl_->easy_init(), curl_->multi_init()};
  if (!slot.easy || !slot.multi) {
    close({slot});  // libcurl's cleanups accept a null handle
    {
      std::lock_guard lock(mutex_);
      --in_use_;
    }
    returned_.notify_one();
    throw TransportError("creating an HTTP handle", "libcurl out of memory", false);
  }
  return slot;
}

void CurlPool::give_back(Slot slot) {
  std::vector<Slot> closing;
  {
    std::lock_guard lock(mutex_);
    --in_use_;
    collect_expired(closing);
    if (idle_.size() < limits_.max_idle) {
      slot.idle_since = std::chrono::steady_clock::now();
      idle_.push_back(slot);
      if (!reaper_.joinable()) reaper_ = std::thread(&CurlPool::reap, this);
    } else {
      closing.push_back(slot);
    }
  }
  returned_.notify_one();
  idle_changed_.notify_one();
  close(closing);
}

}  // namespace rds::client
