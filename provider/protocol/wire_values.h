// Conversions between core values/diagnostics/schemas and the generated tfplugin5/tfplugin6 messages.
// The two protocol versions' messages have the same field names for everything used here, so each
// conversion is a template written once that accepts either version's message type.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "provider/core/diagnostics.h"
#include "provider/core/schema.h"
#include "provider/core/value.h"

namespace rds::protocol {

// DynamicValue payloads. Terraform sends msgpack, or json when msgpack is empty; an empty DynamicValue
// (e.g. an absent provider_meta) is a null value. Errors become a diagnostic naming `field`.
std::optional<core::Value> decode_dynamic_value(const std::string& msgpack, const std::string& json,
                                                const core::Type& type, std::string_view field,
                                                core::Diagnostics& diagnostics);
// We always answer msgpack (a null value is 0xc0, never empty bytes). False, with a diagnostic naming
// `field`, when the value does not fit the schema type.
bool encode_dynamic_value(const core::Value& value, const core::Type& type, std::string_view field,
                          std::string* msgpack, core::Diagnostics& diagnostics);

template <class DynamicValueMsg>
std::optional<core::Value> decode(const DynamicValueMsg& message, const core::Type& type,
                                  std::string_view field, core::Diagnostics& diagnostics) {
  return decode_dynamic_value(message.msgpack(), message.json(), type, field, diagnostics);
}

template <class DynamicValueMsg>
bool encode(const core::Value& value, const core::Type& type, std::string_view field,
            DynamicValueMsg* message, core::Diagnostics& diagnostics) {
  return encode_dynamic_value(value, type, field, message->mutable_msgpack(), diagnostics);
}

// proto3 `string` fields must hold valid UTF-8: Terraform (Go) rejects a whole response otherwise, which
// would turn a clear diagnostic into "error unmarshalling response". Text can carry bytes from the wire
// (a malformed API answer quoted in an error, a map key), so invalid sequences become U+FFFD.
std::string valid_utf8(std::string_view text);

template <class AttributePathMsg>
void to_proto(const core::AttributePath& path, AttributePathMsg* out) {
  for (const auto& step : path.steps()) {
    auto* s = out->add_steps();
    switch (step.kind) {
      case core::AttributePath::Step::Kind::attribute:
        s->set_attribute_name(valid_utf8(step.name));
        break;
      case core::AttributePath::Step::Kind::string_key:
        s->set_element_key_string(valid_utf8(step.name));
        break;
      case core::AttributePath::Step::Kind::int_key:
        s->set_element_key_int(step.index);
        break;
    }
  }
}

// `out` is a response's repeated Diagnostic field (mutable_diagnostics()).
template <class DiagnosticList>
void append_diagnostics(const core::Diagnostics& diagnostics, DiagnosticList* out) {
  for (const auto& d : diagnostics) {
    auto* p = out->Add();
    using DiagnosticMsg = std::remove_pointer_t<decltype(p)>;
    p->set_severity(d.severity == core::Severity::error ? DiagnosticMsg::ERROR : DiagnosticMsg::WARNING);
    p->set_summary(valid_utf8(d.summary));
    p->set_detail(valid_utf8(d.detail));
    if (d.path && !d.path->empty()) to_proto(*d.path, p->mutable_attribute());
  }
}

// Terraform shows one description per attribute or block; markdown wins when both are written
// (as terraform-plugin-framework does). StringKind is PLAIN = 0, MARKDOWN = 1 in both protocols.
template <class Msg>
void set_description(const std::string& plain, const std::string& markdown, Msg* out) {
  using Kind = decltype(out->description_kind());
  out->set_description(markdown.empty() ? plain : markdown);
  out->set_description_kind(static_cast<Kind>(markdown.empty() ? 0 : 1));
}

template <class NestedBlockMsg>
auto nesting_to_proto(core::Nesting nesting) {
  switch (nesting) {
    case core::Nesting::single:
      return NestedBlockMsg::SINGLE;
    case core::Nesting::list:
      return NestedBlockMsg::LIST;
    case core::Nesting::set:
      return NestedBlockMsg::SET;
    case core::Nesting::map:
      return NestedBlockMsg::MAP;
    case core::Nesting::group:
      return NestedBlockMsg::GROUP;
  }
  return NestedBlockMsg::INVALID;
}

template <class BlockMsg>
void to_proto(const core::Block& block, BlockMsg* out) {
  for (const auto& attribute : block.attributes) {
    auto* a = out->add_attributes();
    a->set_name(attribute.name);
    a->set_type(attribute.type.to_json_string());
    set_description(attribute.description, attribute.markdown_description, a);
    a->set_required(attribute.required);
    a->set_optional(attribute.optional);
    a->set_computed(attribute.computed);
    a->set_sensitive(attribute.sensitive);
    a->set_deprecated(attribute.deprecated);
  }
  for (const auto& nested : block.block_types) {
    auto* b = out->add_block_types();
    b->set_type_name(nested.type_name);
    b->set_nesting(nesting_to_proto<std::remove_pointer_t<decltype(b)>>(nested.nesting));
    b->set_min_items(nested.min_items);
    b->set_max_items(nested.max_items);
    to_proto(nested.block, b->mutable_block());
  }
  set_description(block.description, block.markdown_description, out);
  out->set_deprecated(block.deprecated);
}

template <class SchemaMsg>
void schema_to_proto(const core::Schema& schema, SchemaMsg* out) {
  out->set_version(schema.version);
  to_proto(schema.block, out->mutable_block());
}

}  // namespace rds::protocol
