#pragma once
// What the API routes were asked, for tests: GET /_admin/requests and GET /_admin/connections.
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

namespace rds::sim {

struct LoggedRequest {
  std::string method, path, query;
  int status = 0;    // 0 when the connection was dropped without an answer
  std::string auth;  // aksk | token | none
  std::string time;  // UTC, milliseconds
  std::string request_id;
  std::string remote;  // peer address:port, i.e. the connection
  std::string fault;   // the injected fault kind, empty when none
};

class RequestLog {
 public:
  // The log keeps the most recent entries only, so a sim left running under load stays small.
  static constexpr std::size_t kMaxEntries = 100000;

  // Notes the connection a request came on. httplib keeps connections alive and does not expose
  // accept(), so a connection is identified by the peer's address and port; only connections that
  // carried RDS/IAM requests count (admin calls come on their own connections and are left out).
  void note_connection(const std::string& remote);
  void record(LoggedRequest entry);
  void clear();  // forgets requests and connections

  std::size_t connections() const;
  nlohmann::json to_json() const;

 private:
  mutable std::mutex mutex_;
  std::vector<LoggedRequest> requests_;
  std::set<std::string> remotes_;
};

}  // namespace rds::sim
