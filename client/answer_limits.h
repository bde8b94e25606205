// How much of an API answer the client reads. A hostile or broken endpoint (or anything between) must
// not make the provider buffer gigabytes or build a JSON tree millions of levels deep: an endless chunked
// body once grew to 3.4 GB in 5 s. The RDS API's largest answer, a page of 100 instances, is well below
// 1 MiB, so the caps leave ample room for real answers.
#pragma once

#include <cstddef>
#include <string_view>

namespace rds::client {

// Bytes of one answer body; the transfer is cut off as soon as it passes this (and refused at once when
// a Content-Length announces more).
inline constexpr std::size_t kMaxAnswerBytes = std::size_t{16} << 20;
// What the error says: "answer too large: more than 16 MiB".
inline constexpr std::string_view kAnswerTooLarge = "answer too large: more than 16 MiB";

// Levels of JSON arrays and objects in an answer, the same bound the provider puts on the JSON Terraform
// sends it (provider/core/json.cpp reads at most 257 levels).
inline constexpr std::size_t kMaxAnswerNesting = 257;

// Whether `text`, read as JSON, opens more than `max_levels` arrays or objects inside each other.
// Brackets inside strings do not count. One pass, no allocation: it runs before the JSON parser, which
// would otherwise build the whole tree first.
bool nested_deeper_than(std::string_view text, std::size_t max_levels);

}  // namespace rds::client
