#include <algorithm>

#include <nlohmann/json.hpp>

#include "provider/core/diagnostics.h"

namespace rds::core {

AttributePath::AttributePath(std::string attribute_name) {
  steps_.push_back(Step{Step::Kind::attribute, std::move(attribute_name), 0});
}

AttributePath AttributePath::attribute(std::string name) const {
  AttributePath p = *this;
  p.steps_.push_back(Step{Step::Kind::attribute, std::move(name), 0});
  return p;
}

AttributePath AttributePath::key(std::string key) const {
  AttributePath p = *this;
  p.steps_.push_back(Step{Step::Kind::string_key, std::move(key), 0});
  return p;
}

AttributePath AttributePath::index(int64_t index) const {
  AttributePath p = *this;
  p.steps_.push_back(Step{Step::Kind::int_key, {}, index});
  return p;
}

std::string AttributePath::to_string() const {
  std::string out;
  for (const auto& step : steps_) {
    switch (step.kind) {
      case Step::Kind::attribute:
        out += (out.empty() ? "" : ".") + step.name;
        break;
      case Step::Kind::string_key:
        // Keys come from the wire and may be invalid UTF-8: replace bad bytes rather than throw while
        // describing an error.
        out += "[" +
               nlohmann::json(step.name).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "]";
        break;
      case Step::Kind::int_key:
        out += "[" + std::to_string(step.index) + "]";
        break;
    }
  }
  return out;
}

void Diagnostics::error(std::string summary, std::string detail, std::optional<AttributePath> path) {
  items_.push_back(Diagnostic{Severity::error, std::move(summary), std::move(detail), std::move(path)});
}

void Diagnostics::warning(std::string summary, std::string detail, std::optional<AttributePath> path) {
  items_.push_back(Diagnostic{Severity::warning, std::move(summary), std::move(detail), std::move(path)});
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::has_errors() const {
  return std::any_of(items_.begin(), items_.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::error; });
}

}  // namespace rds::core
