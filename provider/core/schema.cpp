#include "provider/core/schema.h"

namespace rds::core {

template <typename Nested>
Type BasicBlock<Nested>::value_type() const {
  std::map<std::string, Type> types;
  for (const auto& a : attributes) types.emplace(a.name, a.type);
  for (const auto& b : block_types) {
    Type object = b.block.value_type();
    switch (b.nesting) {
      case Nesting::single:
      case Nesting::group:
        types.emplace(b.type_name, object);
        break;
      case Nesting::list:
        types.emplace(b.type_name, Type::list(object));
        break;
      case Nesting::set:
        types.emplace(b.type_name, Type::set(object));
        break;
      case Nesting::map:
        types.emplace(b.type_name, Type::map(object));
        break;
    }
  }
  return Type::object(std::move(types));
}

template <typename Nested>
const Attribute* BasicBlock<Nested>::find_attribute(std::string_view name) const {
  for (const auto& a : attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

template <typename Nested>
const Nested* BasicBlock<Nested>::find_block(std::string_view type_name) const {
  for (const auto& b : block_types) {
    if (b.type_name == type_name) return &b;
  }
  return nullptr;
}

template struct BasicBlock<NestedBlock>;

Attribute described(std::string_view name, Type type, std::string plain, std::string markdown) {
  Attribute attribute;
  attribute.name = std::string(name);
  attribute.type = std::move(type);
  attribute.description = std::move(plain);
  attribute.markdown_description = std::move(markdown);
  return attribute;
}

}  // namespace rds::core
