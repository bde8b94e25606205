// Admin calls that need no body work without one, as curl sends them: `curl -X POST URL/_admin/reset`
// has neither a body nor Content-Length nor Content-Type. httplib 0.11 read such a POST until the
// client closed the connection, so the call hung for the 5 s read timeout and got 400.
//
// The requests are written to a raw socket, because httplib's own client always adds Content-Length.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <vector>

#include "tests/sim/sim_http.h"

namespace rds::sim::testing {
namespace {

using rds::testing::SimProcess;

// One keep-alive HTTP/1.1 connection to the sim, spoken by hand.
class RawConnection {
 public:
  explicit RawConnection(int port) : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    timeval timeout{.tv_sec = 10, .tv_usec = 0};  // a hung sim fails the test instead of hanging it
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~RawConnection() { close(fd_); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return connected_; }

  // Sends `request` and returns the status code of the answer (0 when none came), reading the whole
  // answer so that the next request on this connection starts clean.
  int exchange(const std::string& request, std::string* body = nullptr) {
    if (send(fd_, request.data(), request.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(request.size()))
      return 0;
    std::string received;
    size_t header_end;
    while ((header_end = received.find("\r\n\r\n")) == std::string::npos) {
      if (!receive(received)) return 0;
    }
    const std::string head = received.substr(0, header_end);
    size_t length = 0;
    for (const std::string name : {"Content-Length: ", "content-length: "}) {
      if (const size_t at = head.find(name); at != std::string::npos)
        length = std::stoul(head.substr(at + name.size()));
    }
    while (received.size() < header_end + 4 + length) {
      if (!receive(received)) return 0;
    }
    if (body) *body = received.substr(header_end + 4, length);
    return head.rfind("HTTP/1.1 ", 0) == 0 ? std::stoi(head.substr(9, 3)) : 0;
  }

 private:
  bool receive(std::string& into) {
    char buffer[4096];
    const ssize_t n = recv(fd_, buffer, sizeof buffer, 0);
    if (n <= 0) return false;
    into.append(buffer, static_cast<size_t>(n));
    return true;
  }

  int fd_;
  bool connected_ = false;
};

struct BodilessCall {
  std::string method;
  std::string path;
  int status;
};

// Every admin route that needs no body, in an order that leaves each one something to act on.
const std::vector<BodilessCall> kBodilessCalls = {
    {"POST", "/_admin/tokens/revoke", 204}, {"POST", "/_admin/reset", 204},
    {"POST", "/_admin/config", 200},        {"POST", "/_admin/instances", 201},
    {"PATCH", "/_admin/instances/a", 200},  {"DELETE", "/_admin/faults", 204},
    {"DELETE", "/_admin/requests", 204},    {"DELETE", "/_admin/instances/a", 204}};

void expect_bodiless_calls_answered_at_once(const std::string& extra_headers) {
  SimProcess sim({"--quiet", "--instance", "a"});
  RawConnection connection(sim.port());
  ASSERT_TRUE(connection.connected());
  for (const auto& call : kBodilessCalls) {
    const auto started = std::chrono::steady_clock::now();
    const int status = connection.exchange(call.method + " " + call.path + " HTTP/1.1\r\nHost: 127.0.0.1:" +
                                           std::to_string(sim.port()) + "\r\n" + extra_headers + "\r\n");
    EXPECT_EQ(status, call.status) << call.method << " " << call.path << " with headers [" << extra_headers
                                   << "]";
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2))
        << call.method << " " << call.path << " waited for a body";
  }
  // A body sent on the same connection afterwards is still read.
  std::string answer;
  const std::string body = R"({"job_mode": true})";
  EXPECT_EQ(connection.exchange("POST /_admin/config HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                                "application/json\r\nContent-Length: " +
                                    std::to_string(body.size()) + "\r\n\r\n" + body,
                                &answer),
            200);
  EXPECT_EQ(nlohmann::json::parse(answer, nullptr, false).value("job_mode", false), true) << answer;
}

TEST(AdminBodiless, CallsWithoutBodyContentLengthOrContentTypeAreAnsweredAtOnce) {
  expect_bodiless_calls_answered_at_once("");
}

TEST(AdminBodiless, CallsWithContentLengthZeroAreAnsweredAtOnce) {
  expect_bodiless_calls_answered_at_once("Content-Length: 0\r\n");
}

}  // namespace
}  // namespace rds::sim::testing
