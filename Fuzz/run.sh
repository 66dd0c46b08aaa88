#!/usr/bin/env bash
# Builds the libFuzzer targets (ASan + libFuzzer, lld) and runs each for SECONDS, all at once
# under nice. Corpora grow in .build/fuzz/corpus/TARGET (seeded from Fuzz/Seeds and Samples/);
# crashes land in .build/fuzz/crashes/. Prints executions and coverage per target.
# Usage: Fuzz/run.sh [SECONDS] [TARGET...]     (default: 600 s, every target)
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(FuzzDecode FuzzSegment FuzzXLIFF FuzzTMX FuzzJSON FuzzGlossary FuzzSRX FuzzMarkup)
fi
flags=(-c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld)
nice -n 10 swift build "${flags[@]}"
bin=$(swift build "${flags[@]}" --show-bin-path)
work=.build/fuzz
mkdir -p "$work/crashes" "$work/logs"

seed() {  # the seed files of a target
  case "$1" in
    FuzzDecode|FuzzSegment) ls ../Samples/*.txt ;;
    FuzzXLIFF) ls ../Samples/*.xlf ;;
    FuzzTMX) ls ../Samples/*.tmx ;;
    FuzzJSON) ls ../Samples/*.json ;;
    FuzzGlossary|FuzzSRX|FuzzMarkup) ;;
  esac
  ls -d "Seeds/$1"/* 2>/dev/null || true
}

for t in "${targets[@]}"; do
  mkdir -p "$work/corpus/$t"
  for f in $(seed "$t"); do cp -n "$f" "$work/corpus/$t/" 2>/dev/null || true; done
  # -timeout: an input running over 10 s is a hang; -rss_limit_mb: over 2 GB is a leak or a bomb.
  nice -n 10 "$bin/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$work/crashes/$t-" "$work/corpus/$t" > "$work/logs/$t.log" 2>&1 &
done
wait || true

status=0
for t in "${targets[@]}"; do
  log="$work/logs/$t.log"
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  cov=$(grep -oE '^#[0-9]+.*cov: [0-9]+ ft: [0-9]+' "$log" | tail -1 | grep -oE 'cov: [0-9]+ ft: [0-9]+' || echo "cov: ?")
  crashes=$(ls "$work/crashes" | grep -c "^$t-" || true)
  echo "fuzz: $t: $execs executions, $cov, corpus $(ls "$work/corpus/$t" | wc -l) inputs, $crashes crash/timeout/leak inputs"
  [ "$crashes" -eq 0 ] || status=1
done
exit "$status"
