// The rules that keep requests on the hosts the user meant: region and project_id
// characters, URL parsing that agrees with libcurl on the host, refusal of user info, redaction, and the
// default hosts checked after they are built.
#include "client/endpoints.h"

#include <gtest/gtest.h>

#include <string>

#include "client/errors.h"

namespace rds::client {
namespace {

TEST(Region, LettersDigitsDashAndUnderscoreAreAccepted) {
  for (const char* region : {"eu-de", "eu-nl", "ap-southeast-1", "EU_de2", "x"})
    EXPECT_EQ(region_problem(region), "") << region;
  EXPECT_EQ(region_problem(std::string(kMaxRegionLength, 'a')), "");
}

TEST(Region, AnAtSignIsRefusedNamingTheCharacter) {
  EXPECT_NE(region_problem("a@evil.com/").find("\"@\""), std::string::npos) << region_problem("a@evil.com/");
}

TEST(Region, EveryCharacterThatCouldEndTheHostIsRefused) {
  for (const char* region : {"evil.com#", "a/b", "a?b", "a:1", "a b", "a%40b", "a\\b", "a.b"})
    EXPECT_NE(region_problem(region), "") << region;
}

TEST(Region, AnEmptyOrOverlongRegionIsRefused) {
  EXPECT_EQ(region_problem(""), "is empty");
  const std::string problem = region_problem(std::string(kMaxRegionLength + 1, 'a'));
  EXPECT_NE(problem.find("65 characters long"), std::string::npos) << problem;
}

TEST(Region, AControlCharacterIsNamedByItsCodeNotWrittenOut) {
  const std::string problem = region_problem("eu\x1b]0;pwned\x07");
  EXPECT_NE(problem.find("0x1B"), std::string::npos) << problem;
  EXPECT_EQ(problem.find('\x1b'), std::string::npos);
}

TEST(ProjectId, FollowsTheSameRules) {
  EXPECT_EQ(project_id_problem("0123456789abcdef0123456789abcdef"), "");
  EXPECT_EQ(project_id_problem("sim-project"), "");
  EXPECT_NE(project_id_problem("p/../../x"), "");
  EXPECT_NE(project_id_problem(std::string(kMaxProjectIdLength + 1, 'a')), "");
}

TEST(DefaultEndpoints, AreBuiltFromTheRegionOnTheOtcDomain) {
  EXPECT_EQ(default_rds_endpoint("eu-de"), "https://rds.eu-de.otc.t-systems.com");
  EXPECT_EQ(default_iam_url("eu-nl"), "https://iam.eu-nl.otc.t-systems.com/v3");
}

TEST(DefaultEndpoints, AHostileRegionIsAConfigErrorNamingRegion) {
  for (const char* region : {"a@evil.com/", "evil.com#", "", "x:443"}) {
    try {
      default_rds_endpoint(region);
      ADD_FAILURE() << "no error for region " << region;
    } catch (const ConfigError& error) {
      EXPECT_NE(std::string(error.what()).find("region"), std::string::npos) << error.what();
    }
    EXPECT_THROW(default_iam_url(region), ConfigError) << region;
  }
}

TEST(CheckUrl, GivesTheHostPortAndPathOfAWellFormedUrl) {
  UrlCheck check = check_url("https://rds.eu-de.otc.t-systems.com");
  ASSERT_EQ(check.problem, UrlProblem::kNone);
  EXPECT_EQ(check.url->scheme, "https");
  EXPECT_EQ(check.url->host, "rds.eu-de.otc.t-systems.com");
  EXPECT_FALSE(check.url->port);
  EXPECT_EQ(check.url->path, "");

  check = check_url("HTTP://127.0.0.1:8080/base/?q=1#f");
  ASSERT_EQ(check.problem, UrlProblem::kNone) << check.reason;
  EXPECT_EQ(check.url->scheme, "http");
  EXPECT_EQ(check.url->host, "127.0.0.1");
  EXPECT_EQ(check.url->port, 8080);
  EXPECT_EQ(check.url->path, "/base/");

  check = check_url("http://[::1]:9/v3");
  ASSERT_EQ(check.problem, UrlProblem::kNone) << check.reason;
  EXPECT_EQ(check.url->host, "[::1]");
  EXPECT_EQ(check.url->port, 9);
}

TEST(CheckUrl, TheHostEndsAtTheFirstSlashQueryOrFragmentAsInLibcurl) {
  for (const char* url :
       {"https://rds.test#@evil.com", "https://rds.test?@evil.com", "https://rds.test/@evil.com"}) {
    const UrlCheck check = check_url(url);
    ASSERT_EQ(check.problem, UrlProblem::kNone) << url << ": " << check.reason;
    EXPECT_EQ(check.url->host, "rds.test") << url;
  }
}

TEST(CheckUrl, AUserNameOrPasswordIsRefused) {
  for (const char* url : {"https://user:pw@rds.test/", "http://user:secret@127.0.0.1:1", "https://@rds.test"})
    EXPECT_EQ(check_url(url).problem, UrlProblem::kUserInfo) << url;
}

TEST(CheckUrl, AUrlThatDoesNotParseIsRefusedWithTheReason) {
  const UrlCheck unclosed = check_url("http://[::1");
  EXPECT_EQ(unclosed.problem, UrlProblem::kUnparseable);
  EXPECT_NE(describe(unclosed).find("never closed"), std::string::npos) << describe(unclosed);
  for (const char* url :
       {"http://", "http://:80", "http://host:", "http://host:0", "http://host:65536", "http://host:8o",
        "http://ho st", "http://host/\x01", "https://h%6Fst", "https://evil.test\\.rds.test", "http://[::1]x",
        "http://[zz::1]", "https://h\xC3\xA9st"})
    EXPECT_EQ(check_url(url).problem, UrlProblem::kUnparseable) << url;
}

TEST(CheckUrl, OnlyHttpAndHttpsAreUrlsOfTheApi) {
  for (const char* url : {"ftp://rds.test", "rds.test", "file:///etc/passwd", "", "https:/rds.test"})
    EXPECT_EQ(check_url(url).problem, UrlProblem::kNotHttp) << url;
}

TEST(CheckUrl, ReasonsNeverQuoteTheAuthorityWhereAPasswordMayBe) {
  // "user:pa/ss@host": the password's slash ends the authority early, so "pa" reads as the port.
  const UrlCheck check = check_url("https://user:pa/ss@rds.test");
  EXPECT_EQ(check.problem, UrlProblem::kUnparseable);
  EXPECT_EQ(describe(check).find("pa"), std::string::npos) << describe(check);
}

TEST(RedactUrl, ReplacesUserAndPasswordWithStars) {
  EXPECT_EQ(redact_url("https://user:secret@rds.test/v3"), "https://***@rds.test/v3");
  EXPECT_EQ(redact_url("user:secret@rds.test"), "***@rds.test");
  EXPECT_EQ(redact_url("https://user:pa/ss@rds.test"), "https://***@rds.test");
  EXPECT_EQ(redact_url("https://user:pa#ss@rds.test"), "https://***@rds.test");
  EXPECT_EQ(redact_url("https://rds.test/v3"), "https://rds.test/v3");
}

TEST(IsLoopback, NamesOnlyThisMachine) {
  for (const char* url :
       {"http://127.0.0.1:1", "http://127.1.2.3", "http://LOCALHOST:8080", "http://[::1]:9"})
    EXPECT_TRUE(is_loopback(*check_url(url).url)) << url;
  for (const char* url : {"http://127.evil.test", "http://10.0.0.1", "http://localhost.evil.test"})
    EXPECT_FALSE(is_loopback(*check_url(url).url)) << url;
}

}  // namespace
}  // namespace rds::client
