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
# Two tests per core: the tests mostly wait (on Terraform, rds-sim, retries and timeouts). With one per
# core, CI's two cores were 41 % busy (ctest -j2: 168 CPU-s in 204 s); with two, the suite took 124 s.
step test ctest --test-dir "$build" --output-on-failure -j"$((2 * $(nproc)))" "$@"
