#include "provider/shared/api_diagnostics.h"

#include "client/errors.h"

namespace rds::shared {

std::string api_answer_lines(const rds::client::ApiError& api) {
  std::string lines = "API call: " + api.operation();
  if (api.http_status() != 0) lines += "\nHTTP status: " + std::to_string(api.http_status());
  if (!api.error_code().empty()) lines += "\nError code: " + api.error_code();
  if (!api.error_msg().empty()) lines += "\nError message: " + api.error_msg();
  if (!api.request_id().empty()) lines += "\nRequest ID: " + api.request_id();
  return lines;
}

void add_api_error(rds::core::Diagnostics& diags, const std::string& summary, const std::exception& error,
                   const ErrorContext& context) {
  using namespace rds::client;
  std::string detail = error.what();
  if (const auto* api = dynamic_cast<const ApiError*>(&error)) {
    // Each fact once: what the error means, then the call, status, code, message and request id on lines
    // of their own, easy to find and copy (what() would say them all in its sentence too).
    detail = api->meaning() + "\n\n" + api_answer_lines(*api);
  } else if (const auto* format = dynamic_cast<const ResponseFormatError*>(&error)) {
    if (!format->request_id().empty()) detail += "\n\nRequest ID: " + format->request_id();
  } else if (dynamic_cast<const CancelledError*>(&error) != nullptr) {
    detail += "\n\nTerraform asked the provider to stop (e.g. Ctrl-C); the operation was interrupted.";
  }
  const bool timed_out = dynamic_cast<const TimeoutError*>(&error) != nullptr || context.deadline_passed;
  if (timed_out && !context.timeout_argument.empty()) {
    // what() says how long was waited and what was last seen; add which limit it was and what to change.
    detail += "\n\nThe time allowed by " + context.timeout_argument +
              " ran out. If the instance needs longer, raise " + context.timeout_argument +
              " in the resource's timeouts block.";
  }
  if (context.switch_requested && (timed_out || dynamic_cast<const CancelledError*>(&error) != nullptr ||
                                   dynamic_cast<const TransportError*>(&error) != nullptr ||
                                   dynamic_cast<const ApiError*>(&error) != nullptr)) {
    detail +=
        "\n\nThe SSL switch was requested and may still complete on the cloud. The next apply reads the "
        "instance first and sends nothing when SSL already has the wanted value.";
  }
  diags.error(summary, detail);
}

}  // namespace rds::shared
