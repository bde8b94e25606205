// Answers of the RDS API as the client reads them (client/response_parsing.h, client/error_body.h): the
// same body is offered to every reader, as a success and as an error answer. Contracts: the success
// readers return or throw ResponseFormatError (never another exception), and what they return is what
// was asked for (the instance with the requested id, a non-empty job id, a page whose total_count and
// ports are not negative, no instance has an empty id); JSON nested deeper than kMaxAnswerNesting is never
// read; a page fed to PagedList returns no id twice and never more instances than its total_count, or
// throws ResponseFormatError; parse_error_body never throws;
// throw_api_error always throws an ApiError carrying the status.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "client/answer_limits.h"
#include "client/error_body.h"
#include "client/errors.h"
#include "client/paged_list.h"
#include "client/response_parsing.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using rds::client::ApiError;
using rds::client::HttpResponse;
using rds::client::ResponseFormatError;

// The id the seeds' instance lists hold (among others).
const std::string kInstanceId = "a1b2c3d4e5f6in01";

// A page as the list of instances doubts it: each id once, never more than total_count says.
void check_paged_list(const rds::client::InstancePage& page) {
  rds::client::PagedList list({}, 100, 3);
  std::vector<rds::client::Instance> read;
  if (!rds::fuzz::returns_or_throws<ResponseFormatError>([&] {
        list.add(page, "GET instances", "req-fuzz");
        read = list.take_matching();
      }))
    return;
  std::set<std::string> ids;
  for (const auto& instance : read)
    FUZZ_CHECK(ids.insert(instance.id).second, "PagedList repeated " + instance.id);
  FUZZ_CHECK(!page.total_count || list.offset() <= *page.total_count, "PagedList read past total_count");
}

void check_success_readers(const HttpResponse& response) {
  const bool too_deep = rds::client::nested_deeper_than(response.body, rds::client::kMaxAnswerNesting);
  std::optional<rds::client::Instance> instance;
  if (rds::fuzz::returns_or_throws<ResponseFormatError>(
          [&] { instance = rds::client::parse_instance_list("GET instances", response, kInstanceId); })) {
    FUZZ_CHECK(!too_deep, "parse_instance_list read JSON nested beyond the cap");
    if (instance)
      FUZZ_CHECK(instance->id == kInstanceId, "parse_instance_list returned instance " + instance->id);
  }
  rds::fuzz::returns_or_throws<ResponseFormatError>(
      [&] { (void)rds::client::parse_job("GET job", response); });
  rds::client::InstancePage page;
  if (rds::fuzz::returns_or_throws<ResponseFormatError>(
          [&] { page = rds::client::parse_instance_page("GET instances", response); })) {
    FUZZ_CHECK(!page.total_count || *page.total_count >= 0, "parse_instance_page returned a negative total");
    FUZZ_CHECK(!too_deep, "parse_instance_page read JSON nested beyond the cap");
    for (const auto& listed : page.instances) {
      FUZZ_CHECK(!listed.port || *listed.port >= 0, "parse_instance_page returned a negative port");
      FUZZ_CHECK(!listed.id.empty(), "parse_instance_page returned an instance without an id");
    }
    check_paged_list(page);
  }
  rds::fuzz::returns_or_throws<ResponseFormatError>(
      [&] { (void)rds::client::parse_ssl_cert_links("GET ssl-cert/download-link", response); });
  std::optional<std::string> job_id;
  if (rds::fuzz::returns_or_throws<ResponseFormatError>(
          [&] { job_id = rds::client::parse_ssl_answer("PUT ssl", response); }) &&
      job_id) {
    FUZZ_CHECK(!job_id->empty(), "parse_ssl_answer returned an empty job id");
  }
}

void check_error_readers(const HttpResponse& response) {
  try {
    (void)rds::client::parse_error_body(response.body);
  } catch (const std::exception& e) {
    FUZZ_CHECK(false, std::string("parse_error_body threw: ") + e.what());
  }
  try {
    rds::client::throw_api_error("PUT ssl", response, "instance " + kInstanceId);
  } catch (const ApiError& e) {
    FUZZ_CHECK(e.http_status() == response.status, "ApiError lost the HTTP status");
    return;
  } catch (const std::exception& e) {
    FUZZ_CHECK(false, std::string("throw_api_error threw something else: ") + e.what());
  }
  FUZZ_CHECK(false, "throw_api_error returned");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  HttpResponse response;
  response.headers = {{"x-request-id", "req-fuzz"}};
  response.body.assign(reinterpret_cast<const char*>(data), size);
  response.status = 200;
  check_success_readers(response);
  // 409 for the busy codes; the not-found codes make a NotFoundError whatever the status.
  response.status = 409;
  check_error_readers(response);
  return 0;
}
