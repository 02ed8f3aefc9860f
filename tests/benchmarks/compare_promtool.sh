#!/usr/bin/env bash
# Compares PromTextParser with `promtool check metrics` on the same generated file, in one run.
#   tests/benchmarks/compare_promtool.sh [build-dir] [size-MB]
# Prints both throughputs in MB/s (1 MB = 10^6 bytes) and their ratio. promtool's time includes its
# lint pass, which is what an operator running it would pay; the file is lint-clean (exit status 0).
set -euo pipefail

build=${1:-build}
mb=${2:-40}
bench="$build/tests/bench_promparse"
[[ -x $bench ]] || { echo "missing $bench: cmake --build $build --target bench_promparse" >&2; exit 2; }
command -v promtool >/dev/null || { echo "promtool missing: install the Debian package 'prometheus'" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
file="$work/metrics.prom"
"$bench" --generate="$file" --mb="$mb"
bytes=$(stat -c %s "$file")

ours=$("$bench" --file="$file" --benchmark_repetitions=3 --benchmark_report_aggregates_only=true \
        --benchmark_format=json | awk -F': ' '/"name": ".*_median"/ {m=1} m && /"bytes_per_second"/ {gsub(/,/,"",$2); print $2/1e6; exit}')

best=""
for run in 1 2 3; do
    start=$(date +%s.%N)
    promtool check metrics < "$file" > "$work/promtool.out" 2>&1 || { echo "promtool rejected the file:"; head "$work/promtool.out"; exit 1; }
    end=$(date +%s.%N)
    secs=$(awk -v s="$start" -v e="$end" 'BEGIN {print e - s}')
    best=$(awk -v b="$best" -v s="$secs" 'BEGIN {print (b == "" || s < b) ? s : b}')
done
theirs=$(awk -v n="$bytes" -v s="$best" 'BEGIN {printf "%.1f", n / s / 1e6}')

printf 'file: %.1f MB, %s sample lines\n' "$(awk -v n="$bytes" 'BEGIN {print n/1e6}')" "$(grep -vc '^#' "$file")"
printf 'PromTextParser (median of 3): %.1f MB/s\n' "$ours"
printf 'promtool check metrics (best of 3): %s MB/s\n' "$theirs"
printf 'ratio: %.1fx\n' "$(awk -v a="$ours" -v b="$theirs" 'BEGIN {print a / b}')"
