// Text the provider puts into proto3 string fields must be valid UTF-8, or Terraform rejects the whole
// response. Diagnostics can quote bytes from the wire, so the adapter repairs them.
#include <gtest/gtest.h>

#include "proto/tfplugin6.pb.h"
#include "provider/protocol/wire_values.h"

namespace rds::protocol {
namespace {

TEST(WireText, ValidUtf8IsKeptAsIs) {
  const std::string text = "plain, \xC3\xA9t\xC3\xA9, \xE4\xB8\x80, \xF0\x9F\x94\x92";
  EXPECT_EQ(valid_utf8(text), text);
}

TEST(WireText, InvalidBytesBecomeReplacementCharacters) {
  const std::string replacement = "\xEF\xBF\xBD";
  EXPECT_EQ(valid_utf8("a\xFF"
                       "b"),
            "a" + replacement + "b");
  EXPECT_EQ(valid_utf8("\xC3"), replacement);                                      // truncated sequence
  EXPECT_EQ(valid_utf8("\xC0\xAF"), replacement + replacement);                    // overlong '/'
  EXPECT_EQ(valid_utf8("\xED\xA0\x80"), replacement + replacement + replacement);  // surrogate
  EXPECT_EQ(valid_utf8("\xF4\x90\x80\x80").find('\xF4'), std::string::npos);       // above U+10FFFF
}

TEST(WireText, DiagnosticsQuotingInvalidBytesStillParseOnTheOtherSide) {
  core::Diagnostics diagnostics;
  diagnostics.error("Cannot read RDS instance db1",
                    "the body is not valid JSON (starts with \"\x84\xA4\xFF\")",
                    core::AttributePath("tags").key("\xFE"));
  tfplugin6::ReadResource::Response response;
  append_diagnostics(diagnostics, response.mutable_diagnostics());

  tfplugin6::ReadResource::Response received;
  ASSERT_TRUE(received.ParseFromString(response.SerializeAsString()));
  ASSERT_EQ(received.diagnostics_size(), 1);
  EXPECT_EQ(received.diagnostics(0).summary(), "Cannot read RDS instance db1");
  EXPECT_NE(received.diagnostics(0).detail().find("\xEF\xBF\xBD"), std::string::npos);
  EXPECT_EQ(received.diagnostics(0).attribute().steps(1).element_key_string(), "\xEF\xBF\xBD");
}

}  // namespace
}  // namespace rds::protocol
