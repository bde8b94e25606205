// Diagnostics: errors and warnings collected for Terraform, optionally pointing at an attribute.
// Nothing is thrown across the protocol boundary; layers return Diagnostics instead.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rds::core {

// A path into a value, e.g. timeouts.create or tags["env"] or rules[0].
class AttributePath {
 public:
  struct Step {
    enum class Kind { attribute, string_key, int_key };
    Kind kind = Kind::attribute;
    std::string name{};  // attribute name or string key
    int64_t index = 0;   // int key
    friend bool operator==(const Step&, const Step&) = default;
  };

  AttributePath() = default;
  // A path that starts at a top-level attribute: AttributePath("timeouts").attribute("create").
  explicit AttributePath(std::string attribute_name);

  AttributePath attribute(std::string name) const;
  AttributePath key(std::string key) const;
  AttributePath index(int64_t index) const;

  const std::vector<Step>& steps() const { return steps_; }
  bool empty() const { return steps_.empty(); }
  // "timeouts.create", "tags[\"env\"]", "rules[0]"
  std::string to_string() const;

  friend bool operator==(const AttributePath&, const AttributePath&) = default;

 private:
  std::vector<Step> steps_{};
};

enum class Severity { error, warning };

struct Diagnostic {
  Severity severity = Severity::error;
  std::string summary{};
  std::string detail{};
  std::optional<AttributePath> path{};
};

class Diagnostics {
 public:
  void error(std::string summary, std::string detail = {}, std::optional<AttributePath> path = std::nullopt);
  void warning(std::string summary, std::string detail = {},
               std::optional<AttributePath> path = std::nullopt);
  void add(Diagnostic diagnostic) { items_.push_back(std::move(diagnostic)); }
  void append(const Diagnostics& other);

  bool has_errors() const;
  bool empty() const { return items_.empty(); }
  size_t size() const { return items_.size(); }
  const std::vector<Diagnostic>& items() const { return items_; }
  std::vector<Diagnostic>::const_iterator begin() const { return items_.begin(); }
  std::vector<Diagnostic>::const_iterator end() const { return items_.end(); }

 private:
  std::vector<Diagnostic> items_{};
};

}  // namespace rds::core
