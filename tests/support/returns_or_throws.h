// For robustness tests that feed damaged input to a layer: the layer may accept it or refuse it with its
// own error type, but any other exception is a crash path that escaped the layer's error handling.
#pragma once

#include <gtest/gtest.h>

#include <exception>
#include <typeinfo>

namespace rds::testing {

// Runs `attempt`: true if it returned, false if it threw `Expected`; any other exception fails the test.
template <class Expected, class Attempt>
bool returns_or_throws(Attempt&& attempt) {
  try {
    attempt();
    return true;
  } catch (const Expected&) {
    return false;
  } catch (const std::exception& other) {
    ADD_FAILURE() << "threw " << typeid(other).name() << " instead of " << typeid(Expected).name() << ": "
                  << other.what();
    return false;
  }
}

}  // namespace rds::testing
