// Text from the network made safe to show: an API's error_code and error_msg, a request id, an HTML
// error page. They reach the user's terminal and CI logs through Terraform's diagnostics, so control
// characters (ESC sequences that retitle a terminal or clear it, BEL, NUL) are replaced, and the text
// is cut to a length a diagnostic can hold (an 11 MB error_msg became a 22 MB diagnostic).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace rds::client {

// `text` with every C0 control character, DEL and UTF-8-encoded C1 control character replaced by a space
// (so a line break becomes a space too), cut to at most `max_bytes` at a character boundary, with
// "... (N bytes)" saying how long it was.
std::string printable(std::string_view text, std::size_t max_bytes);

// The limits used for the API's answers.
inline constexpr std::size_t kMaxShownErrorCode = 64;
inline constexpr std::size_t kMaxShownErrorMessage = 512;
inline constexpr std::size_t kMaxShownRequestId = 128;

}  // namespace rds::client
