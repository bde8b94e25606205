#include "provider/core/msgpack.h"

// Encoding side of the msgpack codec (see msgpack.h for the wire rules).
#include <bit>

namespace rds::core {
namespace {

class Writer {
 public:
  std::string out;

  void byte(uint8_t b) { out.push_back(static_cast<char>(b)); }
  void big_endian(uint64_t v, int bytes) {
    for (int i = bytes - 1; i >= 0; --i) byte(static_cast<uint8_t>(v >> (8 * i)));
  }
  void nil() { byte(0xc0); }
  void unknown() {  // fixext1, extension type 0, one zero byte: what cty writes for an unknown
    byte(0xd4);
    byte(0x00);
    byte(0x00);
  }
  void boolean(bool b) { byte(b ? 0xc3 : 0xc2); }
  // The smallest form, as vmihailenco/msgpack's EncodeInt (used by cty) writes it.
  void integer(int64_t n) {
    if (n >= 0) {
      auto u = static_cast<uint64_t>(n);
      if (u <= 0x7f) return byte(static_cast<uint8_t>(u));
      if (u <= 0xff) return byte(0xcc), big_endian(u, 1);
      if (u <= 0xffff) return byte(0xcd), big_endian(u, 2);
      if (u <= 0xffffffff) return byte(0xce), big_endian(u, 4);
      return byte(0xcf), big_endian(u, 8);
    }
    if (n >= -32) return byte(static_cast<uint8_t>(n));
    if (n >= INT8_MIN) return byte(0xd0), big_endian(static_cast<uint64_t>(n), 1);
    if (n >= INT16_MIN) return byte(0xd1), big_endian(static_cast<uint64_t>(n), 2);
    if (n >= INT32_MIN) return byte(0xd2), big_endian(static_cast<uint64_t>(n), 4);
    byte(0xd3), big_endian(static_cast<uint64_t>(n), 8);
  }
  void float64(double d) { byte(0xcb), big_endian(std::bit_cast<uint64_t>(d), 8); }
  void string(std::string_view s) {
    size_t n = s.size();
    if (n <= 31) {
      byte(static_cast<uint8_t>(0xa0 | n));
    } else if (n <= 0xff) {
      byte(0xd9), big_endian(n, 1);
    } else if (n <= 0xffff) {
      byte(0xda), big_endian(n, 2);
    } else {
      byte(0xdb), big_endian(n, 4);
    }
    out.append(s);
  }
  void binary(std::string_view s) {
    size_t n = s.size();
    if (n <= 0xff) {
      byte(0xc4), big_endian(n, 1);
    } else if (n <= 0xffff) {
      byte(0xc5), big_endian(n, 2);
    } else {
      byte(0xc6), big_endian(n, 4);
    }
    out.append(s);
  }
  void array_header(size_t n) {
    if (n <= 15) return byte(static_cast<uint8_t>(0x90 | n));
    if (n <= 0xffff) return byte(0xdc), big_endian(n, 2);
    byte(0xdd), big_endian(n, 4);
  }
  void map_header(size_t n) {
    if (n <= 15) return byte(static_cast<uint8_t>(0x80 | n));
    if (n <= 0xffff) return byte(0xde), big_endian(n, 2);
    byte(0xdf), big_endian(n, 4);
  }
};

void encode(Writer& w, const Value& value, const Type& type, const AttributePath& path);

void encode_number(Writer& w, const Number& n) {
  // cty: an integer when the number is one (and fits int64), else float64 when exact, else the text.
  if (auto i = n.to_int64()) return w.integer(*i);
  if (n.is_double()) return w.float64(n.as_double());
  w.string(n.as_decimal());
}

void expect_kind(const Value& value, const Type& type, const AttributePath& path) {
  if (value.type().kind() != type.kind()) {
    throw CodecError(
        "value of type " + value.type().to_string() + " where " + type.to_string() + " is expected", path);
  }
}

void encode(Writer& w, const Value& value, const Type& type, const AttributePath& path) {
  if (type.kind() == Type::Kind::dynamic && value.type().kind() != Type::Kind::dynamic) {
    // object-wire-format.md: a dynamically-typed value is [type as JSON bytes, value of that type]. This
    // holds for a null or unknown of a known type too (cty's marshal wraps every value whose type is not
    // itself dynamic): written bare, it would decode as a null or unknown of type dynamic, another value.
    w.array_header(2);
    w.binary(value.type().to_json_string());
    return encode(w, value, value.type(), path);
  }
  // Order matters: an unknown is never null, and a null of any type is nil.
  if (value.is_unknown()) return w.unknown();
  if (value.is_null()) return w.nil();
  expect_kind(value, type, path);
  switch (type.kind()) {
    case Type::Kind::string:
      return w.string(value.as_string());
    case Type::Kind::boolean:
      return w.boolean(value.as_bool());
    case Type::Kind::number:
      return encode_number(w, value.as_number());
    case Type::Kind::list:
    case Type::Kind::set: {
      const auto& elements = value.elements();
      w.array_header(elements.size());
      for (size_t i = 0; i < elements.size(); ++i) {
        encode(w, elements[i], type.element(), path.index(static_cast<int64_t>(i)));
      }
      return;
    }
    case Type::Kind::map: {
      const auto& entries = value.entries();
      w.map_header(entries.size());
      for (const auto& [k, v] : entries) {
        w.string(k);
        encode(w, v, type.element(), path.key(k));
      }
      return;
    }
    case Type::Kind::object: {
      const auto& attrs = type.attributes();
      const auto& values = value.entries();
      for (const auto& [name, _] : values) {
        if (!attrs.count(name)) throw CodecError("unexpected attribute \"" + name + "\"", path);
      }
      w.map_header(attrs.size());
      for (const auto& [name, attr_type] : attrs) {
        w.string(name);
        auto it = values.find(name);
        if (it == values.end()) {
          w.nil();
        } else {
          encode(w, it->second, attr_type, path.attribute(name));
        }
      }
      return;
    }
    case Type::Kind::dynamic:
      break;
  }
}

}  // namespace

std::string encode_msgpack(const Value& value, const Type& type) {
  Writer w;
  encode(w, value, type, AttributePath());
  return std::move(w.out);
}

}  // namespace rds::core
