#!/usr/bin/env bash
# The test command README.md gives: installs what is missing, builds, runs every test with ctest.
# Prints the time of each step (install, configure, build, test).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
step() {
  local name=$1 start=$SECONDS
  shift
  "$@"
  echo "test.sh: $name took $((SECONDS - start)) s"
}
step install "$root/scripts/install-deps.sh"
configure() { cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null; }
step configure configure
step build cmake --build "$build" -j"$(nproc)"
step test ctest --test-dir "$build" --output-on-failure -j"$(nproc)" "$@"
