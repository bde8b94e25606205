#include "client/libcurl.h"

#include <dlfcn.h>

#include <mutex>

namespace rds::client {

namespace {

constexpr const char* kLibCurl = "libcurl.so.4";

template <typename Function>
void resolve(void* handle, const std::string& library, const char* name, Function& into) {
  void* symbol = dlsym(handle, name);
  if (symbol == nullptr) {
    throw LibCurlUnavailable(library + " has no " + name + " (libcurl 7.66 or newer is needed)");
  }
  into = reinterpret_cast<Function>(symbol);
}

}  // namespace

LibCurl load_libcurl(const std::string& library) {
  // RTLD_LOCAL: curl's dependencies (its own TLS and crypto libraries) stay out of the global namespace.
  // The handle is never closed: libcurl keeps global state for the life of the process.
  void* handle = dlopen(library.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* reason = dlerror();
    throw LibCurlUnavailable(
        "cannot load " + library +
        " (install libcurl4, e.g. apt-get install libcurl4): " + (reason ? reason : "unknown error"));
  }
  LibCurl curl;
  resolve(handle, library, "curl_global_init", curl.global_init);
  resolve(handle, library, "curl_easy_init", curl.easy_init);
  resolve(handle, library, "curl_easy_setopt", curl.easy_setopt);
  resolve(handle, library, "curl_easy_getinfo", curl.easy_getinfo);
  resolve(handle, library, "curl_easy_reset", curl.easy_reset);
  resolve(handle, library, "curl_easy_cleanup", curl.easy_cleanup);
  resolve(handle, library, "curl_easy_strerror", curl.easy_strerror);
  resolve(handle, library, "curl_multi_init", curl.multi_init);
  resolve(handle, library, "curl_multi_add_handle", curl.multi_add_handle);
  resolve(handle, library, "curl_multi_remove_handle", curl.multi_remove_handle);
  resolve(handle, library, "curl_multi_perform", curl.multi_perform);
  resolve(handle, library, "curl_multi_poll", curl.multi_poll);
  resolve(handle, library, "curl_multi_info_read", curl.multi_info_read);
  resolve(handle, library, "curl_multi_strerror", curl.multi_strerror);
  resolve(handle, library, "curl_multi_cleanup", curl.multi_cleanup);
  resolve(handle, library, "curl_share_init", curl.share_init);
  resolve(handle, library, "curl_share_setopt", curl.share_setopt);
  resolve(handle, library, "curl_share_cleanup", curl.share_cleanup);
  resolve(handle, library, "curl_slist_append", curl.slist_append);
  resolve(handle, library, "curl_slist_free_all", curl.slist_free_all);
  return curl;
}

const LibCurl& libcurl() {
  static std::mutex mutex;
  static LibCurl loaded;
  static bool ready = false;
  std::lock_guard lock(mutex);
  if (!ready) {
    LibCurl curl = load_libcurl(kLibCurl);
    // curl_global_init is not thread-safe on every libcurl build: it runs here, once, under the lock.
    if (CURLcode code = curl.global_init(CURL_GLOBAL_DEFAULT); code != CURLE_OK) {
      throw LibCurlUnavailable(std::string("curl_global_init failed: ") + curl.easy_strerror(code));
    }
    loaded = curl;
    ready = true;
  }
  return loaded;
}

}  // namespace rds::client
