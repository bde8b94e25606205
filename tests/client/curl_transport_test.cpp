// CurlTransport against a local HTTP server: the cap on an answer's body (HttpRequest::max_body_bytes),
// where an announced Content-Length above it fails before the body is read and a body streamed without
// one is cut as soon as it passes the cap; and redirects, which it returns rather than follows.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <thread>

#include "client/curl_transport.h"
#include "client/errors.h"

namespace rds::client {
namespace {

constexpr std::size_t kCap = 1024 * 1024;
constexpr std::size_t kChunk = 64 * 1024;
constexpr std::size_t kChunks = 32;  // 2 MiB in all

class LocalCurlTransport : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.Get("/announced", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string(kChunks * kChunk, 'a'), "application/zip");
    });
    server_.Get("/streamed", [this](const httplib::Request&, httplib::Response& res) {
      res.set_chunked_content_provider("application/zip", [this](size_t, httplib::DataSink& sink) {
        for (std::size_t i = 0; i < kChunks; ++i) {
          if (!sink.write(std::string(kChunk, 's').data(), kChunk)) return false;
          ++chunks_sent_;
        }
        sink.done();
        return true;
      });
    });
    // One request per connection: otherwise stop() waits out the keep-alive of the transport's pooled one.
    server_.set_keep_alive_max_count(1);
    server_.Get("/moved", [](const httplib::Request&, httplib::Response& res) {
      res.set_redirect("http://127.0.0.1:1/elsewhere", 302);
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    ASSERT_GT(port_, 0);
    // bind_to_any_port already listens: connections wait in the backlog until the thread accepts them.
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  void TearDown() override {
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }

  HttpResponse get(const std::string& path, std::optional<std::size_t> cap) {
    HttpRequest request;
    request.method = "GET";
    request.base_url = "http://127.0.0.1:" + std::to_string(port_);
    request.path = path;
    request.max_body_bytes = cap;
    return transport_.send(request);
  }
  std::string error_of(const std::string& path) {
    try {
      get(path, kCap);
    } catch (const TransportError& error) {
      return error.detail();
    }
    return "(no error)";
  }

  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::atomic<std::size_t> chunks_sent_{0};
  CurlTransport transport_{TransportOptions{}};
};

TEST_F(LocalCurlTransport, WithoutACapTheWholeBodyArrives) {
  EXPECT_EQ(get("/announced", std::nullopt).body.size(), kChunks * kChunk);
  EXPECT_EQ(get("/streamed", std::nullopt).body.size(), kChunks * kChunk);
}

TEST_F(LocalCurlTransport, AnAnnouncedBodyAboveTheCapFails) {
  EXPECT_EQ(error_of("/announced"), "the answer is larger than 1048576 bytes, the most accepted for it");
}

TEST_F(LocalCurlTransport, AStreamedBodyIsCutWhenItPassesTheCap) {
  EXPECT_EQ(error_of("/streamed"), "the answer is larger than 1048576 bytes, the most accepted for it");
}

TEST_F(LocalCurlTransport, ABodyAtTheCapIsAccepted) {
  EXPECT_EQ(get("/announced", kChunks * kChunk).body.size(), kChunks * kChunk);
}

TEST_F(LocalCurlTransport, ARedirectIsReturnedForTheCallerToJudge) {
  const HttpResponse response = get("/moved", std::nullopt);
  EXPECT_EQ(response.status, 302);
  EXPECT_EQ(response.header("Location"), "http://127.0.0.1:1/elsewhere");
}

}  // namespace
}  // namespace rds::client
