#include "client/errors.h"

#include <utility>

#include "client/answer_limits.h"

namespace rds::client {

namespace {
std::string api_message(const std::string& operation, int status, const std::string& code,
                        const std::string& msg, const std::string& request_id) {
  std::string text = operation + " failed with HTTP " + std::to_string(status);
  if (!code.empty() || !msg.empty()) {
    text += ":";
    if (!code.empty()) text += " " + code;
    if (!msg.empty()) text += (code.empty() ? " " : ": ") + msg;
  }
  if (!request_id.empty()) text += " (request id " + request_id + ")";
  return text + ".";
}
}  // namespace

ApiError::ApiError(std::string operation, int http_status, std::string error_code, std::string error_msg,
                   std::string request_id, const std::string& note)
    // Copies, not moves: the message is built from the same arguments, in unspecified order.
    : ApiError(api_message(operation, http_status, error_code, error_msg, request_id) +
                   (note.empty() ? "" : " " + note),
               "The API answered with an error." + (note.empty() ? "" : " " + note), operation, http_status,
               error_code, error_msg, request_id) {}

ApiError::ApiError(std::string message, std::string meaning, std::string operation, int http_status,
                   std::string error_code, std::string error_msg, std::string request_id)
    : Error(message),
      meaning_(std::move(meaning)),
      operation_(std::move(operation)),
      http_status_(http_status),
      error_code_(std::move(error_code)),
      error_msg_(std::move(error_msg)),
      request_id_(std::move(request_id)) {}

NotFoundError::NotFoundError(std::string operation, std::string resource, int http_status,
                             std::string error_code, std::string error_msg, std::string request_id)
    : ApiError("The " + resource + " does not exist (" +
                   api_message(operation, http_status, error_code, error_msg, request_id) + ")",
               "The " + resource + " does not exist.", operation, http_status, error_code, error_msg,
               request_id),
      resource_(resource) {}

NotFoundError::NotFoundError(std::string operation, std::string resource, std::string request_id)
    : ApiError("The " + resource + " does not exist (" + operation + " found nothing" +
                   (request_id.empty() ? std::string() : ", request id " + request_id) + ").",
               "The " + resource + " does not exist: the call found nothing.", operation, 0, "", "",
               request_id),
      resource_(std::move(resource)) {}

NotOfferedError::NotOfferedError(std::string feature, std::string operation, int http_status,
                                 std::string error_code, std::string error_msg, std::string request_id)
    : ApiError("The RDS API does not offer " + feature + " here (" +
                   api_message(operation, http_status, error_code, error_msg, request_id) + ")",
               "The RDS API does not offer " + feature + " here.", operation, http_status, error_code,
               error_msg, request_id),
      feature_(std::move(feature)) {}

UnsupportedEngineError::UnsupportedEngineError(std::string instance_id, std::string engine)
    : Error("SSL can only be configured on MySQL instances; instance " + instance_id + " runs " +
            (engine.empty() ? std::string("an unknown engine") : engine) + "."),
      instance_id_(std::move(instance_id)),
      engine_(std::move(engine)) {}

TimeoutError::TimeoutError(std::string operation, std::chrono::milliseconds waited, std::string last_seen,
                           const std::string& advice)
    : Error("Timed out after " + std::to_string(waited.count() / 1000) + "." +
            std::to_string(waited.count() % 1000 / 100) + " s waiting for " + operation +
            (last_seen.empty() ? std::string() : " (last seen: " + last_seen + ")") + "; " + advice + "."),
      operation_(std::move(operation)),
      waited_(waited),
      last_seen_(std::move(last_seen)) {}

CancelledError::CancelledError(std::string operation)
    : Error("Cancelled while " + operation + "."), operation_(std::move(operation)) {}

TransportError::TransportError(std::string operation, std::string detail, bool retryable,
                               const std::string& note)
    : Error(operation + " failed before any HTTP answer: " + detail + "." + (note.empty() ? "" : " " + note)),
      operation_(std::move(operation)),
      detail_(std::move(detail)),
      retryable_(retryable) {}

ResponseFormatError::ResponseFormatError(std::string operation, std::string detail, std::string request_id)
    : Error(operation + " returned an unexpected answer: " + detail +
            (request_id.empty() ? std::string() : " (request id " + request_id + ")") + "."),
      operation_(std::move(operation)),
      request_id_(std::move(request_id)) {}

AnswerTooLargeError::AnswerTooLargeError(std::string operation, std::string request_id)
    : ResponseFormatError(std::move(operation),
                          std::string(kAnswerTooLarge) + ", the most the provider reads of one API answer",
                          std::move(request_id)) {}

JobFailedError::JobFailedError(std::string job_id, std::string job_name, const std::string& fail_reason)
    : Error("RDS job " + job_id + (job_name.empty() ? std::string() : " (" + job_name + ")") +
            " finished with status Failed" +
            (fail_reason.empty() ? std::string("; see the instance's task center for the cause.")
                                 : ": " + fail_reason + (fail_reason.ends_with('.') ? "" : "."))),
      job_id_(std::move(job_id)) {}

InstanceFailedError::InstanceFailedError(std::string instance_id, std::string status)
    : Error("Instance " + instance_id + " has status " + status +
            ", which it does not leave by itself; its SSL setting cannot be changed until it is repaired, "
            "unfrozen or started again (check the instance in the console)."),
      instance_id_(std::move(instance_id)),
      status_(std::move(status)) {}

}  // namespace rds::client
