// Test doubles for the client's seams: a scripted Transport and a Clock whose sleeps advance virtual
// time at once, so retry and wait logic runs without real sleeping.
#pragma once

#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "client/clock.h"
#include "client/http.h"

namespace rds::client::testing {

class FakeClock : public Clock {
 public:
  std::chrono::steady_clock::time_point now() override { return now_; }
  std::chrono::system_clock::time_point utc_now() override { return utc_ + (now_ - start_); }
  bool sleep_for(std::chrono::nanoseconds duration, const CancelToken& cancel) override {
    sleeps.push_back(std::chrono::duration_cast<std::chrono::milliseconds>(duration));
    if (on_sleep) on_sleep();
    if (cancel.cancelled()) return false;
    now_ += std::chrono::duration_cast<std::chrono::steady_clock::duration>(duration);
    return true;
  }
  std::chrono::milliseconds elapsed() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(now_ - start_);
  }
  void advance(std::chrono::milliseconds by) { now_ += by; }
  void set_utc(std::chrono::system_clock::time_point utc) { utc_ = utc; }

  std::vector<std::chrono::milliseconds> sleeps;
  std::function<void()> on_sleep;

 private:
  std::chrono::steady_clock::time_point start_ =
      std::chrono::steady_clock::time_point(std::chrono::hours(1000));
  std::chrono::steady_clock::time_point now_ = start_;
  std::chrono::system_clock::time_point utc_ =
      std::chrono::system_clock::time_point(std::chrono::sys_days(std::chrono::year(2026) / 11 / 28));
};

inline HttpResponse json_response(int status, std::string body,
                                  std::map<std::string, std::string> headers = {}) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  response.headers = std::move(headers);
  return response;
}

inline std::string instance_json(const std::string& id, const std::string& status, const std::string& engine,
                                 const std::string& enable_ssl /* "true" | "false" | "" (absent) */) {
  std::string entry = R"({"id":")" + id + R"(","name":"db-)" + id + R"(","status":")" + status +
                      R"(","datastore":{"type":")" + engine + R"(","version":"8.0"})";
  if (!enable_ssl.empty()) entry += R"(,"enable_ssl":)" + enable_ssl;
  return R"({"instances":[)" + entry + R"(}],"total_count":1})";
}

// Answers each request with the handler; records every request as sent (after authentication).
class FakeTransport : public Transport {
 public:
  using Handler = std::function<HttpResponse(const HttpRequest&)>;
  explicit FakeTransport(Handler handler = nullptr) : handler_(std::move(handler)) {}

  HttpResponse send(const HttpRequest& request) override {
    Handler handler;
    {
      std::lock_guard lock(mutex_);
      requests.push_back(request);
      if (!script_.empty()) {
        handler = script_.front();
        script_.pop_front();
      } else {
        handler = handler_;
      }
    }
    if (!handler)
      throw std::logic_error("FakeTransport: no answer scripted for " + request.method + " " + request.path);
    return handler(request);
  }

  // Next answers, in order, before falling back to the default handler.
  void then(Handler handler) {
    std::lock_guard lock(mutex_);
    script_.push_back(std::move(handler));
  }
  void then(HttpResponse response) {
    then([response](const HttpRequest&) { return response; });
  }

  std::vector<std::string> methods_and_paths() const {
    std::vector<std::string> out;
    for (const auto& request : requests) out.push_back(request.method + " " + request.path);
    return out;
  }

  std::vector<HttpRequest> requests;

 private:
  std::mutex mutex_;
  Handler handler_;
  std::deque<Handler> script_;
};

inline std::string header_of(const HttpRequest& request, const std::string& name) {
  for (const auto& [key, value] : request.headers)
    if (key == name) return value;
  return {};
}

}  // namespace rds::client::testing
