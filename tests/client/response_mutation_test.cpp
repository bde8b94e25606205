// Whatever an RDS endpoint answers — truncated, corrupted, or of the wrong shape — parsing either yields
// a result or throws rds::client::Error with context: never a crash or a foreign exception type.
#include <gtest/gtest.h>

#include <random>

#include "client/errors.h"
#include "client/response_parsing.h"
#include "tests/support/returns_or_throws.h"

namespace rds::client {
namespace {

const std::string kInstances =
    R"({"instances":[{"id":"db1","name":"orders","status":"ACTIVE","type":"Single",)"
    R"("datastore":{"type":"MySQL","version":"8.0"},"enable_ssl":true,"port":3306,)"
    R"("private_ips":["192.168.0.1"],"public_ips":[],"region":"eu-de"}],"total_count":1})";
const std::string kJob = R"({"job":{"id":"j1","name":"ConfigureSSL","status":"Running"}})";
const std::string kSslAnswer = R"({"job_id":"j1"})";
const std::string kCertLinks =
    R"({"cert_info_list":[{"category":"international","download_link":"https://x/ca.zip"}]})";

HttpResponse answer(std::string body) {
  HttpResponse response;
  response.status = 200;
  response.headers["x-request-id"] = "req-1";
  response.body = std::move(body);
  return response;
}

// Runs every parser on `body`; any exception that is not a client Error fails the test.
void parse_everything(const std::string& body) {
  using rds::testing::returns_or_throws;
  returns_or_throws<Error>([&] { parse_instance_list("get instance", answer(body), "db1"); });
  returns_or_throws<Error>([&] { parse_job("get job", answer(body)); });
  returns_or_throws<Error>([&] { parse_ssl_answer("set ssl", answer(body)); });
  returns_or_throws<Error>([&] { parse_instance_page("list instances", answer(body)); });
  returns_or_throws<Error>([&] { parse_ssl_cert_links("get cert links", answer(body)); });
}

TEST(ClientResponseMutation, ValidAnswersParse) {
  const auto instance = parse_instance_list("get instance", answer(kInstances), "db1");
  ASSERT_TRUE(instance);
  EXPECT_EQ(instance->enable_ssl, true);
  EXPECT_EQ(parse_job("get job", answer(kJob)).status, "Running");
  EXPECT_EQ(parse_ssl_answer("set ssl", answer(kSslAnswer)), "j1");
  EXPECT_EQ(parse_instance_page("list instances", answer(kInstances)).total_count, 1);
  EXPECT_EQ(parse_ssl_cert_links("get cert links", answer(kCertLinks)).size(), 1u);
}

TEST(ClientResponseMutation, TruncatedAnswersAreErrorsWithTheRequestId) {
  for (size_t length = 1; length < kInstances.size(); ++length) {
    try {
      parse_instance_list("get instance", answer(kInstances.substr(0, length)), "db1");
      ADD_FAILURE() << "a prefix of " << length << " bytes parsed";
    } catch (const Error& error) {
      EXPECT_NE(std::string(error.what()).find("req-1"), std::string::npos) << error.what();
    }
  }
}

TEST(ClientResponseMutation, RandomByteChangesNeverCrashTheParsers) {
  std::mt19937 random(20261128);
  std::uniform_int_distribution<int> byte(0, 255), changes(1, 3);
  for (const std::string& valid : {kInstances, kJob, kSslAnswer, kCertLinks}) {
    std::uniform_int_distribution<size_t> position(0, valid.size() - 1);
    for (int round = 0; round < 5000; ++round) {
      std::string mutated = valid;
      for (int i = changes(random); i > 0; --i) mutated[position(random)] = static_cast<char>(byte(random));
      parse_everything(mutated);
    }
  }
}

TEST(ClientResponseMutation, AnswersOfTheWrongShapeAreErrors) {
  for (const char* body : {"[]", "null", "42", R"({"instances":{}})", R"({"instances":[1]})",
                           R"({"instances":[{"id":7,"status":"ACTIVE"}]})",
                           R"({"instances":[{"id":"db1","status":"ACTIVE","enable_ssl":"yes"}]})",
                           R"({"instances":[{"id":"db1","status":"ACTIVE","port":"3306"}]})",
                           R"({"instances":[{"id":"db1","status":"ACTIVE","port":-1}]})",
                           R"({"instances":[{"id":"db1","status":"ACTIVE","private_ips":"10.0.0.1"}]})",
                           R"({"instances":[{"id":"db1","status":"ACTIVE","public_ips":[1]}]})",
                           R"({"instances":[{"id":"db1","status":"ACTIVE","type":["Ha"]}]})"}) {
    EXPECT_THROW(parse_instance_list("get instance", answer(body), "db1"), ResponseFormatError) << body;
    EXPECT_THROW(parse_instance_page("list instances", answer(body)), ResponseFormatError) << body;
  }
  EXPECT_THROW(parse_instance_page("list instances", answer(R"({"instances":[],"total_count":"3"})")),
               ResponseFormatError);
  for (const char* body :
       {"{}", R"({"cert_info_list":{}})", R"({"cert_info_list":["x"]})",
        R"({"cert_info_list":[{"category":"national"}]})", R"({"cert_info_list":[{"download_link":7}]})"}) {
    EXPECT_THROW(parse_ssl_cert_links("get cert links", answer(body)), ResponseFormatError) << body;
  }
  for (const char* body : {R"({"job":"x"})", R"({"job":{"id":"j1"}})", "[]"}) {
    EXPECT_THROW(parse_job("get job", answer(body)), ResponseFormatError) << body;
  }
  EXPECT_THROW(parse_ssl_answer("set ssl", answer(R"({"job_id":false})")), ResponseFormatError);
}

}  // namespace
}  // namespace rds::client
