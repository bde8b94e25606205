// The error both codecs throw: what went wrong and where in the value (so the adapter can name the
// field and attribute in its diagnostic).
#pragma once

#include <stdexcept>
#include <string>

#include "provider/core/diagnostics.h"

namespace rds::core {

class CodecError : public std::runtime_error {
 public:
  CodecError(const std::string& message, AttributePath path)
      : std::runtime_error(path.empty() ? message : path.to_string() + ": " + message),
        path_(std::move(path)) {}
  const AttributePath& path() const { return path_; }

 private:
  AttributePath path_;
};

}  // namespace rds::core
