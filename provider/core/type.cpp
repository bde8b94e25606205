#include <stdexcept>

#include "provider/core/value.h"

namespace rds::core {

struct Type::Composite {
  std::optional<Type> element;
  std::map<std::string, Type> attributes;
};

Type::Type() : kind_(Kind::dynamic) {}
Type::Type(Kind kind, std::shared_ptr<const Composite> composite)
    : kind_(kind), composite_(std::move(composite)) {}

Type Type::string() { return Type(Kind::string, nullptr); }
Type Type::boolean() { return Type(Kind::boolean, nullptr); }
Type Type::number() { return Type(Kind::number, nullptr); }
Type Type::dynamic() { return Type(Kind::dynamic, nullptr); }
Type Type::list(Type element) {
  return Type(Kind::list, std::make_shared<Composite>(Composite{std::move(element), {}}));
}
Type Type::set(Type element) {
  return Type(Kind::set, std::make_shared<Composite>(Composite{std::move(element), {}}));
}
Type Type::map(Type element) {
  return Type(Kind::map, std::make_shared<Composite>(Composite{std::move(element), {}}));
}
Type Type::object(std::map<std::string, Type> attributes) {
  return Type(Kind::object, std::make_shared<Composite>(Composite{std::nullopt, std::move(attributes)}));
}

bool Type::is_primitive() const {
  return kind_ == Kind::string || kind_ == Kind::boolean || kind_ == Kind::number;
}
bool Type::is_collection() const { return kind_ == Kind::list || kind_ == Kind::set || kind_ == Kind::map; }

const Type& Type::element() const {
  if (!is_collection()) throw std::logic_error("element() called on type " + to_string());
  return *composite_->element;
}

const std::map<std::string, Type>& Type::attributes() const {
  if (kind_ != Kind::object) throw std::logic_error("attributes() called on type " + to_string());
  return composite_->attributes;
}

namespace {

// The keyword of each kind, as Terraform's JSON type encoding and its type expressions both spell it.
const char* keyword(Type::Kind kind) {
  switch (kind) {
    case Type::Kind::string:
      return "string";
    case Type::Kind::boolean:
      return "bool";
    case Type::Kind::number:
      return "number";
    case Type::Kind::dynamic:
      return "dynamic";
    case Type::Kind::list:
      return "list";
    case Type::Kind::set:
      return "set";
    case Type::Kind::map:
      return "map";
    case Type::Kind::object:
      return "object";
  }
  return "?";
}

}  // namespace

nlohmann::json Type::to_json() const {
  if (is_collection()) return nlohmann::json::array({keyword(kind_), element().to_json()});
  if (kind_ == Kind::object) {
    nlohmann::json attrs = nlohmann::json::object();
    for (const auto& [name, type] : attributes()) attrs[name] = type.to_json();
    return nlohmann::json::array({keyword(kind_), attrs});
  }
  return keyword(kind_);
}

namespace {

// Types nest no deeper than the values the codecs accept (their kMaxDepth). The limit keeps the
// recursion below off the end of the stack: a dynamic value's type arrives as JSON text, and 200,000
// nested ["list", ...] in a 1.8 MB msgpack message overflowed it.
constexpr int kMaxTypeDepth = 256;

Type type_from_json(const nlohmann::json& json, int depth) {
  if (depth > kMaxTypeDepth) {
    throw std::invalid_argument("type nested more than " + std::to_string(kMaxTypeDepth) + " levels deep");
  }
  if (json.is_string()) {
    const auto& s = json.get_ref<const std::string&>();
    if (s == "string") return Type::string();
    if (s == "bool") return Type::boolean();
    if (s == "number") return Type::number();
    if (s == "dynamic") return Type::dynamic();
    throw std::invalid_argument("unknown primitive type \"" + s + "\"");
  }
  if (!json.is_array() || json.size() < 2 || !json[0].is_string()) {
    throw std::invalid_argument("not a type: " + json.dump());
  }
  const auto& kind = json[0].get_ref<const std::string&>();
  if (kind == "list") return Type::list(type_from_json(json[1], depth + 1));
  if (kind == "set") return Type::set(type_from_json(json[1], depth + 1));
  if (kind == "map") return Type::map(type_from_json(json[1], depth + 1));
  if (kind == "object") {
    // Optional-attribute markers (a third element) only appear in type constraints, not in values.
    if (!json[1].is_object()) throw std::invalid_argument("object type without attributes: " + json.dump());
    std::map<std::string, Type> attributes;
    for (const auto& [name, type] : json[1].items())
      attributes.emplace(name, type_from_json(type, depth + 1));
    return Type::object(std::move(attributes));
  }
  throw std::invalid_argument("unsupported type kind \"" + kind + "\"");
}

}  // namespace

Type Type::from_json(const nlohmann::json& json) { return type_from_json(json, 0); }

std::string Type::to_string() const {
  if (is_collection()) return std::string(keyword(kind_)) + "(" + element().to_string() + ")";
  if (kind_ == Kind::object) {
    std::string out = "object({";
    bool first = true;
    for (const auto& [name, type] : attributes()) {
      if (!first) out += ", ";
      first = false;
      out += name + ": " + type.to_string();
    }
    return out + "})";
  }
  return keyword(kind_);
}

bool operator==(const Type& a, const Type& b) {
  if (a.kind_ != b.kind_) return false;
  if (a.composite_ == b.composite_) return true;
  if (a.is_collection()) return a.element() == b.element();
  if (a.kind_ == Type::Kind::object) return a.attributes() == b.attributes();
  return true;
}

}  // namespace rds::core
