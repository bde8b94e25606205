// Configs for the real provider's RPCs, encoded here as msgpack from the schema the provider returned,
// so that the harness tests depend on the wire format only, not on the provider's own codec; and the
// checks on the diagnostics that come back. Works with the tfplugin5 and tfplugin6 messages alike.
//
//   const std::string config = encode_object(schema.provider().block(), {{"region",
//   msgpack_string("eu-de")}}); EXPECT_TRUE(has_error_naming(response.diagnostics(), "region")) <<
//   describe(response.diagnostics());
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <type_traits>

namespace rds::testing {

inline const std::string kNil("\xc0", 1);
inline const std::string kTrue("\xc3", 1);
inline const std::string kUnknown("\xd4\x00\x00", 3);  // what cty writes for an unknown value

inline std::string big_endian(uint64_t value, int bytes) {
  std::string out;
  for (int i = bytes - 1; i >= 0; --i) out += static_cast<char>((value >> (8 * i)) & 0xff);
  return out;
}

inline std::string msgpack_string(const std::string& s) {
  if (s.size() < 32) return static_cast<char>(0xa0 | s.size()) + s;
  if (s.size() < 0x100) return "\xd9" + big_endian(s.size(), 1) + s;
  if (s.size() < 0x10000) return "\xda" + big_endian(s.size(), 2) + s;
  return "\xdb" + big_endian(s.size(), 4) + s;
}

inline std::string map_header(size_t count) {
  return count < 16 ? std::string(1, static_cast<char>(0x80 | count)) : "\xde" + big_endian(count, 2);
}

// The block as an object: `values` holds already-encoded msgpack for some attributes; every other
// attribute and nested block is null.
template <typename Block>
std::string encode_object(const Block& block, const std::map<std::string, std::string>& values) {
  std::string out = map_header(static_cast<size_t>(block.attributes_size() + block.block_types_size()));
  auto put = [&](const std::string& name) {
    out += msgpack_string(name);
    const auto found = values.find(name);
    out += found != values.end() ? found->second : kNil;
  };
  for (const auto& attribute : block.attributes()) put(attribute.name());
  for (const auto& nested : block.block_types()) put(nested.type_name());
  return out;
}

// "summary: detail" per diagnostic, details cut at 300 characters, for failure messages.
template <class Diagnostics>
std::string describe(const Diagnostics& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) out += d.summary() + ": " + d.detail().substr(0, 300) + "\n";
  return out;
}

// An error whose attribute path ends at `name`, or whose text names it.
template <class Diagnostics>
bool has_error_naming(const Diagnostics& diagnostics, const std::string& name) {
  for (const auto& d : diagnostics) {
    if (d.severity() != std::decay_t<decltype(d)>::ERROR) continue;
    const auto& steps = d.attribute().steps();
    if (!steps.empty() && steps.rbegin()->attribute_name() == name) return true;
    if (d.summary().find(name) != std::string::npos || d.detail().find(name) != std::string::npos)
      return true;
  }
  return false;
}

}  // namespace rds::testing
