#include "client/auth.h"

#include <array>
#include <charconv>
#include <nlohmann/json.hpp>
#include <string_view>

#include "client/answer_limits.h"
#include "client/error_body.h"
#include "client/errors.h"

namespace rds::client {

namespace {
void replace_header(HeaderList& headers, const std::string& name, const std::string& value) {
  std::erase_if(headers, [&](const auto& header) { return header.first == name; });
  headers.emplace_back(name, value);
}

std::string header_value(const HeaderList& headers, const std::string& name) {
  for (const auto& [key, value] : headers)
    if (key == name) return value;
  return {};
}

// The login's scope: the project by id when the config names one; else by name (IAM then says the id in
// the answer's token.project).
nlohmann::json project_scope(const ProjectScope& scope) {
  if (!scope.project_id.empty()) return {{"project", {{"id", scope.project_id}}}};
  if (!scope.project_name.empty()) return {{"project", {{"name", scope.project_name}}}};
  return {{"domain", {{"name", scope.domain_name}}}};
}

std::string without_trailing_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

// token.project.id of IAM's login answer; "" when absent or not a string.
std::string project_id_of_token(const std::string& body) {
  const auto json = nlohmann::json::parse(body, nullptr, false);
  const nlohmann::json* at = &json;
  for (const char* key : {"token", "project", "id"}) {
    if (!at->is_object() || !at->contains(key)) return "";
    at = &(*at)[key];
  }
  return at->is_string() ? at->get<std::string>() : "";
}

// IAM's expires_at, "2026-11-29T00:00:00.000000Z"; std::nullopt when absent or not such a time.
// The fields are range-checked before any arithmetic: an answer claiming the year 3000 overflowed the
// conversion to system_clock (int64 nanoseconds since 1970 end in 2262) into an expiry in the past.
std::optional<std::chrono::system_clock::time_point> parse_expiry(const std::string& body) {
  if (nested_deeper_than(body, kMaxAnswerNesting)) return std::nullopt;
  auto json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_discarded() || !json.is_object() || !json.contains("token") || !json["token"].is_object())
    return std::nullopt;
  auto& token = json["token"];
  if (!token.contains("expires_at") || !token["expires_at"].is_string()) return std::nullopt;
  const std::string& text = token["expires_at"].get_ref<const std::string&>();
  // Year, month, day, hour, minute, second, each followed by its separator (the fraction and zone after
  // the seconds are ignored: IAM answers in UTC).
  std::array<int, 6> field{};
  constexpr std::string_view kSeparators = "--T::";
  const char* at = text.data();
  const char* const end = text.data() + text.size();
  for (size_t i = 0; i < field.size(); ++i) {
    const auto [next, ec] = std::from_chars(at, end, field[i]);
    if (ec != std::errc() || next == at) return std::nullopt;
    at = next;
    if (i < kSeparators.size()) {
      if (at == end || *at != kSeparators[i]) return std::nullopt;
      ++at;
    }
  }
  const auto [year, month, day, hour, minute, second] = field;
  // A token lives a day: a year outside this range is a garbled answer, not an expiry to wait for.
  if (year < 1970 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 ||
      minute < 0 || minute > 59 || second < 0 || second > 60)
    return std::nullopt;
  using namespace std::chrono;
  const year_month_day date{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                            std::chrono::day(static_cast<unsigned>(day))};
  if (!date.ok()) return std::nullopt;  // 31 April, 29 February of a common year
  return sys_days(date) + hours(hour) + minutes(minute) + seconds(second);
}
}  // namespace

AkSkAuthenticator::AkSkAuthenticator(signer::Credentials credentials, std::shared_ptr<Clock> clock)
    : credentials_(std::move(credentials)), clock_(std::move(clock)) {}

void AkSkAuthenticator::authenticate(HttpRequest& request) {
  signer::sign_request(request, credentials_, clock_->utc_now());
}

StaticTokenAuthenticator::StaticTokenAuthenticator(std::string token) : token_(std::move(token)) {}

void StaticTokenAuthenticator::authenticate(HttpRequest& request) {
  replace_header(request.headers, "X-Auth-Token", token_);
}

IamTokenAuthenticator::IamTokenAuthenticator(std::string auth_url, ProjectScope scope,
                                             std::shared_ptr<Transport> transport,
                                             std::shared_ptr<Clock> clock, LogFunction log)
    : auth_url_(without_trailing_slash(std::move(auth_url))),
      scope_(std::move(scope)),
      transport_(std::move(transport)),
      clock_(std::move(clock)),
      log_(std::move(log)) {}

void IamTokenAuthenticator::authenticate(HttpRequest& request) {
  std::string token;
  {
    std::lock_guard lock(mutex_);
    if (token_.empty() || clock_->utc_now() + kRenewMargin >= expires_at_) fetch_token(request);
    token = token_;
  }
  replace_header(request.headers, "X-Auth-Token", token);
}

