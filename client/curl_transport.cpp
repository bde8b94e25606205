#include "client/curl_transport.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "client/answer_limits.h"
#include "client/ca_bundle.h"
#include "client/curl_pool.h"
#include "client/errors.h"
#include "client/libcurl.h"

namespace rds::client {

namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string trim(const std::string& text) {
  auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return {};
  auto end = text.find_last_not_of(" \t\r\n");
  return text.substr(begin, end - begin + 1);
}

// Where the body goes, and how much of it is accepted: the request's own limit (a download), never more
// than kMaxAnswerBytes.
struct BodySink {
  HttpResponse* response;
  std::size_t limit;
  bool overflowed = false;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* sink = static_cast<BodySink*>(user);
  if (size * count > sink->limit - sink->response->body.size()) {
    sink->overflowed = true;
    return 0;  // anything but size * count makes libcurl abort the transfer (CURLE_WRITE_ERROR)
  }
  sink->response->body.append(data, size * count);
  return size * count;
}

std::string too_large(std::size_t limit) {
  return "the answer is larger than " + std::to_string(limit) + " bytes, the most accepted for it";
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* response = static_cast<HttpResponse*>(user);
  std::string line(data, size * count);
  if (line.rfind("HTTP/", 0) == 0) {
    response->headers.clear();  // a new response (after 100 Continue): keep only the final headers
  } else if (auto colon = line.find(':'); colon != std::string::npos) {
    response->headers[lower(trim(line.substr(0, colon)))] = trim(line.substr(colon + 1));
  }
  return size * count;
}

struct HeaderListGuard {
  const LibCurl& curl;
  curl_slist* list = nullptr;
  ~HeaderListGuard() { curl.slist_free_all(list); }
  void add(const std::string& line) { list = curl.slist_append(list, line.c_str()); }
};

// A connection error that a later attempt may not hit; TLS and URL problems need a config change.
bool is_retryable(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return true;
    default:
      return false;
  }
}

std::string describe(const LibCurl& curl, CURLcode code, const char* error_buffer,
                     const TransportOptions& options, const CaBundle& ca) {
  std::string detail = error_buffer[0] ? error_buffer : curl.easy_strerror(code);
  switch (code) {
    case CURLE_PEER_FAILED_VERIFICATION:
      return "TLS certificate verification failed (" + detail +
             "); the server's certificate is not signed by a trusted CA: set cacert_file to the CA bundle "
             "that signed it" +
             (options.cacert_file.empty() ? "" : " (now " + options.cacert_file + ")") +
             (options.cacert_file.empty() && !ca.file.empty() ? " (now trusting " + ca.file + ")" : "") +
             ", or insecure = true for testing only";
    case CURLE_SSL_CACERT_BADFILE:
      return "cannot use cacert_file " + options.cacert_file + " (" + detail + ")";
    case CURLE_OPERATION_TIMEDOUT:
      return "timed out (" + detail + ")";
    default:
      return detail;
  }
}

}  // namespace

CurlTransport::CurlTransport(TransportOptions options) : CurlTransport(std::move(options), PoolLimits{}) {}

CurlTransport::CurlTransport(TransportOptions options, PoolLimits limits)
    : options_(std::move(options)), pool_(std::make_unique<CurlPool>(limits)) {}

CurlTransport::~CurlTransport() = default;

