#!/usr/bin/env bash
# The sanitizer checks (docs/RELIABILITY.md), both with clang, each in its own build folder:
#   asan  the whole ctest suite, e2e included, built with AddressSanitizer + UndefinedBehaviorSanitizer
#         (build-asan/, the tree the fuzzers are built in too: scripts/clang-tree.sh);
#   tsan  the concurrency tests (32 parallel RPCs at one provider, StopProvider in the middle; reads from
#         many threads coalesced into lists) with the provider and rds-sim built with ThreadSanitizer
#         (build-tsan/).
# Every instrumented process (tests, provider, rds-sim) writes its reports to a folder that must stay
# empty: a report in a provider that Terraform started would otherwise vanish into Terraform's logs.
#
#   bash scripts/sanitize.sh [asan|tsan|all]      (default all)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
which=${1:-all}
jobs=$(nproc)  # ctest runs two tests per core, as scripts/test.sh does: they mostly wait
reports=$(mktemp -d "${TMPDIR:-/tmp}/rds-sanitizer-reports.XXXXXX")
trap 'rm -rf "$reports"' EXIT
# shellcheck source=scripts/clang-tree.sh
source "$root/scripts/clang-tree.sh"

check_reports() {
  local kind=$1
  if compgen -G "$reports/*" >/dev/null; then
    echo "sanitize: $kind reported problems:" >&2
    for file in "$reports"/*; do
      echo "--- $file" >&2
      cat "$file" >&2
    done
    # CI keeps only the end of the output: repeat each report's first lines (the error, the process's
    # executable in the frames, the first stack) last, so the cause is never cut off.
    echo "sanitize: $kind, the start of each report again:" >&2
    for file in "$reports"/*; do
      echo "--- $(basename "$file")" >&2
      grep -v '^[[:space:]]*$' "$file" | head -n 30 >&2
    done
    exit 1
  fi
  echo "sanitize: $kind: no reports"
}

# The e2e tests of scale (hundreds of resources, a throttling gateway) run in the plain tree only: under
# ASan they take minutes of CI's two cores and reach no code the other e2e and the unit tests do not; the
# reads they coalesce from many threads run under ThreadSanitizer (rds_read_coalescer_tests).
scale_tests='^e2e\.(RateLimit|BatchReads)\.'

run_asan() {
  local build=$asan_tree
  configure_asan_tree
  cmake --build "$build" -j"$jobs"
  ASAN_OPTIONS="log_path=$reports/asan:log_exe_name=1:detect_leaks=1:halt_on_error=1:detect_stack_use_after_return=1" \
    LSAN_OPTIONS="suppressions=$root/tests/sanitizers/lsan.supp:print_suppressions=0" \
    UBSAN_OPTIONS="log_path=$reports/ubsan:log_exe_name=1:print_stacktrace=1:halt_on_error=1" \
    ctest --test-dir "$build" --output-on-failure -j"$((2 * jobs))" -E "$scale_tests"
  check_reports "AddressSanitizer + UndefinedBehaviorSanitizer"
}

run_tsan() {
  local build=$root/build-tsan
  configure_clang_tree "$build" -DRDS_SANITIZE=thread
  cmake --build "$build" -j"$jobs" --target terraform-provider-rds rds-sim rds_resources_concurrency_tests rds_read_coalescer_tests
  TSAN_OPTIONS="log_path=$reports/tsan:log_exe_name=1:halt_on_error=1:second_deadlock_stack=1:ignore_noninstrumented_modules=1:suppressions=$root/tests/sanitizers/tsan.supp" \
    ctest --test-dir "$build" -L concurrency --output-on-failure -j"$jobs" --repeat until-fail:3
  check_reports "ThreadSanitizer"
}

case $which in
  asan) run_asan ;;
  tsan) run_tsan ;;
  all) run_asan; run_tsan ;;
  *) echo "usage: $0 [asan|tsan|all]" >&2; exit 2 ;;
esac
