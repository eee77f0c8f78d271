#!/usr/bin/env bash
# Fuzzes planlint's targets, each for SECONDS, with its seeds and
# dictionary: fuzz/run.sh SECONDS [TARGET...] (default: every target).
# Exits non-zero on the first crash, leak of a secret, hang (10 s for one
# input) or input that takes more than 2 GiB; libFuzzer saves the input in
# fuzz/artifacts/TARGET/. Needs cargo-fuzz (`cargo install cargo-fuzz`);
# runs on the stable toolchain through RUSTC_BOOTSTRAP=1 and without a
# sanitizer (cargo-fuzz's default, AddressSanitizer, needs nightly).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:?usage: fuzz/run.sh SECONDS [TARGET...]}
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(lint config import_text import_workbook baseline)
export RUSTC_BOOTSTRAP=1
fuzz=(cargo fuzz run --sanitizer none -O --debug-assertions)
for target in "${targets[@]}"; do
  seeds=() dict=()
  case $target in
    lint) seeds=(fuzz/seeds/lint fixtures examples) dict=(-dict=fuzz/plan.dict) ;;
    config) seeds=(fuzz/seeds/config) dict=(-dict=fuzz/config.dict) ;;
    import_text | import_workbook) seeds=(fixtures/import) ;;
    baseline) seeds=(fuzz/seeds/baseline) ;;
    *) echo "no fuzz target $target" >&2; exit 2 ;;
  esac
  mkdir -p "fuzz/corpus/$target" fuzz/logs
  log="fuzz/logs/$target.log"
  echo "--- fuzz $target for ${seconds}s (log: $log)"
  if ! "${fuzz[@]}" "$target" "fuzz/corpus/$target" "${seeds[@]}" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=262144 \
    -print_final_stats=1 "${dict[@]}" >"$log" 2>&1; then
    grep -a -E -A12 "panicked|ERROR|SUMMARY" "$log" | cut -c1-300 | head -60 >&2 || tail -c 3000 "$log" >&2
    echo "fuzz $target failed; the input is in fuzz/artifacts/$target/ (reproduce: RUSTC_BOOTSTRAP=1 ${fuzz[*]} $target FILE)" >&2
    exit 1
  fi
  grep -a -E "^stat::number_of_executed_units|^Done [0-9]+ runs" "$log" || true
done