HttpResponse CurlTransport::send(const HttpRequest& request) {
  const std::string url = request.url();
  // A raw URL (a download link) may carry a presigned signature in its query: messages leave it out.
  const std::string operation =
      request.method + " " + (request.raw_url.empty() ? url : request.base_url + request.path);
  // Waiting for a connection counts against the request's time, as the transfer does.
  auto slot =
      pool_->take(operation, options_, request.cancel, request.timeout.value_or(options_.request_timeout));
  const LibCurl& curl = pool_->curl();
  struct SlotReturner {
    CurlPool& pool;
    CurlPool::Slot slot;
    ~SlotReturner() { pool.give_back(slot); }
  } returner{*pool_, slot};
  CURL* easy = slot.easy;
  if (!options_.insecure && !pool_->ca_missing().empty() && url.rfind("https://", 0) == 0)
    throw TransportError(operation, pool_->ca_missing(), false);

  HttpResponse response;
  char error_buffer[CURL_ERROR_SIZE] = {0};
  HeaderListGuard headers{curl};
  bool has_content_type = false, has_accept = false;
  for (const auto& [name, value] : request.headers) {
    headers.add(name + ": " + value);
    if (lower(name) == "content-type") has_content_type = true;
    if (lower(name) == "accept") has_accept = true;
  }
  if (!request.body.empty() && !has_content_type) headers.add("Content-Type: application/json");
  if (!has_accept) headers.add("Accept: application/json");
  headers.add("Expect:");  // no 100-continue round trip for small JSON bodies

  curl.easy_reset(easy);  // keeps the connection cache of the slot, clears last call's options
  curl.easy_setopt(easy, CURLOPT_URL, url.c_str());
  curl.easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  // Redirects come back as answers: following one is the caller's decision (a download link may only
  // be followed to the same scheme, client/ca_bundle_download.h), and API calls are never redirected.
  curl.easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
  curl.easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl.easy_setopt(easy, CURLOPT_SHARE, pool_->share());
  // A cached connection idle for longer is not reused (the pool closes such handles too, curl_pool.h).
  const auto idle_seconds = std::chrono::duration_cast<std::chrono::seconds>(pool_->limits().idle_lifetime);
  curl.easy_setopt(easy, CURLOPT_MAXAGE_CONN, std::max(1L, static_cast<long>(idle_seconds.count())));
  curl.easy_setopt(easy, CURLOPT_ERRORBUFFER, error_buffer);
  curl.easy_setopt(easy, CURLOPT_HTTPHEADER, headers.list);
  curl.easy_setopt(easy, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl.easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout.count()));
  auto total_timeout = options_.request_timeout;
  if (request.timeout && *request.timeout < total_timeout) total_timeout = *request.timeout;
  curl.easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(total_timeout.count()));
  curl.easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
  curl.easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, options_.insecure ? 0L : 1L);
  curl.easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, options_.insecure ? 0L : 2L);
  if (!options_.ca_bundle_pem.empty()) {
    // cacert_file, read once at configure (client/cacert_file.h): it alone is trusted. The blob replaces
    // CURLOPT_CAINFO; CAPATH is cleared so that Debian's libcurl adds no built-in folder.
    curl_blob bundle{const_cast<char*>(options_.ca_bundle_pem.data()), options_.ca_bundle_pem.size(),
                     CURL_BLOB_NOCOPY};  // options_ outlives every transfer of this transport
    curl.easy_setopt(easy, CURLOPT_CAINFO_BLOB, &bundle);
    curl.easy_setopt(easy, CURLOPT_CAPATH, nullptr);
  } else {
    // Always set, both: Debian's libcurl would otherwise add its built-in folder (client/ca_bundle.h).
    const CaBundle& ca = pool_->ca();
    curl.easy_setopt(easy, CURLOPT_CAINFO, ca.file.empty() ? nullptr : ca.file.c_str());
    curl.easy_setopt(easy, CURLOPT_CAPATH, ca.directory.empty() ? nullptr : ca.directory.c_str());
  }
  // A Content-Length above the limit is refused before any of the body is read
  // (CURLE_FILESIZE_EXCEEDED); a body without one (chunked) is cut off by on_body as soon as it passes it.
  BodySink sink{&response, std::min(request.max_body_bytes.value_or(kMaxAnswerBytes), kMaxAnswerBytes)};
  curl.easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(sink.limit));
  curl.easy_setopt(easy, CURLOPT_WRITEFUNCTION, &on_body);
  curl.easy_setopt(easy, CURLOPT_WRITEDATA, &sink);
  curl.easy_setopt(easy, CURLOPT_HEADERFUNCTION, &on_header);
  curl.easy_setopt(easy, CURLOPT_HEADERDATA, &response);
  if (request.method == "GET") {
    curl.easy_setopt(easy, CURLOPT_HTTPGET, 1L);
  } else {
    curl.easy_setopt(easy, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    curl.easy_setopt(easy, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body.size()));
    curl.easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.c_str());
  }

  // Driven through the multi interface so that a cancel is noticed within ~50 ms even while the
  // server is silent (the easy interface's progress callback may only run once per second).
  curl.multi_add_handle(slot.multi, easy);
  int running = 1;
  bool cancelled = false;
  CURLMcode multi_code = CURLM_OK;
  while (true) {
    multi_code = curl.multi_perform(slot.multi, &running);
    if (multi_code != CURLM_OK || running == 0) break;
    if (request.cancel.cancelled()) {
      cancelled = true;
      break;
    }
    multi_code = curl.multi_poll(slot.multi, nullptr, 0, 50, nullptr);
    if (multi_code != CURLM_OK) break;
  }
  CURLcode result = CURLE_OK;
  int queued = 0;
  while (CURLMsg* message = curl.multi_info_read(slot.multi, &queued))
    if (message->msg == CURLMSG_DONE && message->easy_handle == easy) result = message->data.result;
  curl.multi_remove_handle(slot.multi, easy);

  if (cancelled) throw CancelledError("sending " + operation);
  if (sink.overflowed || result == CURLE_FILESIZE_EXCEEDED) {
    // A download's own limit says how large it may be; any other answer passed the API answers' cap.
    if (request.max_body_bytes && *request.max_body_bytes <= kMaxAnswerBytes)
      throw TransportError(operation, too_large(sink.limit), false);
    throw AnswerTooLargeError(operation, response.request_id());
  }
  if (multi_code != CURLM_OK)
    throw TransportError(operation, std::string("libcurl: ") + curl.multi_strerror(multi_code), false);
  if (result != CURLE_OK) {
    std::string detail = describe(curl, result, error_buffer, options_, pool_->ca());
    // The transfer's own limit, not the operation's deadline, cut it: say which setting that is.
    if (result == CURLE_OPERATION_TIMEDOUT && total_timeout == options_.request_timeout)
      detail += "; one request may take request_timeout = " + std::to_string(total_timeout.count() / 1000) +
                "." + std::to_string(total_timeout.count() % 1000 / 100) +
                " s: raise request_timeout if the API is this slow";
    throw TransportError(operation, detail, is_retryable(result));
  }
  long status = 0;
  curl.easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
  response.status = static_cast<int>(status);
  return response;
}

}  // namespace rds::client
