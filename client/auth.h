// Authentication modes. An Authenticator decorates each request with credentials; the password mode
// also fetches, caches and renews an IAM token.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "client/clock.h"
#include "client/config.h"
#include "client/errors.h"
#include "client/http.h"
#include "client/signer.h"

namespace rds::client {

class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // Adds credentials to `request` (may call IAM first). Throws ApiError / TransportError on IAM failure.
  virtual void authenticate(HttpRequest& request) = 0;
  // Called once when a request authenticated by this object got 401: returns true when fresh
  // credentials were obtained so that one retry makes sense (password mode), false otherwise.
  virtual bool renew_after_unauthorized(const HttpRequest& rejected) = 0;
  virtual std::string mode() const = 0;  // "aksk" | "token" | "password", for logs
  // The IAM URL this method logs in at, for error messages; "" when it needs no login.
  virtual std::string login_url() const { return ""; }
  // The project IAM scoped the login to (password method, after a login scoped by project name); ""
  // for the methods that do not log in.
  virtual std::string scoped_project_id() { return ""; }
};

// SDK-HMAC-SHA256 signing; fresh X-Sdk-Date on every attempt.
class AkSkAuthenticator : public Authenticator {
 public:
  AkSkAuthenticator(signer::Credentials credentials, std::shared_ptr<Clock> clock);
  void authenticate(HttpRequest& request) override;
  bool renew_after_unauthorized(const HttpRequest&) override { return false; }
  std::string mode() const override { return "aksk"; }

 private:
  signer::Credentials credentials_;
  std::shared_ptr<Clock> clock_;
};

// A token the user supplied: X-Auth-Token, never renewed.
class StaticTokenAuthenticator : public Authenticator {
 public:
  explicit StaticTokenAuthenticator(std::string token);
  void authenticate(HttpRequest& request) override;
  bool renew_after_unauthorized(const HttpRequest&) override { return false; }
  std::string mode() const override { return "token"; }

 private:
  std::string token_;
};

struct PasswordCredentials {
  std::string auth_url;  // IAM base including /v3
  std::string user_name, password, domain_name, project_id;
  std::string project_name;  // the token's scope when project_id is empty
};

// user/password/domain -> POST {auth_url}/auth/tokens -> X-Subject-Token, cached until shortly before
// it expires (expires_at in the answer, else 24 h) and renewed once after a 401. Thread-safe: concurrent
// callers share one fetch.
//
// IAM's refusal of the credentials (a 4xx other than 429) is remembered and thrown again to every later
// caller without asking IAM: the same wrong password sent once per resource would print one error per
// resource and can lock the IAM account.
class PasswordAuthenticator : public Authenticator {
 public:
  PasswordAuthenticator(PasswordCredentials credentials, std::shared_ptr<Transport> transport,
                        std::shared_ptr<Clock> clock, LogFunction log = nullptr);
  void authenticate(HttpRequest& request) override;
  bool renew_after_unauthorized(const HttpRequest& rejected) override;
  std::string mode() const override { return "password"; }
  std::string login_url() const override { return credentials_.auth_url; }
  std::string scoped_project_id() override;

  // Renew this long before the announced expiry.
  static constexpr std::chrono::minutes kRenewMargin{5};

 private:
  // `on_behalf_of` lends its cancel token and transfer timeout to the login. Caller holds mutex_.
  void fetch_token(const HttpRequest& on_behalf_of);

  PasswordCredentials credentials_;
  std::shared_ptr<Transport> transport_;
  std::shared_ptr<Clock> clock_;
  LogFunction log_;
  std::mutex mutex_;
  std::optional<ApiError> refused_;
  std::string token_;
  std::string scoped_project_id_;  // token.project.id of the last login
  std::chrono::system_clock::time_point expires_at_{};
};

}  // namespace rds::client
