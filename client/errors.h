// Every failure the client reports derives from rds::client::Error; what() is a full sentence a user
// can act on (which call, HTTP status, API error code and message, request id). Secrets never appear.
#pragma once

#include <chrono>
#include <stdexcept>
#include <string>

namespace rds::client {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Invalid ClientConfig (missing project_id, half a key pair, unreadable cacert_file, ...).
class ConfigError : public Error {
 public:
  using Error::Error;
};

// No project_id was given, and IAM knows no single project of the name the client looked for.
class ProjectNotFoundError : public Error {
 public:
  using Error::Error;
};

// The API answered with an error status.
class ApiError : public Error {
 public:
  // `note`, when given, is a further sentence for the message, e.g. how many attempts were made.
  ApiError(std::string operation, int http_status, std::string error_code, std::string error_msg,
           std::string request_id, const std::string& note = "");

  const std::string& operation() const { return operation_; }  // e.g. "PUT /v3/{project_id}/instances/X/ssl"
  int http_status() const { return http_status_; }
  const std::string& error_code() const { return error_code_; }  // "DBS.200019"; may be empty
  const std::string& error_msg() const { return error_msg_; }    // may be empty
  const std::string& request_id() const { return request_id_; }  // may be empty
  // What the error means, without the facts above (for messages that list those apart, so that each fact
  // is said once): "The instance abc does not exist." / "The API answered with an error. Gave up after ...".
  const std::string& meaning() const { return meaning_; }

 protected:
  ApiError(std::string message, std::string meaning, std::string operation, int http_status,
           std::string error_code, std::string error_msg, std::string request_id);

 private:
  std::string meaning_;
  std::string operation_;
  int http_status_;
  std::string error_code_, error_msg_, request_id_;
};

// The instance (or job) does not exist: HTTP 404 or one of the documented not-found DBS codes.
class NotFoundError : public ApiError {
 public:
  NotFoundError(std::string operation, std::string resource, int http_status, std::string error_code,
                std::string error_msg, std::string request_id);
  // The API answered successfully, but without the resource (an empty instance list): http_status 0.
  NotFoundError(std::string operation, std::string resource, std::string request_id);
  const std::string& resource() const { return resource_; }  // "instance abc" / "job 42"

 private:
  std::string resource_;
};

// The cloud, or the instance's engine, does not offer a call: the API gateway answers 404 for an API it
// does not have (without an instance-not-found code), and RDS refuses a call an engine lacks with a DBS
// error (HTTP 400). `feature` names what is missing, e.g. "SSL certificate download links".
class NotOfferedError : public ApiError {
 public:
  NotOfferedError(std::string feature, std::string operation, int http_status, std::string error_code,
                  std::string error_msg, std::string request_id);
  const std::string& feature() const { return feature_; }

 private:
  std::string feature_;
};

// SSL was requested on an engine other than MySQL.
class UnsupportedEngineError : public Error {
 public:
  UnsupportedEngineError(std::string instance_id, std::string engine);
  const std::string& instance_id() const { return instance_id_; }
  const std::string& engine() const { return engine_; }

 private:
  std::string instance_id_, engine_;
};

// A wait reached its deadline (or busy retries ran out of time).
class TimeoutError : public Error {
 public:
  // `advice` ends the message: what the user can do about it.
  TimeoutError(std::string operation, std::chrono::milliseconds waited, std::string last_seen,
               const std::string& advice = "increase the timeout or check the instance in the console");
  const std::string& operation() const { return operation_; }
  std::chrono::milliseconds waited() const { return waited_; }
  const std::string& last_seen() const { return last_seen_; }  // e.g. "status BACKING UP"

 private:
  std::string operation_;
  std::chrono::milliseconds waited_;
  std::string last_seen_;
};

class CancelledError : public Error {
 public:
  explicit CancelledError(std::string operation);
  const std::string& operation() const { return operation_; }

 private:
  std::string operation_;
};

// The request never got an HTTP answer: DNS, connect, TLS, timeout, dropped connection.
class TransportError : public Error {
 public:
  // `retryable`: a later attempt may succeed (connect refused, reset, timeout); false for TLS
  // verification failures and bad URLs, which only a configuration change fixes. `note`, when given, is
  // a further sentence for the message (attempts made, which endpoint and where it was configured).
  TransportError(std::string operation, std::string detail, bool retryable, const std::string& note = "");
  const std::string& operation() const { return operation_; }
  const std::string& detail() const { return detail_; }
  bool retryable() const { return retryable_; }

 private:
  std::string operation_, detail_;
  bool retryable_;
};

// The API answered 2xx with a body we cannot use (malformed JSON, missing fields).
class ResponseFormatError : public Error {
 public:
  ResponseFormatError(std::string operation, std::string detail, std::string request_id);
  const std::string& operation() const { return operation_; }
  const std::string& request_id() const { return request_id_; }

 private:
  std::string operation_, request_id_;
};

// The answer's body passed kMaxAnswerBytes (client/answer_limits.h) and was cut off: "answer too large:
// more than 16 MiB". Never retried, since the same call would bring the same answer.
class AnswerTooLargeError : public ResponseFormatError {
 public:
  AnswerTooLargeError(std::string operation, std::string request_id);
};

// An asynchronous job reported status Failed.
class JobFailedError : public Error {
 public:
  JobFailedError(std::string job_id, std::string job_name, const std::string& fail_reason);
  const std::string& job_id() const { return job_id_; }

 private:
  std::string job_id_;
};

// An instance is in a status it never leaves by itself (see is_stuck: FAILED, FROZEN, SHUTDOWN, ...), so
// waiting for it to become ACTIVE would only wait out the timeout.
class InstanceFailedError : public Error {
 public:
  InstanceFailedError(std::string instance_id, std::string status);
  const std::string& instance_id() const { return instance_id_; }
  const std::string& status() const { return status_; }

 private:
  std::string instance_id_, status_;
};

}  // namespace rds::client
