#include "provider/core/msgpack.h"

// Decoding side of the msgpack codec (see msgpack.h for the wire rules).
#include <bit>
#include <cmath>
#include <cstdint>

#include "provider/core/decode_budget.h"

namespace rds::core {
namespace {

constexpr int kMaxDepth = 256;

class Reader {
 public:
  DecodeBudget budget;  // what the values built from these bytes may number

  explicit Reader(std::string_view bytes) : budget(bytes.size()), bytes_(bytes) {}

  bool at_end() const { return pos_ == bytes_.size(); }
  size_t remaining() const { return bytes_.size() - pos_; }

  uint8_t peek(const AttributePath& path) const {
    if (at_end()) throw CodecError("msgpack data ends early", path);
    return static_cast<uint8_t>(bytes_[pos_]);
  }
  uint8_t byte(const AttributePath& path) {
    uint8_t b = peek(path);
    ++pos_;
    return b;
  }
  uint64_t big_endian(int n, const AttributePath& path) {
    uint64_t v = 0;
    for (int i = 0; i < n; ++i) v = (v << 8) | byte(path);
    return v;
  }
  std::string_view take(uint64_t n, const AttributePath& path) {
    if (n > remaining()) throw CodecError("msgpack data ends early", path);
    auto s = bytes_.substr(pos_, n);
    pos_ += n;
    return s;
  }

  // Extension types (fixext 1/2/4/8/16, ext 8/16/32): skipped whole. Returns false if not an extension.
  bool skip_extension(const AttributePath& path) {
    uint8_t b = peek(path);
    uint64_t length;
    if (b >= 0xd4 && b <= 0xd8) {  // fixext 1, 2, 4, 8, 16
      ++pos_;
      length = uint64_t{1} << (b - 0xd4);
    } else if (b >= 0xc7 && b <= 0xc9) {  // ext 8, 16, 32: explicit length
      ++pos_;
      length = big_endian(b == 0xc7 ? 1 : b == 0xc8 ? 2 : 4, path);
    } else {
      return false;
    }
    take(1 + length, path);  // the extension type byte, then its data
    return true;
  }

  std::optional<std::string_view> string_or_binary(const AttributePath& path) {
    uint8_t b = peek(path);
    uint64_t n;
    if ((b & 0xe0) == 0xa0) {
      ++pos_;
      n = b & 0x1f;
    } else if (b == 0xd9 || b == 0xc4) {
      ++pos_;
      n = big_endian(1, path);
    } else if (b == 0xda || b == 0xc5) {
      ++pos_;
      n = big_endian(2, path);
    } else if (b == 0xdb || b == 0xc6) {
      ++pos_;
      n = big_endian(4, path);
    } else {
      return std::nullopt;
    }
    return take(n, path);
  }

  std::optional<uint64_t> array_header(const AttributePath& path) {
    uint8_t b = peek(path);
    uint64_t n;
    if ((b & 0xf0) == 0x90) {
      ++pos_;
      n = b & 0x0f;
    } else if (b == 0xdc) {
      ++pos_;
      n = big_endian(2, path);
    } else if (b == 0xdd) {
      ++pos_;
      n = big_endian(4, path);
    } else {
      return std::nullopt;
    }
    if (n > remaining()) throw CodecError("msgpack array longer than the data", path);
    return n;
  }

  std::optional<uint64_t> map_header(const AttributePath& path) {
    uint8_t b = peek(path);
    uint64_t n;
    if ((b & 0xf0) == 0x80) {
      ++pos_;
      n = b & 0x0f;
    } else if (b == 0xde) {
      ++pos_;
      n = big_endian(2, path);
    } else if (b == 0xdf) {
      ++pos_;
      n = big_endian(4, path);
    } else {
      return std::nullopt;
    }
    if (n > remaining() / 2) throw CodecError("msgpack map longer than the data", path);
    return n;
  }

  // cty numbers may be infinite but never NaN (Terraform cannot send one); a NaN would also break every
  // comparison of the value with itself (plans, sets), so it is refused as malformed.
  static Number finite_or_infinite(double d, const AttributePath& path) {
    if (std::isnan(d)) throw CodecError("msgpack float is NaN, which is not a number", path);
    return Number(d);
  }

