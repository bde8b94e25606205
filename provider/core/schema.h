// Schema model for providers and resources, version-neutral (the adapters translate it to tfplugin5/6).
// Plan behaviour is declared here (requires_replace, use_state_for_unknown, default_value) and applied
// generically by plan_rules.h, as terraform-plugin-framework does with plan modifiers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "provider/core/value.h"

namespace rds::core {

// Every member has a default initializer so designated initializers ({.name = "id", .computed = true})
// compile cleanly under -Wextra (GCC warns about members left out otherwise).
struct Attribute {
  std::string name{};
  Type type{};
  std::string description{};           // plain text
  std::string markdown_description{};  // markdown; sent to Terraform when set, else `description`
  bool required = false;
  bool optional = false;
  bool computed = false;
  bool sensitive = false;
  bool deprecated = false;
  // Plan behaviour (see plan_rules.h):
  bool requires_replace = false;       // a change to this attribute replaces the resource
  bool use_state_for_unknown = false;  // computed value kept from prior state instead of unknown
  std::optional<Value>
      default_value{};  // planned when the config leaves it null (attribute must be computed)
};

// The one way schemas make an attribute: its name, type and descriptions (plain text, and Markdown that
// Terraform shows where it can; empty: the plain text); the caller then sets its role (required,
// optional, computed, sensitive, ...).
//
//   Attribute id = described("instance_id", Type::string(), "ID of the instance.", "ID of the `instance`.");
//   id.required = true;
Attribute described(std::string_view name, Type type, std::string plain, std::string markdown = "");

enum class Nesting { single, list, set, map, group };

// Block and NestedBlock contain each other (a block holds nested blocks, each of which holds a block), so
// one of them is incomplete where the other is defined. Block is a template over its nested-block type
// only so that its default member initializers are instantiated where a Block is built, once
// NestedBlock is complete: with C++20's constexpr std::vector, clang instantiates the constructor and
// destructor of a non-template's `std::vector<NestedBlock> block_types{}` at the initializer and rejects
// the incomplete type (GCC defers it). Dropping the initializer instead would make GCC's -Wextra warn on
// every designated initializer that leaves block_types out. Use the alias Block; its member functions are
// defined in schema.cpp, which instantiates them.
template <typename Nested>
struct BasicBlock {
  std::vector<Attribute> attributes{};
  std::vector<Nested> block_types{};
  std::string description{};
  std::string markdown_description{};
  bool deprecated = false;

  // The object type of this block's value: attributes plus nested blocks (single/group → object,
  // list → list(object), set → set(object), map → map(object)).
  Type value_type() const;
  const Attribute* find_attribute(std::string_view name) const;
  const Nested* find_block(std::string_view type_name) const;
};

struct NestedBlock;
using Block = BasicBlock<NestedBlock>;

struct NestedBlock {
  std::string type_name{};
  Nesting nesting = Nesting::single;
  Block block{};
  int64_t min_items = 0;
  int64_t max_items = 0;
};

struct Schema {
  int64_t version = 0;
  Block block{};
  Type value_type() const { return block.value_type(); }
};

}  // namespace rds::core
