// libcurl, as a table of the functions the transport calls, ready at the first HTTP request.
//
// Two builds provide libcurl(), chosen per executable (client/CMakeLists.txt):
// - the release (client/libcurl_linked.cpp): a libcurl built from Debian's source with only HTTP(S),
//   OpenSSL, zlib and c-ares (cmake/StaticCurl.cmake), linked into the static executable;
// - the dev build and the tests (client/libcurl.cpp): the system's libcurl.so.4, loaded with dlopen on
//   first use. Linked normally, it and the ~30 libraries Debian's build of it pulls in (GnuTLS, Kerberos,
//   LDAP, SSH, RTMP, p11-kit, ...) would be loaded before main() in every process, including those
//   Terraform starts only for a schema and that never make an API call.
#pragma once

#include <curl/curl.h>

#include <stdexcept>
#include <string>

namespace rds::client {

// The libcurl functions the transport calls, resolved from the loaded library. The types come from
// <curl/curl.h>, so a signature mismatch is a compile error, not a crash.
struct LibCurl {
  decltype(&::curl_global_init) global_init = nullptr;
  decltype(&::curl_easy_init) easy_init = nullptr;
  decltype(&::curl_easy_setopt) easy_setopt = nullptr;
  decltype(&::curl_easy_getinfo) easy_getinfo = nullptr;
  decltype(&::curl_easy_reset) easy_reset = nullptr;
  decltype(&::curl_easy_cleanup) easy_cleanup = nullptr;
  decltype(&::curl_easy_strerror) easy_strerror = nullptr;
  decltype(&::curl_multi_init) multi_init = nullptr;
  decltype(&::curl_multi_add_handle) multi_add_handle = nullptr;
  decltype(&::curl_multi_remove_handle) multi_remove_handle = nullptr;
  decltype(&::curl_multi_perform) multi_perform = nullptr;
  decltype(&::curl_multi_poll) multi_poll = nullptr;
  decltype(&::curl_multi_info_read) multi_info_read = nullptr;
  decltype(&::curl_multi_strerror) multi_strerror = nullptr;
  decltype(&::curl_multi_cleanup) multi_cleanup = nullptr;
  decltype(&::curl_share_init) share_init = nullptr;
  decltype(&::curl_share_setopt) share_setopt = nullptr;
  decltype(&::curl_share_cleanup) share_cleanup = nullptr;
  decltype(&::curl_slist_append) slist_append = nullptr;
  decltype(&::curl_slist_free_all) slist_free_all = nullptr;
};

// libcurl could not be loaded or lacks a function; the message says which and what to install.
struct LibCurlUnavailable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The process's libcurl, initialised (curl_global_init) by the first call; later calls return the same
// table. Thread-safe. Throws LibCurlUnavailable, and tries again next time.
const LibCurl& libcurl();

// Loads `library` and resolves the table, without caching or curl_global_init (the dlopen build only; for
// tests).
LibCurl load_libcurl(const std::string& library);

}  // namespace rds::client
