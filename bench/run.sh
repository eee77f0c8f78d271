#!/usr/bin/env bash
# Throughput benchmark: `planlint check`, `fmt --check` and `audit` over a generated
# corpus (1,000 plans of 20 tactics, and one plan of 50,000 tactics), timed
# with hyperfine against `rg` and `cat` over the same files, so the figures
# can be compared run to run and machine to machine. Plans with findings make
# planlint exit 1; that is expected here (`-i`).
#
# Needs: python3, hyperfine and ripgrep (Debian: apt-get install hyperfine ripgrep).
# Usage: bench/run.sh [CORPUS_DIR]   (default: target/bench-corpus)
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in python3 hyperfine rg; do
  command -v "$tool" >/dev/null || { echo "bench/run.sh needs $tool (apt-get install hyperfine ripgrep)" >&2; exit 2; }
done
corpus=${1:-target/bench-corpus}
cargo build --release --locked -q
[ -f "$corpus/huge.plan" ] || python3 bench/make_corpus.py "$corpus"
bin=target/release/planlint
plans="$corpus/plans"
echo "corpus: $(find "$plans" -name '*.plan' | wc -l) plans, $(du -sh "$plans" | cut -f1); huge.plan $(du -h "$corpus/huge.plan" | cut -f1); $(nproc) cores"
hyperfine -i --warmup 2 --min-runs 10 -N --export-markdown target/bench-1000.md \
  "rg -c tactic $plans" \
  "find $plans -name *.plan -exec cat {} +" \
  "$bin check --format compact $plans" \
  "$bin fmt --check $plans" \
  "$bin audit --format json -o /dev/null --force $plans" 2>&1 | grep -v "^ *$" || true
hyperfine -i --warmup 1 --min-runs 5 -N --export-markdown target/bench-huge.md \
  "rg -c tactic $corpus/huge.plan" \
  "cat $corpus/huge.plan" \
  "$bin check --format compact $corpus/huge.plan" 2>&1 | grep -v "^ *$" || true
echo
cat target/bench-1000.md target/bench-huge.md
