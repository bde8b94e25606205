// JSON text read into a tree that keeps every number's literal text. nlohmann::json holds numbers as
// int64, uint64 or double: it rounds 123456789012345678901234567890 and refuses 1e400 outright, while
// cty's JSON decoder (encoding/json with UseNumber) keeps the text, so that a number stored in a string
// attribute stays the string that was written and a number attribute keeps every digit.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace rds::core {

struct JsonNode {
  enum class Kind { null, boolean, number, string, array, object };

  Kind kind = Kind::null;
  bool boolean = false;
  std::string text;                         // a string's value, or a number's literal as written
  std::vector<JsonNode> elements;           // an array's
  std::map<std::string, JsonNode> members;  // an object's; a repeated key keeps its last value

  // "null", "boolean", "number", "string", "array" or "object", as nlohmann's type_name() says.
  const char* type_name() const;
  // The same tree as nlohmann::json (numbers as nlohmann holds them), for cty type JSON.
  nlohmann::json to_json() const;
};

// Reads one JSON value (RFC 8259; strings are decoded and checked by nlohmann). Throws CodecError on
// malformed text and on arrays and objects nested more than `max_depth` deep: the reader itself does
// not recurse, but the tree's destructor and its readers do.
JsonNode read_json(std::string_view text, size_t max_depth);

}  // namespace rds::core
