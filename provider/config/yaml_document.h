#pragma once
// A YAML document (clouds.yaml, secure.yaml) as JSON: mappings become objects, sequences arrays, scalars
// strings. Parsed with libyaml, within bounds: a file of a few KiB can hold aliases that expand to
// billions of nodes ("billion laughs"), so the conversion stops at kMaxYamlNodes and kMaxYamlDepth.

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace rds::config {

inline constexpr std::size_t kMaxYamlNodes = 100'000;
inline constexpr std::size_t kMaxYamlDepth = 64;

struct YamlDocument {
  nlohmann::json value;  // null for an empty document
  std::string problem;   // otherwise what is wrong, with its line: "line 3, column 5: found a tab ..."
};

YamlDocument parse_yaml(std::string_view text);

}  // namespace rds::config
