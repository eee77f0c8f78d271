#!/usr/bin/env bash
# An audit's peak memory (maximum resident set, GNU time) as the number of
# plans grows: 1,000, 5,000 and 20,000 generated plans of 20 tactics, each
# naming four people of its own, and each naming four of a department of
# 200 people shared by all plans (as plans of one organisation do). Flat in
# the number of plans is the aim (issue 11); README, Speed, has the figures.
#
# Needs python3 and GNU time (Debian: apt-get install time).
# Usage: bench/audit_memory.sh [FORMAT]   (json, html or markdown; default json)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v /usr/bin/time >/dev/null || { echo "bench/audit_memory.sh needs GNU time (apt-get install time)" >&2; exit 2; }
format=${1:-json}
bin=$(release/build-binary)
report=$(mktemp)
trap 'rm -f "$report"' EXIT
echo "audit --format $format, $bin; load average $(cut -d' ' -f1-3 /proc/loadavg)"
for people in 0 200; do
  for plans in 1000 5000 20000; do
    corpus="target/audit-corpus/people-$people-plans-$plans"
    [ -d "$corpus" ] || python3 bench/make_corpus.py "$corpus" --plans "$plans" --huge 0 --people "$people" >/dev/null
    peak_kb=$( (/usr/bin/time -f %M "$bin" audit --today 2027-01-15 --format "$format" -o "$report" --force "$corpus" 2>&1 >/dev/null || true) | tail -n 1)
    if [ "$people" = 0 ]; then who="people of their own"; else who="a department of $people"; fi
    printf '%6d plans, %-22s %s MB\n' "$plans" "$who:" "$(awk -v kb="$peak_kb" 'BEGIN { printf "%.1f", kb / 1024 }')"
  done
done
