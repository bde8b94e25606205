#include "provider/core/json.h"

#include <cmath>

#include "provider/core/decode_budget.h"
#include "provider/core/json_reader.h"

namespace rds::core {
namespace {

constexpr int kMaxDepth = 256;

[[noreturn]] void mismatch(const JsonNode& json, const Type& type, const AttributePath& path) {
  throw CodecError(std::string("expected ") + type.to_string() + ", found JSON " + json.type_name(), path);
}

// From the literal as written, so that 0.1 stays the decimal 0.1 rather than the nearest double and
// 123456789012345678901234567890 keeps every digit; cty also takes a number written as a string.
Number number_from_json(const JsonNode& json, const AttributePath& path) {
  if (json.kind != JsonNode::Kind::number && json.kind != JsonNode::Kind::string) {
    throw CodecError(std::string("expected number, found JSON ") + json.type_name(), path);
  }
  try {
    return Number::parse(json.text);
  } catch (const std::invalid_argument& e) {
    throw CodecError(e.what(), path);
  }
}

Value decode(const JsonNode& json, const Type& type, const JsonDecodeOptions& options,
             const AttributePath& path, int depth, DecodeBudget& budget) {
  if (depth > kMaxDepth) throw CodecError("value nested too deeply", path);
  budget.spend(1, path);
  if (json.kind == JsonNode::Kind::null) return Value::null(type);
  switch (type.kind()) {
    case Type::Kind::dynamic: {
      // cty's JSON form of a dynamically-typed value: {"value": ..., "type": ...}.
      if (json.kind != JsonNode::Kind::object || !json.members.contains("value") ||
          !json.members.contains("type")) {
        throw CodecError("dynamic value is not an object with \"value\" and \"type\"", path);
      }
      Type actual;
      try {
        actual = Type::from_json(json.members.at("type").to_json());
      } catch (const std::exception& e) {
        throw CodecError(std::string("dynamic value has an invalid type: ") + e.what(), path);
      }
      return decode(json.members.at("value"), actual, options, path, depth + 1, budget);
    }
    case Type::Kind::string:
      // cty accepts numbers and bools where a string is expected: a number becomes its literal as
      // written (cty's JSON decoder keeps it as a json.Number), never a rounded double.
      if (json.kind == JsonNode::Kind::string || json.kind == JsonNode::Kind::number) {
        return Value::string(json.text);
      }
      if (json.kind == JsonNode::Kind::boolean) return Value::string(json.boolean ? "true" : "false");
      mismatch(json, type, path);
    case Type::Kind::boolean:
      if (json.kind == JsonNode::Kind::boolean) return Value::boolean(json.boolean);
      if (json.kind == JsonNode::Kind::string && (json.text == "true" || json.text == "false")) {
        return Value::boolean(json.text == "true");
      }
      mismatch(json, type, path);
    case Type::Kind::number:
      return Value::number(number_from_json(json, path));
    case Type::Kind::list:
    case Type::Kind::set: {
      if (json.kind != JsonNode::Kind::array) mismatch(json, type, path);
      std::vector<Value> elements;
      for (size_t i = 0; i < json.elements.size(); ++i) {
        elements.push_back(decode(json.elements[i], type.element(), options,
                                  path.index(static_cast<int64_t>(i)), depth + 1, budget));
      }
      if (type.kind() == Type::Kind::list) return Value::list(type.element(), std::move(elements));
      return Value::set(type.element(), std::move(elements));
    }
    case Type::Kind::map: {
      if (json.kind != JsonNode::Kind::object) mismatch(json, type, path);
      std::map<std::string, Value> entries;
      for (const auto& [k, v] : json.members)
        entries[k] = decode(v, type.element(), options, path.key(k), depth + 1, budget);
      return Value::map(type.element(), std::move(entries));
    }
    case Type::Kind::object: {
      if (json.kind != JsonNode::Kind::object) mismatch(json, type, path);
      std::map<std::string, Value> attributes;
      for (const auto& [k, v] : json.members) {
        auto attr = type.attributes().find(k);
        if (attr == type.attributes().end()) {
          if (options.drop_unknown_attributes) continue;
          throw CodecError("unsupported attribute \"" + k + "\"", path);
        }
        attributes[k] = decode(v, attr->second, options, path.attribute(k), depth + 1, budget);
      }
      budget.spend(type.attributes().size() - attributes.size(), path);  // left out: null, as in cty
      return Value::object(type, std::move(attributes));
    }
  }
  mismatch(json, type, path);
}

nlohmann::json encode(const Value& value, const Type& type, const AttributePath& path) {
  if (value.is_unknown()) throw CodecError("unknown values cannot be written as JSON", path);
  if (value.is_null()) return nullptr;
  if (type.kind() == Type::Kind::dynamic) {
    return nlohmann::json{{"value", encode(value, value.type(), path)}, {"type", value.type().to_json()}};
  }
  if (value.type().kind() != type.kind()) {
    throw CodecError(
        "value of type " + value.type().to_string() + " where " + type.to_string() + " is expected", path);
  }
  switch (type.kind()) {
    case Type::Kind::string:
      return value.as_string();
    case Type::Kind::boolean:
      return value.as_bool();
    case Type::Kind::number: {
      const Number& n = value.as_number();
      if (n.is_int()) return n.as_int();
      if (n.is_double()) {
        if (!std::isfinite(n.as_double()))
          throw CodecError("infinite or NaN numbers cannot be written as JSON", path);
        return n.as_double();
      }
      // nlohmann::json holds numbers as int64/uint64/double, so a decimal beyond those is rounded.
      nlohmann::json parsed = nlohmann::json::parse(n.as_decimal(), nullptr, /*allow_exceptions=*/false);
      if (!parsed.is_number())
        throw CodecError("number " + n.as_decimal() + " cannot be written as JSON", path);
      return parsed;
    }
    case Type::Kind::list:
    case Type::Kind::set: {
      nlohmann::json out = nlohmann::json::array();
      const auto& elements = value.elements();
      for (size_t i = 0; i < elements.size(); ++i) {
        out.push_back(encode(elements[i], type.element(), path.index(static_cast<int64_t>(i))));
      }
      return out;
    }
    case Type::Kind::map: {
      nlohmann::json out = nlohmann::json::object();
      for (const auto& [k, v] : value.entries()) out[k] = encode(v, type.element(), path.key(k));
      return out;
    }
    case Type::Kind::object: {
      nlohmann::json out = nlohmann::json::object();
      const auto& values = value.entries();
      for (const auto& [name, attr_type] : type.attributes()) {
        auto it = values.find(name);
        out[name] = it == values.end() ? nlohmann::json(nullptr)
                                       : encode(it->second, attr_type, path.attribute(name));
      }
      return out;
    }
    case Type::Kind::dynamic:
      break;
  }
  return nullptr;
}

}  // namespace

Value value_from_json(const nlohmann::json& json, const Type& type, JsonDecodeOptions options) {
  return decode_json(json.dump(), type, options);
}

Value decode_json(std::string_view text, const Type& type, JsonDecodeOptions options) {
  // Deep enough for everything decode() accepts (values below kMaxDepth levels of arrays and objects).
  DecodeBudget budget(text.size());
  return decode(read_json(text, kMaxDepth + 1), type, options, AttributePath(), 0, budget);
}

nlohmann::json value_to_json(const Value& value, const Type& type) {
  return encode(value, type, AttributePath());
}

}  // namespace rds::core
