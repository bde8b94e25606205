#include "provider/core/json_reader.h"

#include "provider/core/codec_error.h"
#include "provider/core/value.h"

namespace rds::core {

namespace {

class Reader {
 public:
  Reader(std::string_view text, size_t max_depth) : text_(text), max_depth_(max_depth) {
    if (text_.starts_with("\xEF\xBB\xBF")) pos_ = 3;  // a UTF-8 byte order mark, skipped as nlohmann does
  }

  // Iterative, so that the depth of the input costs heap, not stack: `open` holds the arrays and
  // objects still being filled. Pointers into the tree stay valid while they are open, because only
  // the innermost open container grows.
  JsonNode document() {
    JsonNode root;
    std::vector<JsonNode*> open;
    JsonNode* slot = &root;  // where the next value goes
    for (;;) {
      if (read_value(*slot)) {  // *slot is a new array or object
        if (open.size() == max_depth_)
          fail("arrays and objects nested more than " + std::to_string(max_depth_) + " deep");
        open.push_back(slot);
        skip_whitespace();
        if (!consume(closer(*slot))) {
          slot = next_slot(*slot);
          continue;
        }
        open.pop_back();
      }
      // After a value: close what ends here, then go on with the next element or member.
      for (;;) {
        skip_whitespace();
        if (open.empty()) {
          if (pos_ != text_.size()) fail("unexpected text after the JSON value");
          return root;
        }
        JsonNode& container = *open.back();
        if (consume(',')) {
          slot = next_slot(container);
          break;
        }
        if (!consume(closer(container))) fail(std::string("expected ',' or '") + closer(container) + "'");
        open.pop_back();
      }
    }
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw CodecError("malformed JSON: " + what + " at byte " + std::to_string(pos_), {});
  }

  void skip_whitespace() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r')) {
      ++pos_;
    }
  }

  bool consume(char c) {
    if (pos_ >= text_.size() || text_[pos_] != c) return false;
    ++pos_;
    return true;
  }

  static char closer(const JsonNode& container) {
    return container.kind == JsonNode::Kind::array ? ']' : '}';
  }

  // Reads a value into `node`; true when it is an array or object whose contents come next.
  bool read_value(JsonNode& node) {
    skip_whitespace();
    if (pos_ >= text_.size()) fail("unexpected end of input");
    const char c = text_[pos_];
    if (c == '[' || c == '{') {
      ++pos_;
      node.kind = c == '[' ? JsonNode::Kind::array : JsonNode::Kind::object;
      return true;
    }
    if (c == '"') {
      node.kind = JsonNode::Kind::string;
      node.text = read_string();
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      node.kind = JsonNode::Kind::number;
      node.text = read_number();
    } else if (consume_word("true") || consume_word("false")) {
      node.kind = JsonNode::Kind::boolean;
      node.boolean = c == 't';
    } else if (consume_word("null")) {
      node.kind = JsonNode::Kind::null;
    } else {
      fail("unexpected character");
    }
    return false;
  }

  // The next element of an array, or the member whose key and ':' are read here.
  JsonNode* next_slot(JsonNode& container) {
    if (container.kind == JsonNode::Kind::array) return &container.elements.emplace_back();
    skip_whitespace();
    if (pos_ >= text_.size() || text_[pos_] != '"') fail("expected a member name");
    std::string key = read_string();
    skip_whitespace();
    if (!consume(':')) fail("expected ':'");
    JsonNode& member = container.members[key];
    member = JsonNode{};
    return &member;
  }

  bool consume_word(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  // Finds the end of the string token here and has nlohmann decode it, so escapes, control characters
  // and UTF-8 are checked exactly as before.
  std::string read_string() {
    const size_t start = pos_++;
    for (;;) {
      if (pos_ >= text_.size()) fail("unterminated string");
      const char c = text_[pos_];
      if (c == '"') break;
      pos_ += c == '\\' ? 2 : 1;
    }
    ++pos_;
    const auto decoded = nlohmann::json::parse(text_.substr(start, pos_ - start), nullptr, false);
    if (!decoded.is_string()) {
      pos_ = start;
      fail("invalid string");
    }
    return decoded.get<std::string>();
  }

  std::string read_number() {
    const size_t start = pos_;
    while (pos_ < text_.size() &&
           std::string_view("0123456789+-.eE").find(text_[pos_]) != std::string::npos) {
      ++pos_;
    }
    const std::string_view literal = text_.substr(start, pos_ - start);
    if (!Number::is_literal(literal)) {
      pos_ = start;
      fail("invalid number");
    }
    return std::string(literal);
  }

  std::string_view text_;
  size_t max_depth_;
  size_t pos_ = 0;
};

}  // namespace

const char* JsonNode::type_name() const {
  switch (kind) {
    case Kind::null:
      return "null";
    case Kind::boolean:
      return "boolean";
    case Kind::number:
      return "number";
    case Kind::string:
      return "string";
    case Kind::array:
      return "array";
    case Kind::object:
      return "object";
  }
  return "null";
}

nlohmann::json JsonNode::to_json() const {
  switch (kind) {
    case Kind::null:
      return nullptr;
    case Kind::boolean:
      return boolean;
    case Kind::number:
      return nlohmann::json::parse(text, nullptr, false);  // discarded when nlohmann cannot hold it
    case Kind::string:
      return text;
    case Kind::array: {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& element : elements) out.push_back(element.to_json());
      return out;
    }
    case Kind::object: {
      nlohmann::json out = nlohmann::json::object();
      for (const auto& [key, member] : members) out[key] = member.to_json();
      return out;
    }
  }
  return nullptr;
}

JsonNode read_json(std::string_view text, size_t max_depth) { return Reader(text, max_depth).document(); }

}  // namespace rds::core
