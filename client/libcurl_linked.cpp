// The release's libcurl() (see client/libcurl.h): libcurl is linked into the static executable
// (cmake/StaticCurl.cmake), so there is nothing to load, and no dlopen, which a static executable cannot
// do reliably. The dev build and the tests use client/libcurl.cpp instead.
#include "client/libcurl.h"

namespace rds::client {

const LibCurl& libcurl() {
  // A function-local static: initialised once, thread-safe, and tried again if curl_global_init throws.
  static const LibCurl linked = [] {
    LibCurl curl{
        .global_init = &::curl_global_init,
        .easy_init = &::curl_easy_init,
        .easy_setopt = &::curl_easy_setopt,
        .easy_getinfo = &::curl_easy_getinfo,
        .easy_reset = &::curl_easy_reset,
        .easy_cleanup = &::curl_easy_cleanup,
        .easy_strerror = &::curl_easy_strerror,
        .multi_init = &::curl_multi_init,
        .multi_add_handle = &::curl_multi_add_handle,
        .multi_remove_handle = &::curl_multi_remove_handle,
        .multi_perform = &::curl_multi_perform,
        .multi_poll = &::curl_multi_poll,
        .multi_info_read = &::curl_multi_info_read,
        .multi_strerror = &::curl_multi_strerror,
        .multi_cleanup = &::curl_multi_cleanup,
        .share_init = &::curl_share_init,
        .share_setopt = &::curl_share_setopt,
        .share_cleanup = &::curl_share_cleanup,
        .slist_append = &::curl_slist_append,
        .slist_free_all = &::curl_slist_free_all,
    };
    if (CURLcode code = curl.global_init(CURL_GLOBAL_DEFAULT); code != CURLE_OK) {
      throw LibCurlUnavailable(std::string("curl_global_init failed: ") + curl.easy_strerror(code));
    }
    return curl;
  }();
  return linked;
}

}  // namespace rds::client