bool IamTokenAuthenticator::renew_after_unauthorized(const HttpRequest& rejected) {
  std::lock_guard lock(mutex_);
  // Another thread may have renewed already since this request was sent: then just retry with it.
  if (!token_.empty() && header_value(rejected.headers, "X-Auth-Token") != token_) return true;
  token_.clear();
  fetch_token(rejected);
  return true;
}

std::string IamTokenAuthenticator::scoped_project_id() {
  std::lock_guard lock(mutex_);
  return scoped_project_id_;
}

void IamTokenAuthenticator::fetch_token(const HttpRequest& on_behalf_of) {
  if (refused_) throw *refused_;
  const IamLogin asked = login();
  HttpRequest request;
  request.method = "POST";
  request.base_url = auth_url_;
  request.path = "/auth/tokens";
  request.headers = {{"Content-Type", "application/json"}};
  request.body = asked.body;
  request.cancel = on_behalf_of.cancel;
  request.timeout = on_behalf_of.timeout;
  authenticate_login(request);
  const std::string& operation = asked.operation;

  HttpResponse response;
  const auto started = clock_->now();
  try {
    response = transport_->send(request);
  } catch (const TransportError& error) {
    throw TransportError(operation, error.detail(), error.retryable());
  }
  if (log_) {
    // Logged like every API call; the body (which may hold a password) and the token never are.
    const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(clock_->now() - started);
    LogFields fields{{"method", request.method}, {"url", request.base_url + request.path}};
    fields.insert(fields.end(), asked.log_fields.begin(), asked.log_fields.end());
    fields.insert(fields.end(), {{"status", std::to_string(response.status)},
                                 {"request_id", response.request_id()},
                                 {"duration_ms", std::to_string(elapsed.count())}});
    log_(LogLevel::debug, "IAM login", fields);
  }
  if (response.status < 200 || response.status >= 300) {
    try {
      throw_api_error(operation, response);
    } catch (const ApiError& error) {
      if (!is_transient_status(error.http_status())) refused_ = error;
      throw;
    }
  }
  auto token = response.header("X-Subject-Token");
  if (token.empty())
    throw ResponseFormatError(operation, "the answer has no X-Subject-Token header", response.request_id());
  if (scope_.project_id.empty() && !scope_.project_name.empty()) {
    scoped_project_id_ = project_id_of_token(response.body);
    if (scoped_project_id_.empty())
      throw ResponseFormatError(
          operation, "the answer names no token.project.id for project \"" + scope_.project_name + "\"",
          response.request_id());
  }
  token_ = token;
  // IAM tokens are valid 24 h; expires_at says exactly when, if the answer carries it.
  expires_at_ = parse_expiry(response.body).value_or(clock_->utc_now() + std::chrono::hours(24));
}

PasswordAuthenticator::PasswordAuthenticator(PasswordCredentials credentials,
                                             std::shared_ptr<Transport> transport,
                                             std::shared_ptr<Clock> clock, LogFunction log)
    : IamTokenAuthenticator(credentials.auth_url,
                            {credentials.project_id, credentials.project_name, credentials.domain_name},
                            std::move(transport), std::move(clock), std::move(log)),
      credentials_(std::move(credentials)) {}

IamLogin PasswordAuthenticator::login() const {
  const nlohmann::json body = {{"auth",
                                {{"identity",
                                  {{"methods", {"password"}},
                                   {"password",
                                    {{"user",
                                      {{"name", credentials_.user_name},
                                       {"password", credentials_.password},
                                       {"domain", {{"name", credentials_.domain_name}}}}}}}}},
                                 {"scope", project_scope(scope())}}}};
  // The operation names the user but never the password.
  return {body.dump(),
          "IAM login (POST " + login_url() + "/auth/tokens) as user " + credentials_.user_name,
          {{"user_name", credentials_.user_name}}};
}

AgencyAuthenticator::AgencyAuthenticator(AgencyCredentials agency, std::shared_ptr<Authenticator> caller,
                                         std::shared_ptr<Transport> transport, std::shared_ptr<Clock> clock,
                                         LogFunction log)
    : IamTokenAuthenticator(agency.auth_url, {agency.project_id, agency.project_name, ""},
                            std::move(transport), std::move(clock), std::move(log)),
      agency_(std::move(agency)),
      caller_(std::move(caller)) {}

// IAM's "Obtaining an Agency Token": identity method assume_role, asked with the caller's credentials.
IamLogin AgencyAuthenticator::login() const {
  nlohmann::json assume_role = {{"domain_name", agency_.domain_name}, {"agency_name", agency_.agency_name}};
  if (agency_.duration_seconds > 0) assume_role["duration_seconds"] = agency_.duration_seconds;
  const nlohmann::json body = {{"auth",
                                {{"identity", {{"methods", {"assume_role"}}, {"assume_role", assume_role}}},
                                 {"scope", project_scope(scope())}}}};
  return {body.dump(),
          "agency token (POST " + login_url() + "/auth/tokens) for agency " + agency_.agency_name +
              " of domain " + agency_.domain_name,
          {{"agency_name", agency_.agency_name}, {"agency_domain_name", agency_.domain_name}}};
}

}  // namespace rds::client
