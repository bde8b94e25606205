#include "client/printable.h"

namespace rds::client {

std::string printable(std::string_view text, std::size_t max_bytes) {
  std::string out;
  out.reserve(std::min(text.size(), max_bytes));
  std::size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    // A C1 control (U+0080..U+009F, e.g. the one-character CSI U+009B) is C2 80..C2 9F in UTF-8.
    const bool c1 = byte == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                    static_cast<unsigned char>(text[i + 1]) <= 0x9F;
    // A UTF-8 sequence is 1 to 4 bytes; never cut inside one.
    const std::size_t length = c1             ? 2
                               : byte < 0x80  ? 1
                               : byte >= 0xF0 ? 4
                               : byte >= 0xE0 ? 3
                               : byte >= 0xC0 ? 2
                                              : 1;
    const std::size_t next = std::min(i + length, text.size());
    if (out.size() + (c1 ? 1 : next - i) > max_bytes) {
      out += "... (" + std::to_string(text.size()) + " bytes)";
      return out;
    }
    if (c1 || byte < 0x20 || byte == 0x7F) {
      out += ' ';
    } else {
      out.append(text.substr(i, next - i));
    }
    i = next;
  }
  return out;
}

}  // namespace rds::client
