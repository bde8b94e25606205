#include <algorithm>

#include "provider/core/value.h"

namespace rds::core {

// The contents of a known, non-null value; which member is meaningful follows from the type.
struct Value::Payload {
  std::string string;
  bool boolean = false;
  Number number;
  std::vector<Value> elements;           // list, set
  std::map<std::string, Value> entries;  // map, object
};

namespace {

std::string kind_name(const Type& type) { return type.to_string(); }

bool set_contains(const std::vector<Value>& elements, const Value& v) {
  return std::find(elements.begin(), elements.end(), v) != elements.end();
}

}  // namespace

Value::Value() : type_(Type::dynamic()) {}
Value::Value(Type type, State state, std::shared_ptr<const Payload> payload)
    : type_(std::move(type)), state_(state), payload_(std::move(payload)) {}

Value Value::null(Type type) { return Value(std::move(type), State::null, nullptr); }
Value Value::unknown(Type type) { return Value(std::move(type), State::unknown, nullptr); }

Value Value::string(std::string s) {
  auto p = std::make_shared<Payload>();
  p->string = std::move(s);
  return Value(Type::string(), State::known, std::move(p));
}

Value Value::boolean(bool b) {
  auto p = std::make_shared<Payload>();
  p->boolean = b;
  return Value(Type::boolean(), State::known, std::move(p));
}

Value Value::number(Number n) {
  auto p = std::make_shared<Payload>();
  p->number = std::move(n);
  return Value(Type::number(), State::known, std::move(p));
}

Value Value::list(Type element, std::vector<Value> elements) {
  auto p = std::make_shared<Payload>();
  p->elements = std::move(elements);
  return Value(Type::list(std::move(element)), State::known, std::move(p));
}

Value Value::set(Type element, std::vector<Value> elements) {
  auto p = std::make_shared<Payload>();
  for (auto& e : elements) {
    if (!set_contains(p->elements, e)) p->elements.push_back(std::move(e));
  }
  return Value(Type::set(std::move(element)), State::known, std::move(p));
}

Value Value::map(Type element, std::map<std::string, Value> entries) {
  auto p = std::make_shared<Payload>();
  p->entries = std::move(entries);
  return Value(Type::map(std::move(element)), State::known, std::move(p));
}

Value Value::object(const Type& type, std::map<std::string, Value> attributes) {
  if (type.kind() != Type::Kind::object)
    throw ValueError("Value::object needs an object type, not " + kind_name(type));
  for (const auto& [name, _] : attributes) {
    if (!type.attributes().count(name)) {
      throw ValueError("object type " + type.to_string() + " has no attribute \"" + name + "\"");
    }
  }
  auto p = std::make_shared<Payload>();
  for (const auto& [name, attr_type] : type.attributes()) {
    auto it = attributes.find(name);
    p->entries.emplace(name, it != attributes.end() ? std::move(it->second) : Value::null(attr_type));
  }
  return Value(type, State::known, std::move(p));
}

Value Value::object(std::map<std::string, Value> attributes) {
  std::map<std::string, Type> types;
  for (const auto& [name, v] : attributes) types.emplace(name, v.type());
  auto p = std::make_shared<Payload>();
  p->entries = std::move(attributes);
  return Value(Type::object(std::move(types)), State::known, std::move(p));
}

bool Value::is_wholly_known() const {
  if (is_unknown()) return false;
  if (is_null() || type_.is_primitive()) return true;
  for (const auto& e : payload_->elements) {
    if (!e.is_wholly_known()) return false;
  }
  for (const auto& [_, e] : payload_->entries) {
    if (!e.is_wholly_known()) return false;
  }
  return true;
}

const Value::Payload& Value::payload(const char* what) const {
  if (!payload_) {
    throw ValueError(std::string(what) + " called on a " + (is_null() ? "null" : "unknown") +
                     " value of type " + kind_name(type_));
  }
  return *payload_;
}

const std::string& Value::as_string() const {
  if (type_.kind() != Type::Kind::string)
    throw ValueError("as_string() called on a value of type " + kind_name(type_));
  return payload("as_string()").string;
}

bool Value::as_bool() const {
  if (type_.kind() != Type::Kind::boolean)
    throw ValueError("as_bool() called on a value of type " + kind_name(type_));
  return payload("as_bool()").boolean;
}

const Number& Value::as_number() const {
  if (type_.kind() != Type::Kind::number)
    throw ValueError("as_number() called on a value of type " + kind_name(type_));
  return payload("as_number()").number;
}

const std::vector<Value>& Value::elements() const {
  if (type_.kind() != Type::Kind::list && type_.kind() != Type::Kind::set) {
    throw ValueError("elements() called on a value of type " + kind_name(type_));
  }
  return payload("elements()").elements;
}

const std::map<std::string, Value>& Value::entries() const {
  if (type_.kind() != Type::Kind::map && type_.kind() != Type::Kind::object) {
    throw ValueError("entries() called on a value of type " + kind_name(type_));
  }
  return payload("entries()").entries;
}

const Value& Value::attr(std::string_view name) const {
  if (type_.kind() != Type::Kind::object)
    throw ValueError("attr() called on a value of type " + kind_name(type_));
  const auto& attrs = payload("attr()").entries;
  auto it = attrs.find(std::string(name));
  if (it == attrs.end()) throw ValueError("object has no attribute \"" + std::string(name) + "\"");
  return it->second;
}

std::optional<std::string> Value::get_string(std::string_view attribute) const {
  const Value& v = attr(attribute);
  if (v.is_null() || v.is_unknown()) return std::nullopt;
  return v.as_string();
}

std::optional<bool> Value::get_bool(std::string_view attribute) const {
  const Value& v = attr(attribute);
  if (v.is_null() || v.is_unknown()) return std::nullopt;
  return v.as_bool();
}

Value Value::with_attr(std::string_view name, Value value) const {
  if (type_.kind() != Type::Kind::object)
    throw ValueError("with_attr() called on a value of type " + kind_name(type_));
  auto attrs = payload("with_attr()").entries;
  auto it = attrs.find(std::string(name));
  if (it == attrs.end()) throw ValueError("object has no attribute \"" + std::string(name) + "\"");
  it->second = std::move(value);
  auto p = std::make_shared<Payload>();
  p->entries = std::move(attrs);
  return Value(type_, State::known, std::move(p));
}

bool operator==(const Value& a, const Value& b) {
  if (a.state_ != b.state_ || !(a.type_ == b.type_)) return false;
  if (a.state_ != Value::State::known || a.payload_ == b.payload_) return true;
  switch (a.type_.kind()) {
    case Type::Kind::string:
      return a.payload_->string == b.payload_->string;
    case Type::Kind::boolean:
      return a.payload_->boolean == b.payload_->boolean;
    case Type::Kind::number:
      return a.payload_->number == b.payload_->number;
    case Type::Kind::list:
      return a.payload_->elements == b.payload_->elements;
    case Type::Kind::set: {
      const auto &x = a.payload_->elements, &y = b.payload_->elements;
      if (x.size() != y.size()) return false;
      return std::all_of(x.begin(), x.end(), [&](const Value& v) { return set_contains(y, v); });
    }
    case Type::Kind::map:
    case Type::Kind::object:
      return a.payload_->entries == b.payload_->entries;
    case Type::Kind::dynamic:
      return true;  // a known value always has a concrete type
  }
  return false;
}

std::string Value::to_string() const {
  if (is_null()) return "null";
  if (is_unknown()) return "<unknown>";
  switch (type_.kind()) {
    case Type::Kind::string:
      // Strings may hold invalid UTF-8 from the wire; describing them must not throw.
      return nlohmann::json(payload_->string).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    case Type::Kind::boolean:
      return payload_->boolean ? "true" : "false";
    case Type::Kind::number:
      return payload_->number.to_string();
    case Type::Kind::list:
    case Type::Kind::set: {
      std::string out = "[";
      for (size_t i = 0; i < payload_->elements.size(); ++i) {
        out += (i ? ", " : "") + payload_->elements[i].to_string();
      }
      return out + "]";
    }
    case Type::Kind::map:
    case Type::Kind::object: {
      std::string out = "{";
      bool first = true;
      for (const auto& [k, v] : payload_->entries) {
        out += (first ? "" : ", ") + k + ": " + v.to_string();
        first = false;
      }
      return out + "}";
    }
    case Type::Kind::dynamic:
      break;
  }
  return "?";
}

}  // namespace rds::core
