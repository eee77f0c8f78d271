#!/usr/bin/env bash
# issue 11's three figures, measured side by side in one run:
#   1. throughput: `planlint check` (and `fmt --check`, `audit`) over a
#      generated corpus of 1,000 plans of 20 tactics, against `rg` and `cat`
#      over the same files (target: within 10x of `rg`);
#   2. one file: `planlint check` of the example plan against `cat` of it
#      (target: within 0.5 ms), and one plan of 50,000 tactics against both;
#   3. memory: the peak resident set of `check` on that 50,000-tactic plan
#      (target: under 150 MB).
# The binary measured is the one a release ships for this platform
# (release/build-binary: on x86_64 Linux, linked statically, its start-up
# code together); the one-file figure is also given for `cargo build
# --release`'s (what `cargo install` builds). Plans with findings make
# planlint exit 1; that is expected here (`-i`).
#
# Needs: python3, hyperfine, ripgrep and GNU time (Debian: apt-get install
# hyperfine ripgrep time).
# Usage: bench/run.sh [CORPUS_DIR]   (default: target/bench-corpus)
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in python3 hyperfine rg /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench/run.sh needs $tool (apt-get install hyperfine ripgrep time)" >&2; exit 2; }
done
corpus=${1:-target/bench-corpus}
cargo build --release --locked -q
built=target/release/planlint
bin=$(release/build-binary)
[ -f "$corpus/huge.plan" ] || python3 bench/make_corpus.py "$corpus"
plans="$corpus/plans"
plan=examples/fy27-emea-demand-gen.plan
echo "corpus: $(find "$plans" -name '*.plan' | wc -l) plans, $(du -sh "$plans" | cut -f1); huge.plan $(du -h "$corpus/huge.plan" | cut -f1); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
hyperfine -i --warmup 2 --min-runs 10 -N --export-markdown target/bench-1000.md --export-json target/bench-1000.json \
  "rg -c tactic $plans" \
  "find $plans -name *.plan -exec cat {} +" \
  "$bin check --format compact $plans" \
  "$bin fmt --check $plans" \
  "$bin audit --format json -o /dev/null --force $plans" 2>&1 | grep -v "^ *$" || true
hyperfine -i --warmup 1 --min-runs 5 -N --export-markdown target/bench-huge.md \
  "rg -c tactic $corpus/huge.plan" \
  "cat $corpus/huge.plan" \
  "$bin check --format compact $corpus/huge.plan" 2>&1 | grep -v "^ *$" || true
# One file: many runs, after many warm-ups (a run is about a millisecond).
hyperfine -i --warmup 50 --min-runs 300 -N --export-markdown target/bench-one.md --export-json target/bench-one.json \
  "cat $plan" \
  "$bin check $plan" \
  "$built check $plan" 2>&1 | grep -v "^ *$" || true
# Exit status 1 (findings) is expected: the figure is the last line of stderr.
peak_kb=$( (/usr/bin/time -f %M "$bin" check --format compact "$corpus/huge.plan" 2>&1 >/dev/null || true) | tail -n 1)
echo
cat target/bench-1000.md target/bench-huge.md target/bench-one.md
python3 - "$peak_kb" <<'PYTHON'
import json, sys

def means(path):
    return [result["mean"] for result in json.load(open(path))["results"]]

rg, _cat, check, *_ = means("target/bench-1000.json")
cat, shipped, built = means("target/bench-one.json")
peak_mb = int(sys.argv[1]) / 1024
def verdict(met):
    return "met" if met else "NOT MET"
print()
print("issue 11's targets:")
print(f"  check, 1,000 plans: {check / rg:.1f}x rg (target 10x): {verdict(check / rg <= 10)}")
over = (shipped - cat) * 1000
print(f"  one file: {over:.2f} ms over cat (target 0.5 ms): {verdict(over <= 0.5)}"
      f"; cargo build --release's binary: {(built - cat) * 1000:.2f} ms over")
print(f"  50,000-tactic plan: {peak_mb:.0f} MB peak (target 150 MB): {verdict(peak_mb < 150)}")
PYTHON
