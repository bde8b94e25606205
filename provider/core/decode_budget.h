// How many values a decoder may build from its input: one per input byte, and a few more. Every value
// written in msgpack or JSON takes at least one byte, so complete input never reaches the bound. What
// can is an object with attributes left out, which the decoders fill with nulls as cty does: an empty
// map (one byte) became a 13-attribute object, and a 976 KB request of them cost 1.86 GB. Terraform
// itself writes every attribute, so only a hand-made request meets this error.
#pragma once

#include <cstddef>
#include <string>

#include "provider/core/codec_error.h"

namespace rds::core {

class DecodeBudget {
 public:
  explicit DecodeBudget(std::size_t input_bytes) : left_(input_bytes + kSlack) {}

  // Counts `values` more values built at `path`; CodecError when the input's share is used up.
  void spend(std::size_t values, const AttributePath& path) {
    if (values > left_)
      throw CodecError(
          "the value holds more values than its size allows (objects with their attributes left out, "
          "which Terraform never sends)",
          path);
    left_ -= values;
  }

 private:
  static constexpr std::size_t kSlack = 64;
  std::size_t left_;
};

}  // namespace rds::core
