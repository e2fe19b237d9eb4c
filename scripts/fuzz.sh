#!/usr/bin/env bash
# make fuzz: libFuzzer with AddressSanitizer on the readers of outside input, each for
# FUZZ_SECONDS (default 180), seeded from samples/. A crash leaves its input in
# .build/fuzz/<target>/crashes/; turn it into a regression test in Tests/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-180}
swift build --package-path Fuzz -c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library >/dev/null
work=.build/fuzz
seed() {  # target files...
  local dir="$work/$1/corpus"; shift
  mkdir -p "$dir"
  for f in "$@"; do cp "$f" "$dir/"; done
}
seed FuzzArchiveJSON samples/archives/*/data/*.js
for z in samples/archives/*.zip; do mkdir -p "$work/unzipped/$(basename "$z" .zip)"; unzip -o -q "$z" 'data/*.js' -d "$work/unzipped/$(basename "$z" .zip)"; done
seed FuzzArchiveJSON "$work"/unzipped/*/data/*.js
seed FuzzInventoryXML samples/inventory.xml samples/inventory.json
seed FuzzRoster samples/students.csv
status=0
for target in FuzzArchiveJSON FuzzInventoryXML FuzzRoster; do
  mkdir -p "$work/$target/crashes"
  echo "== $target for ${seconds}s"
  if ! Fuzz/.build/debug/$target "$work/$target/corpus" -max_total_time="$seconds" -max_len=16384 -timeout=10 \
       -rss_limit_mb=2048 -artifact_prefix="$work/$target/crashes/" -print_final_stats=1 2>"$work/$target/log.txt"; then
    echo "$target found a problem: see $work/$target/crashes/ and $work/$target/log.txt"
    status=1
  fi
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb|Done [0-9]+ runs" "$work/$target/log.txt" || true
done
exit $status
