#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz) with clang and runs each for FUZZ_SECONDS on a copy of its
# seed corpus; fails if any of them crashes, leaks, hits undefined behaviour or breaks a contract.
#   bash scripts/fuzz.sh                        all targets, 20 s each, in build-asan/ (the ASan tree that
#                                               scripts/sanitize.sh asan also uses)
#   FUZZ_SECONDS=300 FUZZ_TARGETS="msgpack_fuzz number_fuzz" bash scripts/fuzz.sh
# Per target it prints one line (executions, executions per second, corpus size before -> after); the
# libFuzzer output is kept only for a failure, whose input is saved under build-asan/fuzz-crashes/.
# The grown corpora stay in a temporary folder: only the small seeds are committed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/clang-tree.sh
source "$root/scripts/clang-tree.sh"
build=$asan_tree
seconds=${FUZZ_SECONDS:-20}
jobs=${JOBS:-2}

"$root/scripts/install-deps.sh"
configure_asan_tree
echo "building the fuzz targets in $build ..."
if ! build_log=$(nice -n 10 cmake --build "$build" -j"$jobs" --target fuzz 2>&1); then
  echo "$build_log" | tail -40
  exit 1
fi

targets=${FUZZ_TARGETS:-$(cd "$root/tests/fuzz/corpus" && ls)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
crashes="$build/fuzz-crashes"
mkdir -p "$crashes"

# A figure from libFuzzer's final statistics (-print_final_stats=1).
stat_of() { sed -n "s/^stat::$1: *//p" "$2" | tail -1; }

# Runs one target for $seconds on a copy of its seeds; its log and a summary line stay in $work.
fuzz_one() {
  local target=$1 binary="$build/fuzz/$1" corpus="$work/$1" log="$work/$1.log"
  mkdir -p "$corpus"
  cp "$root/tests/fuzz/corpus/$target/"* "$corpus/"
  local seeds
  seeds=$(ls "$corpus" | wc -l)
  local options=(-max_total_time="$seconds" -timeout=25 -print_final_stats=1 -artifact_prefix="$crashes/$target-")
  [ -f "$root/tests/fuzz/$target.dict" ] && options+=(-dict="$root/tests/fuzz/$target.dict")
  local result=ok
  "$binary" "${options[@]}" "$corpus" >"$log" 2>&1 || result=FAILED
  printf '%-22s %-6s %12s %10s %16s\n' "$target" "$result" "$(stat_of number_of_executed_units "$log")" \
    "$(stat_of average_exec_per_sec "$log")" "$seeds -> $(ls "$corpus" | wc -l)" >"$work/$target.summary"
  echo "$result" >"$work/$target.result"
}

# libFuzzer runs one process per target on one core: $jobs targets at a time, each for its full time.
running=0
for target in $targets; do
  fuzz_one "$target" &
  running=$((running + 1))
  if ((running >= jobs)); then
    wait -n || true
    running=$((running - 1))
  fi
done
wait || true

failed=()
printf '%-22s %-6s %12s %10s %16s\n' target result executions "exec/s" "corpus"
for target in $targets; do
  cat "$work/$target.summary"
  if [ "$(cat "$work/$target.result" 2>/dev/null)" != ok ]; then
    failed+=("$target")
    log="$work/$target.log"
    # The report: from the first sanitizer, libFuzzer or contract message to the end (without the
    # progress lines before it).
    start=$(grep -n -m1 -E '^==[0-9]+==|contract broken|^INFO: .*(leak|timeout)|^ALARM|ERROR: libFuzzer|runtime error:' \
      "$log" | cut -d: -f1 || true)
    echo "---- $target ----"
    tail -n +"${start:-1}" "$log" | head -120
    echo "----"
  fi
done

if ((${#failed[@]})); then
  echo "fuzzing failed: ${failed[*]} (inputs in $crashes; rerun one with $build/fuzz/<target> <input>)"
  exit 1
fi
echo "fuzzing passed: no crash in ${seconds}s per target"
