#!/usr/bin/env bash
# Reader benchmark: wall time, peak resident memory and throughput of reading whole archives
# (every tweet parsed and decoded), on generated archives in the real format.
# The generated archives are kept in .build/bench/ and reused while the generator is unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."
out=.build/bench
mkdir -p "$out"
swift build -c release >/dev/null
bin=.build/release/socialaudit
stamp=$(sha256sum scripts/make-bench-archive.py | cut -c1-12)

make_archive() {  # name tweets [--folder]
  local target="$out/$1-$stamp"
  [ -e "$target" ] || python3 scripts/make-bench-archive.py "$target" --tweets "$2" ${3:-} >/dev/null
  echo "$target"
}

measure() {  # label path tweets
  local log="$out/time.txt"
  /usr/bin/time -v "$bin" scan "$2" >/dev/null 2>"$log"
  python3 - "$1" "$2" "$3" "$log" <<'PY'
import glob, os, re, sys, zipfile
label, path, tweets, log = sys.argv[1], sys.argv[2], int(sys.argv[3]), open(sys.argv[4]).read()
clock = re.search(r"Elapsed \(wall clock\).*: (\S+)", log).group(1).split(":")
wall = sum(float(x) * 60 ** i for i, x in enumerate(reversed(clock)))
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", log).group(1)) / 1024
if os.path.isdir(path):
    size = sum(os.path.getsize(f) for f in glob.glob(os.path.join(path, "data", "tweets*.js")))
else:
    size = sum(i.file_size for i in zipfile.ZipFile(path).infolist() if i.filename.startswith("data/tweets"))
print("| %-34s | %8d | %5.2f s | %6.1f MB | %7.1f MB | %6.0f MB/s %s |" % (
    label, tweets, wall, rss, size / 1e6, size / 1e6 / wall, ("%7.0f tw/s" % (tweets / wall))))
PY
}

small_zip=$(make_archive tweets150k.zip 150000)
small_dir=$(make_archive tweets150k 150000 --folder)
large_zip=$(make_archive tweets600k.zip 600000)

echo "Archive reader on $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(swift --version 2>&1 | head -1)"
echo
echo "| archive                            |   tweets |    wall |  peak RSS | tweets*.js |             throughput |"
echo "|------------------------------------|---------:|--------:|----------:|-----------:|-----------------------:|"
measure "150 000 tweets, zip (3 parts)" "$small_zip" 150000
measure "150 000 tweets, extracted folder" "$small_dir" 150000
measure "600 000 tweets, zip (3 parts)" "$large_zip" 600000
echo
echo "The whole-audit benchmark against the sed+jq baseline comes with the speed work (issue 8)."
