#include "client/answer_limits.h"

#include <gtest/gtest.h>

#include <string>

namespace rds::client {
namespace {

std::string nested(std::size_t levels) { return std::string(levels, '[') + std::string(levels, ']'); }

TEST(AnswerNesting, CountsArraysAndObjectsInsideEachOther) {
  EXPECT_FALSE(nested_deeper_than(nested(257), 257));
  EXPECT_TRUE(nested_deeper_than(nested(258), 257));
  EXPECT_TRUE(nested_deeper_than(R"({"a":{"b":[{}]}})", 3));
  EXPECT_FALSE(nested_deeper_than(R"({"a":{"b":[{}]}})", 4));
}

TEST(AnswerNesting, SiblingsDoNotAddUp) { EXPECT_FALSE(nested_deeper_than("[[],[],[],[[]]]", 3)); }

TEST(AnswerNesting, BracketsInsideStringsDoNotCount) {
  EXPECT_FALSE(nested_deeper_than(R"({"text":"[[[[{{{{"})", 1));
  EXPECT_FALSE(nested_deeper_than(R"({"text":"a \" [[[[ \\"})", 1));
  EXPECT_TRUE(nested_deeper_than(R"({"text":"\\"}[[)", 1));
}

TEST(AnswerNesting, UnbalancedTextIsLeftToTheParser) {
  EXPECT_FALSE(nested_deeper_than("]]]]{", 1));
  EXPECT_FALSE(nested_deeper_than("", 0));
}

}  // namespace
}  // namespace rds::client
