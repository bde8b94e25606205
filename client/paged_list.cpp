#include "client/paged_list.h"

#include <algorithm>
#include <utility>

#include "client/errors.h"
#include "client/printable.h"

namespace rds::client {

namespace {
// What every list the API contradicts itself in ends with: the list is not believed.
constexpr const char* kListDoubted =
    "; the list cannot be trusted, so none of it is used (if instances were created or deleted while it was "
    "read, try again)";
constexpr std::size_t kMaxShownId = 64;
}  // namespace

PagedList::PagedList(InstanceFilter filter, int page_size, int max_pages)
    : filter_(std::move(filter)), page_size_(page_size), max_pages_(max_pages) {}

bool PagedList::add(InstancePage page, const std::string& operation, const std::string& request_id) {
  const auto doubt = [&](const std::string& what) {
    return ResponseFormatError(operation, what + kListDoubted, request_id);
  };
  ++pages_;
  // An instance created while paging pushes the last one of a page into the next, where it is read
  // again; total_count then grows by as much. Any other id read twice means overlapping pages or a
  // duplicate, and some other instance was skipped.
  int64_t explained_repeats =
      page.total_count && last_total_ ? std::max<int64_t>(0, *page.total_count - *last_total_) : 0;
  for (auto& instance : page.instances) {
    if (!seen_.insert(instance.id).second) {
      if (explained_repeats-- > 0) continue;
      throw doubt("instance \"" + printable(instance.id, kMaxShownId) + "\" appears twice in the list");
    }
    if (matches(filter_, instance)) matching_.push_back(std::move(instance));
  }
  if (page.total_count) last_total_ = page.total_count;
  offset_ += static_cast<int64_t>(page.instances.size());
  const bool short_page = page.instances.size() < static_cast<std::size_t>(page_size_);
  if (page.total_count && offset_ > *page.total_count)
    throw doubt("the pages hold " + std::to_string(offset_) + " instances, more than total_count (" +
                std::to_string(*page.total_count) + ") says there are");
  if (page.total_count && short_page && offset_ < *page.total_count)
    throw doubt("the list ended after " + std::to_string(offset_) + " instances, though total_count says " +
                std::to_string(*page.total_count));
  if (short_page || (page.total_count && offset_ == *page.total_count)) return complete_ = true;
  if (pages_ == max_pages_)
    throw doubt("the list goes on past " + std::to_string(max_pages_) + " pages (" + std::to_string(offset_) +
                " instances), the most the provider reads: its paging seems not to end");
  return false;
}

}  // namespace rds::client
