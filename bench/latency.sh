#!/usr/bin/env bash
# Latency of a single-file run, the pre-commit and editor case: planlint on
# one plan against `true` (the cost of starting any process) and `cat FILE`
# (starting a process that reads the file). The binary a release ships
# (release/build-binary), and `cargo build --release`'s.
#
#   bench/latency.sh [PLAN]      (default: examples/fy27-emea-demand-gen.plan)
#
# Uses hyperfine (Debian: apt-get install hyperfine) when it is installed,
# otherwise a loop of runs timed with `date`.
set -euo pipefail
cd "$(dirname "$0")/.."
plan=${1:-examples/fy27-emea-demand-gen.plan}
cargo build --release --locked --quiet
built=target/release/planlint
planlint=$(release/build-binary)

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(uname -sr)"
echo "plan: $plan ($(wc -l <"$plan") lines)"

if command -v hyperfine >/dev/null; then
  # -N: no intermediate shell, so `true` measures process start-up alone.
  hyperfine -N --warmup 50 --min-runs 300 --ignore-failure \
    --export-markdown target/latency.md \
    "true" \
    "cat $plan" \
    "$planlint check $plan" \
    "$planlint check --format compact $plan" \
    "$planlint check --format sarif $plan" \
    "$built check $plan"
  echo "(table in target/latency.md)"
else
  runs=300
  for command in "true" "cat $plan" "$planlint check $plan" "$planlint check --format compact $plan" "$built check $plan"; do
    start=$(date +%s%N)
    for _ in $(seq "$runs"); do $command >/dev/null 2>&1 || true; done
    end=$(date +%s%N)
    echo "$command: $(( (end - start) / runs / 1000 )) µs per run (mean of $runs, loop overhead included)"
  done
fi
