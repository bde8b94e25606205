// The IAM login answer as PasswordAuthenticator (client/auth.cpp) reads it: status, X-Subject-Token
// header and the expires_at in the body. The input is the answer written like HTTP:
//   201
//   X-Subject-Token: MIIE...
//
//   {"token":{"expires_at":"2026-11-29T00:00:00.000000Z"}}
// A fake transport returns it and a fake clock stands still at 2026-11-28T00:00:00Z. Contracts: a 2xx
// answer with a token authenticates the request with exactly that token; a 2xx answer without one is a
// ResponseFormatError; any other status is an ApiError with that status; nothing else is thrown. A second
// request within the token's life reuses it (at most one more login), and a 401 renews it.
#include <charconv>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "client/auth.h"
#include "client/errors.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using namespace rds::client;

class StillClock : public Clock {
 public:
  std::chrono::steady_clock::time_point now() override { return {}; }
  std::chrono::system_clock::time_point utc_now() override {
    return std::chrono::sys_days(std::chrono::year(2026) / 11 / 28);
  }
  bool sleep_for(std::chrono::nanoseconds, const rds::CancelToken&) override { return true; }
};

class ScriptedTransport : public Transport {
 public:
  explicit ScriptedTransport(HttpResponse answer) : answer_(std::move(answer)) {}
  HttpResponse send(const HttpRequest&) override {
    ++calls;
    return answer_;
  }
  int calls = 0;

 private:
  HttpResponse answer_;
};

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
    text.remove_suffix(1);
  return text;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

// Status line, header lines, an empty line, the body. Lines that are not "Name: value" are skipped.
HttpResponse read_answer(std::string_view text) {
  HttpResponse response;
  response.status = 201;
  auto line = [&] {
    const auto newline = text.find('\n');
    const std::string_view first = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    return trim(first);
  };
  const std::string_view status = line();
  std::from_chars(status.data(), status.data() + status.size(), response.status);
  for (std::string_view header = line(); !header.empty(); header = line()) {
    const auto colon = header.find(':');
    if (colon == std::string_view::npos) continue;
    response.headers[lower(trim(header.substr(0, colon)))] = std::string(trim(header.substr(colon + 1)));
  }
  response.body = std::string(text);
  return response;
}

std::string auth_token_of(const HttpRequest& request) {
  for (const auto& [name, value] : request.headers)
    if (name == "X-Auth-Token") return value;
  return {};
}

// Authenticates one request; true when it got a token. Checks which error the answer deserves.
bool authenticate(PasswordAuthenticator& auth, const HttpResponse& answer, HttpRequest& request) {
  const bool success = answer.status >= 200 && answer.status < 300;
  const std::string token = answer.header("X-Subject-Token");
  try {
    auth.authenticate(request);
  } catch (const ResponseFormatError&) {
    FUZZ_CHECK(success && token.empty(), "ResponseFormatError for status " + std::to_string(answer.status));
    return false;
  } catch (const ApiError& e) {
    FUZZ_CHECK(!success && e.http_status() == answer.status,
               "ApiError with status " + std::to_string(e.http_status()) + " for an answer with status " +
                   std::to_string(answer.status));
    return false;
  } catch (const std::exception& e) {
    FUZZ_CHECK(false, std::string("authenticate threw something else: ") + e.what());
  }
  FUZZ_CHECK(success && !token.empty(), "authenticated with answer status " + std::to_string(answer.status));
  FUZZ_CHECK(auth_token_of(request) == token, "the request carries another token than IAM's");
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const HttpResponse answer = read_answer(std::string_view(reinterpret_cast<const char*>(data), size));
  auto transport = std::make_shared<ScriptedTransport>(answer);
  PasswordAuthenticator auth({.auth_url = "https://iam.example/v3",
                              .user_name = "user",
                              .password = "secret",
                              .domain_name = "domain",
                              .project_id = "project"},
                             transport, std::make_shared<StillClock>());
  HttpRequest request;
  request.method = "GET";
  if (!authenticate(auth, answer, request)) return 0;
  FUZZ_CHECK(transport->calls == 1, "one request logged in " + std::to_string(transport->calls) + " times");

  HttpRequest second;
  authenticate(auth, answer, second);
  FUZZ_CHECK(transport->calls <= 2, "a second request logged in again more than once");

  FUZZ_CHECK(auth.renew_after_unauthorized(second), "a 401 did not renew the token");
  FUZZ_CHECK(transport->calls <= 3, "one 401 logged in more than once");
  return 0;
}
