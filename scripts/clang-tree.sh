# Sourced by scripts/sanitize.sh and scripts/fuzz.sh: how the clang trees are configured, in one place.
#   configure_clang_tree BUILD_DIR CMAKE_ARGS...
# Sanitizer and fuzzing trees check the code and ship nothing, so they trade optimisation and full debug
# info for build time: -O1 (what the sanitizers' own docs recommend) and line tables only, which is all
# a sanitizer report's stack needs. The test code itself is built at -O0 in every tree (tests/CMakeLists.txt).
configure_clang_tree() {
  local build=$1
  shift
  local flags="-O1 -gline-tables-only -DNDEBUG"
  CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_FLAGS_RELWITHDEBINFO="$flags" -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$flags" "$@" >/dev/null
}

# The ASan + UBSan tree, shared by the whole-suite sanitizer run and the fuzzers (RDS_FUZZ=ON implies
# address,undefined; see CMakeLists.txt).
asan_tree=${ASAN_BUILD_DIR:-$root/build-asan}
configure_asan_tree() { configure_clang_tree "$asan_tree" -DRDS_FUZZ=ON; }
