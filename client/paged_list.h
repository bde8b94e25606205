// The pages of GET /v3/{project_id}/instances, put together and doubted. The API's pages are not
// believed blindly: a list that contradicts itself is an error, so that a partial or wrong list is never
// taken for the whole (a total_count below the truth, overlapping pages, duplicate or empty ids, and an
// endless list all used to give a silently wrong answer).
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "client/response_parsing.h"
#include "client/types.h"

namespace rds::client {

class PagedList {
 public:
  // `page_size`: the limit each page was asked with; `max_pages`: the most pages read.
  PagedList(InstanceFilter filter, int page_size, int max_pages);

  // Adds the page the API answered for offset(). True when the list is complete. Throws
  // ResponseFormatError naming `operation` when the page contradicts itself or the pages before: an id
  // read twice that total_count does not explain, more instances than total_count, a list that ends
  // before total_count, or a page beyond max_pages.
  bool add(InstancePage page, const std::string& operation, const std::string& request_id);

  int64_t offset() const { return offset_; }  // where the next page starts
  int pages() const { return pages_; }
  std::size_t read() const { return seen_.size(); }
  bool complete() const { return complete_; }
  // How many instances the list holds: total_count as the last page said, else those read so far.
  int64_t total() const { return last_total_.value_or(static_cast<int64_t>(read())); }
  // The instances that match the filter, each once, in the API's order.
  std::vector<Instance> take_matching() { return std::move(matching_); }

 private:
  InstanceFilter filter_;
  int page_size_;
  int max_pages_;
  std::vector<Instance> matching_;
  std::set<std::string> seen_;
  std::optional<int64_t> last_total_;  // total_count as the last page said
  int64_t offset_ = 0;
  int pages_ = 0;
  bool complete_ = false;
};

}  // namespace rds::client
