// Contract checks for the libFuzzer targets. A broken promise prints what was expected and aborts, which
// libFuzzer reports as a crash and saves the input; assert() would vanish under NDEBUG (RelWithDebInfo).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <typeinfo>

namespace rds::fuzz {

[[noreturn]] inline void fail(const char* condition, const std::string& detail, const char* file, int line) {
  std::fprintf(stderr, "\n%s:%d: contract broken: %s\n  %s\n", file, line, condition, detail.c_str());
  std::abort();
}

// Runs `attempt`: true if it returned, false if it threw `Allowed` (the layer's documented error). Any
// other exception is an error path that escaped the layer, reported as a crash with its type and text.
template <class Allowed, class Attempt>
bool returns_or_throws(Attempt&& attempt) {
  try {
    attempt();
    return true;
  } catch (const Allowed&) {
    return false;
  } catch (const std::exception& other) {
    fail("only the documented exception is thrown",
         std::string("threw ") + typeid(other).name() + " instead of " + typeid(Allowed).name() + ": " +
             other.what(),
         __FILE__, __LINE__);
  }
}

}  // namespace rds::fuzz

// `detail` (a std::string expression) is only evaluated when the check fails.
#define FUZZ_CHECK(condition, detail)                                              \
  do {                                                                             \
    if (!(condition)) ::rds::fuzz::fail(#condition, (detail), __FILE__, __LINE__); \
  } while (false)
