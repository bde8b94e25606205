#pragma once
// Decides whether an RDS request is authenticated, like the cloud's API gateway: a valid AK/SK
// signature with a fresh X-Sdk-Date, or an X-Auth-Token that is the static token or one IAM issued.
#include <httplib.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/clock.h"
#include "sim/token_store.h"

namespace rds::sim {

struct Credentials {
  std::string project_id = "sim-project";
  std::string project_name = "eu-de";
  std::string access_key = "sim-ak";
  std::string secret_key = "sim-sk";
  std::string security_token;  // when set, AK/SK requests must carry it as X-Security-Token
  std::string user_name = "sim-user";
  std::string password = "sim-password";
  std::string domain_name = "sim-domain";
  std::string static_token = "sim-token";
  // The one agency another account grants the sim's user (IAM's assume_role): domain and name.
  std::string agency_domain_name = "sim-delegating-domain";
  std::string agency_name = "sim-agency";
  // More projects of the user, as {name, id}: e.g. the project of a second region (--extra-project), so
  // that one sim serves resources of two regions. They share the sim's instances.
  std::vector<std::pair<std::string, std::string>> extra_projects;

  // Every project of the user as {name, id}, the main one first.
  std::vector<std::pair<std::string, std::string>> projects() const {
    std::vector<std::pair<std::string, std::string>> all{{project_name, project_id}};
    all.insert(all.end(), extra_projects.begin(), extra_projects.end());
    return all;
  }
};

enum class AuthMethod { none, aksk, token };
std::string to_string(AuthMethod method);

// Which credentials a request presents (for the request log), whether or not they are valid.
AuthMethod presented_auth(const httplib::Request& req);

struct AuthFailure {
  int status = 401;
  std::string error_code;
  std::string error_msg;
};

class Authenticator {
 public:
  // X-Sdk-Date may differ from the sim's clock by at most this much, like the gateway.
  static constexpr long long kMaxClockSkewSeconds = 15 * 60;

  Authenticator(Credentials credentials, const TokenStore& tokens, Clocks clocks = {});

  // std::nullopt when the request is authenticated.
  std::optional<AuthFailure> check(const httplib::Request& req) const;
  const Credentials& credentials() const { return credentials_; }

 private:
  std::optional<AuthFailure> check_signature(const httplib::Request& req) const;
  std::optional<AuthFailure> check_token(const std::string& token) const;

  Credentials credentials_;
  const TokenStore& tokens_;
  Clocks clocks_;
};

}  // namespace rds::sim
