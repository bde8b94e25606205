#include "provider/plugin/handshake.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace rds::plugin {
namespace {

TEST(Base64Raw, MatchesGoRawStdEncodingVectors) {
  // RFC 4648 test vectors without padding, as Go's base64.RawStdEncoding writes them.
  EXPECT_EQ(base64_encode_raw(""), "");
  EXPECT_EQ(base64_encode_raw("f"), "Zg");
  EXPECT_EQ(base64_encode_raw("fo"), "Zm8");
  EXPECT_EQ(base64_encode_raw("foo"), "Zm9v");
  EXPECT_EQ(base64_encode_raw("foob"), "Zm9vYg");
  EXPECT_EQ(base64_encode_raw("fooba"), "Zm9vYmE");
  EXPECT_EQ(base64_encode_raw("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64_encode_raw(std::string("\xff\xfe\x00", 3)), "//4A");  // std alphabet, not URL
}

TEST(Base64Raw, DecodesWithOrWithoutPaddingAndRejectsOtherCharacters) {
  EXPECT_EQ(base64_decode("Zm9vYg"), "foob");
  EXPECT_EQ(base64_decode("Zm9vYg=="), "foob");
  EXPECT_EQ(base64_decode("//4A"), std::string("\xff\xfe\x00", 3));
  EXPECT_FALSE(base64_decode("Zm9v-g").has_value());
  EXPECT_FALSE(base64_decode("Z").has_value());
}

TEST(HandshakeLine, FormatsGoPluginLineForUnixSocketWithCertificate) {
  Handshake handshake;
  handshake.protocol_version = 6;
  handshake.listen = {"unix", "/tmp/tf-provider-rds-abc/plugin.sock"};
  handshake.server_cert_der = "foobar";
  EXPECT_EQ(format_handshake_line(handshake),
            "1|6|unix|/tmp/tf-provider-rds-abc/plugin.sock|grpc|Zm9vYmFy\n");
}

TEST(HandshakeLine, FormatsTcpWithoutCertificate) {
  Handshake handshake;
  handshake.protocol_version = 5;
  handshake.listen = {"tcp", "127.0.0.1:12345"};
  EXPECT_EQ(format_handshake_line(handshake), "1|5|tcp|127.0.0.1:12345|grpc|\n");
}

TEST(HandshakeLine, ParsesWhatItFormats) {
  Handshake handshake;
  handshake.protocol_version = 6;
  handshake.listen = {"unix", "/tmp/x/plugin.sock"};
  handshake.server_cert_der = std::string("\x30\x82\x01\x00", 4);
  const auto parsed = parse_handshake_line(format_handshake_line(handshake));
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->core_version, 1);
  EXPECT_EQ(parsed->protocol_version, 6);
  EXPECT_EQ(parsed->listen.network, "unix");
  EXPECT_EQ(parsed->listen.address, "/tmp/x/plugin.sock");
  EXPECT_EQ(parsed->listen.grpc_uri(), "unix:/tmp/x/plugin.sock");
  EXPECT_EQ(parsed->protocol, "grpc");
  EXPECT_EQ(parsed->server_cert_der, handshake.server_cert_der);
}

TEST(HandshakeLine, RejectsMalformedLinesWithAReason) {
  std::string error;
  EXPECT_FALSE(parse_handshake_line("hello", &error).has_value());
  EXPECT_NE(error.find("6 fields"), std::string::npos) << error;
  EXPECT_FALSE(parse_handshake_line("1|x|unix|/p|grpc|", &error).has_value());
  EXPECT_FALSE(parse_handshake_line("1|6|pipe|/p|grpc|", &error).has_value());
  EXPECT_FALSE(parse_handshake_line("1|6|unix|/p|grpc|!!", &error).has_value());
}

TEST(ReattachConfig, IsTheJsonTerraformReadsFromTfReattachProviders) {
  const auto text =
      format_reattach_config("registry.terraform.io/local/rds", 6, 4242, {"unix", "/tmp/d/plugin.sock"});
  const auto json = nlohmann::json::parse(text);
  const auto& entry = json.at("registry.terraform.io/local/rds");
  EXPECT_EQ(entry.at("Protocol"), "grpc");
  EXPECT_EQ(entry.at("ProtocolVersion"), 6);
  EXPECT_EQ(entry.at("Pid"), 4242);
  EXPECT_EQ(entry.at("Test"), true);
  EXPECT_EQ(entry.at("Addr").at("Network"), "unix");
  EXPECT_EQ(entry.at("Addr").at("String"), "/tmp/d/plugin.sock");
}

}  // namespace
}  // namespace rds::plugin
