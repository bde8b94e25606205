// libcurl is loaded at the first request (client/libcurl.h): what happens when it is there and when not.
#include "client/libcurl.h"

#include <gtest/gtest.h>

#include <string>

namespace rds::client {
namespace {

TEST(LibCurl, TheSystemLibraryLoadsWithEveryFunctionTheTransportCalls) {
  const LibCurl& curl = libcurl();
  EXPECT_NE(curl.easy_init, nullptr);
  EXPECT_NE(curl.multi_poll, nullptr);
  EXPECT_NE(curl.slist_free_all, nullptr);
  EXPECT_EQ(&libcurl(), &curl) << "loaded once per process";
  CURL* easy = curl.easy_init();
  ASSERT_NE(easy, nullptr);
  curl.easy_cleanup(easy);
}

TEST(LibCurl, AMissingLibraryIsAClearErrorThatSaysWhatToInstall) {
  try {
    load_libcurl("libcurl-that-does-not-exist.so.4");
    FAIL() << "loading a missing library succeeded";
  } catch (const LibCurlUnavailable& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("cannot load libcurl-that-does-not-exist.so.4"), std::string::npos) << message;
    EXPECT_NE(message.find("install libcurl4"), std::string::npos) << message;
  }
}

TEST(LibCurl, ALibraryWithoutCurlsFunctionsIsRefusedNamingTheMissingOne) {
  try {
    load_libcurl("libm.so.6");  // loads, but is not libcurl
    FAIL() << "libm was taken for libcurl";
  } catch (const LibCurlUnavailable& e) {
    EXPECT_NE(std::string(e.what()).find("libm.so.6 has no curl_global_init"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace rds::client
