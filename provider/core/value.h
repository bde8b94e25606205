// Typed Terraform values: every value has a Type and is known, unknown or null (cty's model, as
// terraform-plugin-go's tftypes has it). Values are immutable and cheap to copy (shared payload).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

namespace rds::core {

// A cty type: string, bool, number, dynamic (any type, decided by the value), list/set/map of an
// element type, or object with named attribute types.
class Type {
 public:
  enum class Kind { string, boolean, number, dynamic, list, set, map, object };

  Type();  // dynamic
  static Type string();
  static Type boolean();
  static Type number();
  static Type dynamic();
  static Type list(Type element);
  static Type set(Type element);
  static Type map(Type element);
  static Type object(std::map<std::string, Type> attributes);

  Kind kind() const { return kind_; }
  bool is_primitive() const;
  bool is_collection() const;  // list, set or map
  // Element type of a list, set or map; throws std::logic_error for other kinds.
  const Type& element() const;
  // Attribute types of an object; throws std::logic_error for other kinds.
  const std::map<std::string, Type>& attributes() const;

  // The cty JSON form used on the wire: "string", ["list","string"], ["object",{"a":"bool"}], "dynamic".
  nlohmann::json to_json() const;
  std::string to_json_string() const { return to_json().dump(); }
  // Throws std::invalid_argument on anything that is not a cty type we model (e.g. tuples), and on types
  // nested more than 256 levels deep.
  static Type from_json(const nlohmann::json& json);
  // Human form for error messages: list(string), object({a: bool}).
  std::string to_string() const;

  friend bool operator==(const Type& a, const Type& b);

 private:
  struct Composite;
  Type(Kind kind, std::shared_ptr<const Composite> composite);
  Kind kind_;
  std::shared_ptr<const Composite> composite_;
};

// A number as Terraform sends it: an exact int64, an exact float64, or an arbitrary-precision decimal
// string (cty numbers are big floats; msgpack carries the ones that fit neither as their text).
class Number {
 public:
  Number() : repr_(int64_t{0}) {}
  Number(int64_t i) : repr_(i) {}  // NOLINT(google-explicit-constructor): numbers read like numbers
  Number(int i) : repr_(int64_t{i}) {}
  Number(double d) : repr_(d) {}
  // Parses a decimal literal ("12", "-1.5e300", "123456789012345678901234567890"); an integer that fits
  // int64 becomes an int, otherwise the text is kept. Throws std::invalid_argument on non-numbers.
  static Number parse(std::string_view text);
  // Whether parse() accepts `text`: JSON's number grammar -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?.
  // Checked in one pass with constant stack use (std::regex recursed once per character and overflowed
  // the stack on a number of ~26,000 digits).
  static bool is_literal(std::string_view text);

  bool is_int() const { return std::holds_alternative<int64_t>(repr_); }
  bool is_double() const { return std::holds_alternative<double>(repr_); }
  bool is_decimal() const { return std::holds_alternative<std::string>(repr_); }
  int64_t as_int() const { return std::get<int64_t>(repr_); }
  double as_double() const { return std::get<double>(repr_); }
  const std::string& as_decimal() const { return std::get<std::string>(repr_); }
  // The int64 this number equals exactly, if any (an integral double converts).
  std::optional<int64_t> to_int64() const;
  // Closest double (decimal strings are parsed, possibly losing precision).
  double to_double() const;
  // Decimal text: "12", "1.5", or the kept decimal string.
  std::string to_string() const;

  friend bool operator==(const Number& a, const Number& b);

 private:
  std::variant<int64_t, double, std::string> repr_;
};

// Thrown by accessors used on the wrong kind of value (e.g. as_string() on a null or a bool).
class ValueError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

class Value {
 public:
  Value();  // null of type dynamic
  static Value null(Type type);
  static Value unknown(Type type);
  static Value string(std::string s);
  static Value boolean(bool b);
  static Value number(Number n);
  static Value list(Type element, std::vector<Value> elements);
  static Value set(Type element, std::vector<Value> elements);  // duplicates are removed
  static Value map(Type element, std::map<std::string, Value> entries);
  // An object of `type`: attributes missing from `attributes` are null; throws ValueError for
  // attributes the type does not have.
  static Value object(const Type& type, std::map<std::string, Value> attributes);
  // An object whose type is taken from the attribute values.
  static Value object(std::map<std::string, Value> attributes);

  const Type& type() const { return type_; }
  bool is_null() const { return state_ == State::null; }
  bool is_unknown() const { return state_ == State::unknown; }
  bool is_known() const { return state_ != State::unknown; }
  // Known all the way down (no unknown anywhere inside).
  bool is_wholly_known() const;

  // Accessors for known, non-null values of the right kind; throw ValueError otherwise.
  const std::string& as_string() const;
  bool as_bool() const;
  const Number& as_number() const;
  const std::vector<Value>& elements() const;           // list or set
  const std::map<std::string, Value>& entries() const;  // map entries or object attributes
  // An object's attribute; throws ValueError if this is not a known object or has no such attribute.
  const Value& attr(std::string_view name) const;
  // Convenience for nullable primitives: nullopt when null or unknown.
  std::optional<std::string> get_string(std::string_view attribute) const;
  std::optional<bool> get_bool(std::string_view attribute) const;

  // A copy of this object with one attribute replaced (the attribute must exist in the type).
  Value with_attr(std::string_view name, Value value) const;

  // Structural equality: same type, same state, same contents (sets ignore order).
  friend bool operator==(const Value& a, const Value& b);
  // Debug form, e.g. {id: "abc", enabled: true, n: <unknown>}; never used for secrets in logs.
  std::string to_string() const;

 private:
  enum class State : uint8_t { null, unknown, known };
  struct Payload;
  Value(Type type, State state, std::shared_ptr<const Payload> payload);
  const Payload& payload(const char* what) const;

  Type type_;
  State state_ = State::null;
  std::shared_ptr<const Payload> payload_;
};

}  // namespace rds::core