  std::optional<Number> number(const AttributePath& path) {
    uint8_t b = peek(path);
    if (b <= 0x7f) return ++pos_, Number(int64_t{b});
    if (b >= 0xe0) return ++pos_, Number(int64_t{static_cast<int8_t>(b)});
    switch (b) {
      case 0xcc:
        return ++pos_, Number(static_cast<int64_t>(big_endian(1, path)));
      case 0xcd:
        return ++pos_, Number(static_cast<int64_t>(big_endian(2, path)));
      case 0xce:
        return ++pos_, Number(static_cast<int64_t>(big_endian(4, path)));
      case 0xcf: {
        ++pos_;
        uint64_t u = big_endian(8, path);
        if (u > static_cast<uint64_t>(INT64_MAX)) return Number::parse(std::to_string(u));
        return Number(static_cast<int64_t>(u));
      }
      case 0xd0:
        return ++pos_, Number(int64_t{static_cast<int8_t>(big_endian(1, path))});
      case 0xd1:
        return ++pos_, Number(int64_t{static_cast<int16_t>(big_endian(2, path))});
      case 0xd2:
        return ++pos_, Number(int64_t{static_cast<int32_t>(big_endian(4, path))});
      case 0xd3:
        return ++pos_, Number(static_cast<int64_t>(big_endian(8, path)));
      case 0xca: {
        ++pos_;
        return finite_or_infinite(
            static_cast<double>(std::bit_cast<float>(static_cast<uint32_t>(big_endian(4, path)))), path);
      }
      case 0xcb:
        return ++pos_, finite_or_infinite(std::bit_cast<double>(big_endian(8, path)), path);
      default:
        break;
    }
    // Numbers that fit neither int64 nor float64 exactly travel as their decimal text.
    if (auto text = string_or_binary(path)) {
      try {
        return Number::parse(*text);
      } catch (const std::invalid_argument& e) {
        throw CodecError(e.what(), path);
      }
    }
    return std::nullopt;
  }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
};

std::string describe_byte(uint8_t b) {
  static const char* hex = "0123456789abcdef";
  return std::string("0x") + hex[b >> 4] + hex[b & 0xf];
}

[[noreturn]] void mismatch(Reader& r, const Type& type, const AttributePath& path) {
  throw CodecError("expected " + type.to_string() + ", found msgpack byte " + describe_byte(r.peek(path)),
                   path);
}

Value decode(Reader& r, const Type& type, const AttributePath& path, int depth) {
  if (depth > kMaxDepth) throw CodecError("value nested too deeply", path);
  r.budget.spend(1, path);
  // Any extension type is an unknown value (type 0 plain, type 12 with refinements we don't need).
  if (r.skip_extension(path)) return Value::unknown(type);
  if (r.peek(path) == 0xc0) {
    r.byte(path);
    return Value::null(type);
  }
  switch (type.kind()) {
    case Type::Kind::dynamic: {
      auto n = r.array_header(path);
      if (!n || *n != 2) throw CodecError("dynamic value is not a [type, value] pair", path);
      auto type_json = r.string_or_binary(path);
      if (!type_json) throw CodecError("dynamic value's type is not a string", path);
      Type actual;
      try {
        actual = Type::from_json(nlohmann::json::parse(*type_json));
      } catch (const std::exception& e) {
        throw CodecError(std::string("dynamic value has an invalid type: ") + e.what(), path);
      }
      return decode(r, actual, path, depth + 1);
    }
    case Type::Kind::string: {
      auto s = r.string_or_binary(path);
      if (!s) mismatch(r, type, path);
      return Value::string(std::string(*s));
    }
    case Type::Kind::boolean: {
      uint8_t b = r.peek(path);
      if (b != 0xc2 && b != 0xc3) mismatch(r, type, path);
      r.byte(path);
      return Value::boolean(b == 0xc3);
    }
    case Type::Kind::number: {
      auto n = r.number(path);
      if (!n) mismatch(r, type, path);
      return Value::number(*n);
    }
    case Type::Kind::list:
    case Type::Kind::set: {
      auto n = r.array_header(path);
      if (!n) mismatch(r, type, path);
      std::vector<Value> elements;
      for (uint64_t i = 0; i < *n; ++i) {
        elements.push_back(decode(r, type.element(), path.index(static_cast<int64_t>(i)), depth + 1));
      }
      if (type.kind() == Type::Kind::list) return Value::list(type.element(), std::move(elements));
      return Value::set(type.element(), std::move(elements));
    }
    case Type::Kind::map:
    case Type::Kind::object: {
      auto n = r.map_header(path);
      if (!n) mismatch(r, type, path);
      std::map<std::string, Value> entries;
      for (uint64_t i = 0; i < *n; ++i) {
        auto key = r.string_or_binary(path);
        if (!key) throw CodecError("map key is not a string", path);
        std::string k(*key);
        if (type.kind() == Type::Kind::map) {
          entries[k] = decode(r, type.element(), path.key(k), depth + 1);
          continue;
        }
        auto attr = type.attributes().find(k);
        if (attr == type.attributes().end()) throw CodecError("unsupported attribute \"" + k + "\"", path);
        entries[k] = decode(r, attr->second, path.attribute(k), depth + 1);
      }
      if (type.kind() == Type::Kind::map) return Value::map(type.element(), std::move(entries));
      r.budget.spend(type.attributes().size() - entries.size(), path);
      return Value::object(type, std::move(entries));  // attributes left out are null, as in cty
    }
  }
  mismatch(r, type, path);
}

}  // namespace

Value decode_msgpack(std::string_view bytes, const Type& type) {
  Reader r(bytes);
  Value v = decode(r, type, AttributePath(), 0);
  if (!r.at_end())
    throw CodecError(std::to_string(r.remaining()) + " unexpected bytes after the msgpack value", {});
  return v;
}

}  // namespace rds::core
