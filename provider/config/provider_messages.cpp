#include "provider/config/provider_messages.h"

#include <cstdio>

namespace rds::config {

std::string shown_value(std::string_view value) {
  constexpr std::size_t kShown = 80;
  std::string text = "\"";
  for (std::size_t i = 0; i < value.size() && i < kShown; ++i) {
    const unsigned char c = value[i];
    if (c < 0x20 || c == 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", c);
      text += hex;
    } else {
      text += static_cast<char>(c);
    }
  }
  return text + (value.size() > kShown ? "...\"" : "\"");
}

}  // namespace rds::config
