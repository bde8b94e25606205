#include "provider/config/yaml_document.h"

#include <yaml.h>

#include <memory>
#include <stdexcept>

namespace rds::config {
namespace {

struct TooLarge : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Converter {
 public:
  explicit Converter(yaml_document_t& document) : document_(document) {}

  nlohmann::json convert(yaml_node_t* node, std::size_t depth) {
    if (node == nullptr) return nullptr;
    if (++nodes_ > kMaxYamlNodes)
      throw TooLarge("it expands to more than " + std::to_string(kMaxYamlNodes) + " values (aliases?)");
    if (depth > kMaxYamlDepth)
      throw TooLarge("it nests deeper than " + std::to_string(kMaxYamlDepth) + " levels");
    switch (node->type) {
      case YAML_SCALAR_NODE:
        return std::string(reinterpret_cast<const char*>(node->data.scalar.value), node->data.scalar.length);
      case YAML_SEQUENCE_NODE: {
        nlohmann::json array = nlohmann::json::array();
        for (yaml_node_item_t* item = node->data.sequence.items.start; item < node->data.sequence.items.top;
             ++item)
          array.push_back(convert(yaml_document_get_node(&document_, *item), depth + 1));
        return array;
      }
      case YAML_MAPPING_NODE: {
        nlohmann::json object = nlohmann::json::object();
        for (yaml_node_pair_t* pair = node->data.mapping.pairs.start; pair < node->data.mapping.pairs.top;
             ++pair) {
          const nlohmann::json key = convert(yaml_document_get_node(&document_, pair->key), depth + 1);
          // Keys of clouds.yaml are plain words; a key that is a mapping or a list has no meaning here.
          if (!key.is_string()) continue;
          object[key.get<std::string>()] =
              convert(yaml_document_get_node(&document_, pair->value), depth + 1);
        }
        return object;
      }
      default:
        return nullptr;
    }
  }

 private:
  yaml_document_t& document_;
  std::size_t nodes_ = 0;
};

std::string position(const yaml_mark_t& mark) {
  return "line " + std::to_string(mark.line + 1) + ", column " + std::to_string(mark.column + 1);
}

}  // namespace

YamlDocument parse_yaml(std::string_view text) {
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) return {nullptr, "the YAML parser could not start"};
  std::unique_ptr<yaml_parser_t, decltype(&yaml_parser_delete)> parser_guard(&parser, &yaml_parser_delete);
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());

  yaml_document_t document;
  if (!yaml_parser_load(&parser, &document)) {
    const std::string what = parser.problem != nullptr ? parser.problem : "it is not valid YAML";
    return {nullptr, position(parser.problem_mark) + ": " + what};
  }
  std::unique_ptr<yaml_document_t, decltype(&yaml_document_delete)> document_guard(&document,
                                                                                   &yaml_document_delete);
  try {
    return {Converter(document).convert(yaml_document_get_root_node(&document), 0), ""};
  } catch (const TooLarge& error) {
    return {nullptr, error.what()};
  }
}

}  // namespace rds::config
