#!/usr/bin/env bash
# Runs Lockstep's libFuzzer targets (tests/fuzz, docs/fuzzing.md): builds them with clang into build-fuzz,
# seeds each corpus from the test data, and runs every target for MINUTES, at most JOBS at a time, niced.
# Not part of CI. Findings (crash-*, timeout-*, oom-*, slow-unit-*) land in build-fuzz/findings/TARGET;
# each must become a regression test in tests/ with its fix.
#
#   tests/fuzz/run-fuzzers.sh [-m MINUTES] [-j JOBS] [-n] [TARGET ...]
#
# Defaults: 10 minutes, 2 at a time, every target; -n runs the targets as built (no build step). Environment: LOCKSTEP_FUZZ_BUILD (build directory,
# default build-fuzz), LOCKSTEP_FUZZ_FLAGS (extra libFuzzer flags).
set -euo pipefail

minutes=10
jobs=2
build_first=1
while getopts "m:j:nh" opt; do
  case "$opt" in
    m) minutes="$OPTARG" ;;
    j) jobs="$OPTARG" ;;
    n) build_first=0 ;;
    *) sed -n '2,13p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))

source_dir="$(cd "$(dirname "$0")/../.." && pwd)"
build="${LOCKSTEP_FUZZ_BUILD:-$source_dir/build-fuzz}"
all_targets=(fuzz_promtext fuzz_runbook fuzz_inventory_yaml fuzz_inventory_ini fuzz_templater fuzz_jsonpointer)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all_targets[@]}")

# clang and its libFuzzer runtime (Debian: clang, libclang-rt-14-dev). Only this script needs them.
if ! command -v clang++ >/dev/null || ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y --no-install-recommends clang libclang-rt-14-dev
  else
    echo "run-fuzzers: needs clang and libFuzzer: apt-get install clang libclang-rt-14-dev" >&2
    exit 2
  fi
fi

if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$source_dir" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
    -DLOCKSTEP_FUZZ=ON -DLOCKSTEP_BUILD_TESTS=OFF -DLOCKSTEP_BUILD_BENCHMARKS=OFF
fi
[ "$build_first" = 1 ] && nice -n 10 cmake --build "$build" --parallel "$jobs" --target "${targets[@]}"

# Seeds: the test data each reader is tested with, plus tests/fuzz/seeds/<name>.
seed() {
  local target="$1" corpus="$build/corpus/$1"
  mkdir -p "$corpus"
  local name="${target#fuzz_}"
  [ -d "$source_dir/tests/fuzz/seeds/$name" ] && cp -n "$source_dir/tests/fuzz/seeds/$name"/* "$corpus/" 2>/dev/null || true
  case "$target" in
    fuzz_runbook)
      for f in "$source_dir"/tests/runbook/{valid,malformed,lint}/*.yaml "$source_dir"/resources/runbooks/*.yaml; do
        cp -n "$f" "$corpus/$(basename "$(dirname "$f")")-$(basename "$f")"
      done ;;
    fuzz_inventory_yaml) cp -n "$source_dir"/tests/store/data/*.yaml "$corpus/" ;;
    fuzz_inventory_ini) cp -n "$source_dir"/tests/store/data/*.ini "$corpus/" ;;
    fuzz_templater)
      # Every template a bundled runbook uses, after a hostile parameter value.
      grep -ho '"[^"]*{{[^"]*"' "$source_dir"/resources/runbooks/*.yaml | head -200 | nl -ba | while read -r n line; do
        printf "x'; \$(id) %%2e%%2e/..\n%s\n" "${line//\"/}" > "$corpus/runbook-template-$n"
      done ;;
  esac
}

run_one() {
  local target="$1"
  local findings="$build/findings/$target" log="$build/logs/$target.log"
  mkdir -p "$findings" "$build/logs"
  # -timeout: a hang (60 s: on a busy machine a niced target can be starved for seconds, and libFuzzer
  # stops at the first timeout); -rss_limit_mb: unbounded memory; slow units (> 2 s) are kept as findings
  # too and timed again alone, where a super-linear input shows.
  nice -n 10 "$build/tests/fuzz/$target" "$build/corpus/$target" \
    -max_total_time=$((minutes * 60)) -timeout=60 -rss_limit_mb=2048 -max_len=65536 -report_slow_units=2 \
    -print_final_stats=1 -artifact_prefix="$findings/" ${LOCKSTEP_FUZZ_FLAGS:-} >"$log" 2>&1 || true
  local done_line execs cov ft found
  done_line="$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 || true)"
  execs="$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}' | tail -1)"
  cov="$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$done_line")"
  ft="$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$done_line")"
  found="$(find "$findings" -type f | wc -l)"
  printf '%-22s %6s min  execs %-10s exec/s %-7s cov %-6s ft %-7s corpus %-6s findings %s\n' "$target" "$minutes" \
    "${execs:-?}" "$(grep -E '^stat::average_exec_per_sec' "$log" | awk '{print $2}' | tail -1)" "${cov:-?}" "${ft:-?}" \
    "$(find "$build/corpus/$target" -type f | wc -l)" "$found" | tee -a "$build/logs/summary.txt"
}

for t in "${targets[@]}"; do seed "$t"; done
echo "run-fuzzers: ${#targets[@]} targets, $minutes min each, $jobs at a time; logs in $build/logs" >&2
running=0
for t in "${targets[@]}"; do
  run_one "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait -n
    running=$((running - 1))
  fi
done
wait
