#include "sim/http_util.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <netdb.h>
#include <openssl/rand.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <stdexcept>

namespace rds::sim {

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

void send_rds_error(httplib::Response& res, int status, std::string_view error_code,
                    std::string_view error_msg) {
  send_json(res, status, {{"error_code", error_code}, {"error_msg", error_msg}});
}

void send_legacy_error(httplib::Response& res, int status, std::string_view error_code,
                       std::string_view error_msg) {
  send_json(res, status, {{"errCode", error_code}, {"externalMessage", error_msg}});
}

void send_iam_error(httplib::Response& res, int status, std::string_view title, std::string_view message) {
  send_json(res, status, {{"error", {{"code", status}, {"message", message}, {"title", title}}}});
}

std::string read_announced_body(const httplib::Request& req, const httplib::ContentReader& reader) {
  std::string body;
  if (!req.has_header("Content-Length") && !req.has_header("Transfer-Encoding")) return body;
  reader([&body](const char* data, size_t length) {
    body.append(data, length);
    return true;
  });
  return body;
}

std::optional<nlohmann::json> parse_json_body(const std::string& body) {
  auto parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return std::nullopt;
  return parsed;
}

void reject_unknown_fields(const nlohmann::json& object, std::initializer_list<std::string_view> known) {
  for (const auto& [key, value] : object.items()) {
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    std::string list;
    for (auto k : known) list += (list.empty() ? "" : ", ") + std::string(k);
    throw std::invalid_argument("unknown field '" + key + "' (known: " + list + ")");
  }
}

std::string random_hex(std::size_t bytes) {
  std::string raw(bytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(bytes)) != 1) {
    throw std::runtime_error("RAND_bytes failed");
  }
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes * 2);
  for (unsigned char c : raw) {
    hex.push_back(kDigits[c >> 4]);
    hex.push_back(kDigits[c & 0xf]);
  }
  return hex;
}

std::string new_instance_id() { return random_hex(16) + "in01"; }

std::string new_uuid() {
  std::string h = random_hex(16);
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" +
         h.substr(20, 12);
}

namespace {
std::tm utc_tm(WallTime t) {
  std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return tm;
}

std::string format(WallTime t, const char* pattern) {
  std::tm tm = utc_tm(t);
  char buf[64];
  std::strftime(buf, sizeof buf, pattern, &tm);
  return buf;
}

long long sub_second_micros(WallTime t) {
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
  return ((micros % 1000000) + 1000000) % 1000000;
}
}  // namespace

std::string rds_timestamp(WallTime t) { return format(t, "%Y-%m-%dT%H:%M:%S+0000"); }

namespace {
// `value` (in [0, 10^width)) with leading zeros. Not snprintf: GCC's -Wformat-truncation cannot see
// the range in a sanitizer build and stops it.
std::string zero_padded(long long value, std::size_t width) {
  std::string digits = std::to_string(value);
  return digits.size() < width ? std::string(width - digits.size(), '0') + digits : digits;
}
}  // namespace

std::string iam_timestamp(WallTime t) {
  return format(t, "%Y-%m-%dT%H:%M:%S") + "." + zero_padded(sub_second_micros(t), 6) + "Z";
}

std::string log_timestamp(WallTime t) {
  return format(t, "%Y-%m-%dT%H:%M:%S") + "." + zero_padded(sub_second_micros(t) / 1000, 3) + "Z";
}

namespace {
// The numeric host and port of a socket's peer, rendered the way httplib renders Request::remote_addr.
bool peer_of(int fd, std::string& host, int& port) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (getpeername(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return false;
  char host_buf[NI_MAXHOST];
  char port_buf[NI_MAXSERV];
  if (getnameinfo(reinterpret_cast<sockaddr*>(&addr), len, host_buf, sizeof host_buf, port_buf,
                  sizeof port_buf, NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
    return false;
  }
  host = host_buf;
  port = std::atoi(port_buf);
  return true;
}
}  // namespace

bool drop_connection(const std::string& remote_addr, int remote_port) {
  DIR* dir = opendir("/proc/self/fd");
  if (dir == nullptr) return false;
  bool dropped = false;
  while (dirent* entry = readdir(dir)) {
    if (entry->d_name[0] < '0' || entry->d_name[0] > '9') continue;
    int fd = std::atoi(entry->d_name);
    if (fd == dirfd(dir)) continue;
    std::string host;
    int port = 0;
    if (!peer_of(fd, host, port) || port != remote_port || host != remote_addr) continue;
    // FIN both ways: the client sees the connection end with no answer at all. httplib's own later
    // write then fails (EPIPE; SIGPIPE is ignored by the sim) and it closes the descriptor itself.
    shutdown(fd, SHUT_RDWR);
    dropped = true;
    break;
  }
  closedir(dir);
  return dropped;
}

}  // namespace rds::sim
