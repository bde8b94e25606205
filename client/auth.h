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

// The scope of an IAM token: the project by id, or else by name (IAM's answer then names the id), or,
// with neither, the user's domain (the caller's own token when it asks for an agency's).
struct ProjectScope {
  std::string project_id, project_name, domain_name;
};

// What a token login asks IAM: POST {auth_url}/auth/tokens with `body`; `operation` names it in errors
// (never a secret), `log_fields` in the debug log.
struct IamLogin {
  std::string body;
  std::string operation;
  LogFields log_fields;
};

// A token from IAM (POST {auth_url}/auth/tokens -> X-Subject-Token), cached until shortly before it
// expires (expires_at in the answer, else 24 h) and renewed once after a 401. Thread-safe: concurrent
// callers share one fetch. The password login and the agency token (assume_role) differ only in what
// they ask.
//
// IAM's refusal (a 4xx other than 429) is remembered and thrown again to every later caller without
// asking IAM: the same wrong password sent once per resource would print one error per resource and can
// lock the IAM account.
class IamTokenAuthenticator : public Authenticator {
 public:
  void authenticate(HttpRequest& request) override;
  bool renew_after_unauthorized(const HttpRequest& rejected) override;
  std::string login_url() const override { return auth_url_; }
  std::string scoped_project_id() override;

  // Renew this long before the announced expiry.
  static constexpr std::chrono::minutes kRenewMargin{5};

 protected:
  IamTokenAuthenticator(std::string auth_url, ProjectScope scope, std::shared_ptr<Transport> transport,
                        std::shared_ptr<Clock> clock, LogFunction log);
  virtual IamLogin login() const = 0;
  // Adds the caller's own credentials to the login request, when the login needs them (an agency token).
  virtual void authenticate_login(HttpRequest&) {}
  const ProjectScope& scope() const { return scope_; }

 private:
  // `on_behalf_of` lends its cancel token and transfer timeout to the login. Caller holds mutex_.
  void fetch_token(const HttpRequest& on_behalf_of);

  std::string auth_url_;
  ProjectScope scope_;
  std::shared_ptr<Transport> transport_;
  std::shared_ptr<Clock> clock_;
  LogFunction log_;
  std::mutex mutex_;
  std::optional<ApiError> refused_;
  std::string token_;
  std::string scoped_project_id_;  // token.project.id of the last login, when scoped by name
  std::chrono::system_clock::time_point expires_at_{};
};

struct PasswordCredentials {
  std::string auth_url;  // IAM base including /v3
  std::string user_name, password, domain_name, project_id;
  std::string project_name;  // the token's scope when project_id is empty
};

// user/password/domain -> a project-scoped token.
class PasswordAuthenticator : public IamTokenAuthenticator {
 public:
  PasswordAuthenticator(PasswordCredentials credentials, std::shared_ptr<Transport> transport,
                        std::shared_ptr<Clock> clock, LogFunction log = nullptr);
  std::string mode() const override { return "password"; }

 private:
  IamLogin login() const override;
  PasswordCredentials credentials_;
};

// An IAM agency of another account (assume role): the agency's token, asked with the caller's own
// credentials (AK/SK signature, token, or password token), scoped to a project of the delegating account.
struct AgencyCredentials {
  std::string auth_url;     // IAM base including /v3
  std::string domain_name;  // the delegating account
  std::string agency_name;
  int duration_seconds = 0;  // 0: IAM's default (a day)
  std::string project_id, project_name;
};

class AgencyAuthenticator : public IamTokenAuthenticator {
 public:
  AgencyAuthenticator(AgencyCredentials agency, std::shared_ptr<Authenticator> caller,
                      std::shared_ptr<Transport> transport, std::shared_ptr<Clock> clock,
                      LogFunction log = nullptr);
  std::string mode() const override { return "agency (" + caller_->mode() + ")"; }

 private:
  IamLogin login() const override;
  void authenticate_login(HttpRequest& request) override { caller_->authenticate(request); }
  AgencyCredentials agency_;
  std::shared_ptr<Authenticator> caller_;
};

}  // namespace rds::client
