#!/usr/bin/env bash
# make bench: the whole audit against a technician's baseline, measured side by side in one run.
#
#   1. One archive of 150 000 tweets (three part files): `socialaudit run` (zip and extracted
#      folder) beside `sed` + `jq` listing the mentions of the same files; then an archive four
#      times that size, for peak memory.
#   2. Four equal archives audited one at a time (--jobs 1) and in parallel (--jobs 2).
#   3. A nightly run over unchanged archives (incremental, from the state) beside a full run, for
#      the four archives and for a district of eight.
#   4. Text as real tweets have it: the 150 000-tweet archive of plain ASCII words beside one of
#      real-shaped text (scripts, emoji, entities, long posts: make-bench-archive.py --text real),
#      the two runs and their baselines alternated run by run, in a table of its own.
#
# ONLY=text runs section 4 alone; ONLY=nightly runs section 3 alone (with the full runs it is
# measured against).
# The generated districts are kept in .build/bench/ and reused while the generators are
# unchanged. Times are wall clock (a monotonic clock around each run) and peak resident memory
# from /usr/bin/time -v; every command (the baseline's too) runs RUNS times (default 3; the
# nightly run, some 50 ms, three times as often) and the median wall time is shown, with the
# largest peak memory: a shared machine's noise moves single runs by 10-20%.
set -euo pipefail
cd "$(dirname "$0")/.."
out=.build/bench
mkdir -p "$out"
bash scripts/build-release.sh >/dev/null
bin=$PWD/.build/release/socialaudit
stamp=$(cat scripts/make-bench-archive.py scripts/make-bench-district.py | sha256sum | cut -c1-12)
for tool in jq unzip; do command -v $tool >/dev/null || { echo "make bench needs $tool (apt-get install $tool)"; exit 2; }; done

district() {  # name archives tweets [--folder] [--text real]
  local target="$out/$1-$stamp"
  [ -e "$target/socialaudit.json" ] || python3 scripts/make-bench-district.py "$target" --archives "$2" --tweets "$3" "${@:4}" >/dev/null
  echo "$target"
}

runs=${RUNS:-3}

timed() {  # log-file command... [:: log-file command...]... ; prints "median-seconds max-megabytes" for each
  # Wall time by a monotonic clock around each run (/usr/bin/time prints it in hundredths of a
  # second, too coarse for a nightly run of some 50 ms); peak memory from /usr/bin/time -v.
  # Several commands (separated by ::) are alternated run by run, so that a shared machine's
  # slow and quick phases, which last minutes, fall on each of them alike.
  python3 - "$runs" "$@" <<'PY'
import os, re, statistics, subprocess, sys, time
runs, args = int(sys.argv[1]), sys.argv[2:]
commands = []
while args:
    cut = args.index("::") if "::" in args else len(args)
    commands.append((args[0], args[1:cut]))
    args = args[cut + 1:]
walls, rsss = [[] for _ in commands], [[] for _ in commands]
for i in range(1, runs + 1):
    for k, (log, command) in enumerate(commands):
        # What earlier runs wrote is put on disk first: on ext4 a later run's fsync (the state's
        # commit) would otherwise wait for all of it, and be timed with it.
        os.sync()
        with open("%s.%d" % (log, i), "w") as err:
            start = time.perf_counter()
            subprocess.run(["/usr/bin/time", "-v"] + command, stdout=subprocess.DEVNULL, stderr=err, check=False)
            walls[k].append(time.perf_counter() - start)
        text = open("%s.%d" % (log, i)).read()
        rsss[k].append(int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) / 1024)
for k, (log, _) in enumerate(commands):
    print("%.3f %.1f" % (statistics.median(walls[k]), max(rsss[k])))
    open(log + ".walls", "w").write(" ".join("%.1f" % (w * 1000) for w in walls[k]) + "\n")
PY
}

audit() {  # log district [flags...]
  local log=$1 dir=$2; shift 2
  timed "$log" "$bin" run --config "$dir/socialaudit.json" --as-of 2026-11-01 --quiet "$@"
}

row() { printf "| %-52s | %8s s | %8s MB | %s\n" "$1" "$2" "$3" "${4:-}"; }

# The technician's listing of the mentions of the tweet files given as arguments.
mentions='for f in "$@"; do sed "1s/^window\.YTD\.tweets\.part[0-9]* = //" "$f" | jq -r ".[].tweet.entities.user_mentions[].screen_name"; done'

baseline() {  # log tweet-files...
  local log=$1; shift
  timed "$log" bash -c "$mentions" _ "$@"
}

text_table() {
  # The folders the baseline reads, audited as they are (as the issue measured it).
  local ascii_dir real_dir a_s a_mb aj_s aj_mb r_s r_mb rj_s rj_mb
  ascii_dir=$(district one150k-folder 1 150000 --folder)
  real_dir=$(district one150k-real-folder 1 150000 --folder --text real)
  # The four commands alternated run by run (see timed).
  { read -r a_s a_mb; read -r aj_s aj_mb; read -r r_s r_mb; read -r rj_s rj_mb; } < <(timed \
    "$out/t1.log" "$bin" run --config "$ascii_dir/socialaudit.json" --as-of 2026-11-01 --quiet --full --state "$out/state-t1.sqlite" :: \
    "$out/t1-jq.log" bash -c "$mentions" _ "$ascii_dir"/archives/teacher00/data/tweets*.js :: \
    "$out/t2.log" "$bin" run --config "$real_dir/socialaudit.json" --as-of 2026-11-01 --quiet --full --state "$out/state-t2.sqlite" :: \
    "$out/t2-jq.log" bash -c "$mentions" _ "$real_dir"/archives/teacher00/data/tweets*.js)
  echo "| archive: one account, 150 000 tweets, folder | tweets*.js | socialaudit run | peak RSS | sed + jq | faster than jq | time vs ASCII"
  echo "|----------------------------------------------|-----------:|----------------:|---------:|---------:|---------------:|--------------:"
  text_row "plain ASCII words" "$ascii_dir" "$a_s" "$a_mb" "$aj_s" "$a_s"
  text_row "real-shaped text" "$real_dir" "$r_s" "$r_mb" "$rj_s" "$a_s"
  echo
  echo "Median of $runs runs each. Targets (issue 21): real-shaped at least 10x faster than sed + jq, peak RSS at most"
  echo "128 MB, and at most 1.3x the time of plain ASCII."
}

text_row() {  # label folder-district seconds megabytes jq-seconds ascii-seconds
  local mb
  mb=$(cat "$2"/archives/teacher00/data/tweets*.js | wc -c | awk '{printf "%.0f", $1 / 1e6}')
  printf "| %-41s | %7s MB | %13s s | %5s MB | %15s s | %13s | %13s\n" "$1" "$mb" "$3" "$4" "$5" \
    "$(python3 -c "print('%.1fx' % ($5 / $3))")" "$(python3 -c "print('%.2fx' % ($3 / $6))")"
}

# 3. Incremental: the same state, the archives unchanged since its last run (the four archives'
# state is the one their --jobs 2 full run left).
nightly_rows() {
  read -r i_s i_mb < <(runs=$((runs * 3)); audit "$out/c1.log" "$four" --state "$out/state-b2.sqlite")
  row "4 archives, nightly run, nothing changed" "$i_s" "$i_mb" "$(python3 -c "print('%.1f%% of the full run' % (100 * $i_s / $s2))")"
  # The same for a district twice the size: what a nightly run does that does not grow with the
  # archives (starting, the state's commit, the report tree's replacement) weighs less.
  read -r e_s e_mb < <(audit "$out/d1.log" "$eight" --full --state "$out/state-d1.sqlite")
  row "8 archives x 50k tweets, full run" "$e_s" "$e_mb"
  read -r n_s n_mb < <(runs=$((runs * 3)); audit "$out/d2.log" "$eight" --state "$out/state-d1.sqlite")
  row "8 archives, nightly run, nothing changed" "$n_s" "$n_mb" "$(python3 -c "print('%.1f%% of its full run' % (100 * $n_s / $e_s))")"
}

echo "socialaudit bench on $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
echo "$(swift --version 2>&1 | head -1)"
echo
if [ "${ONLY:-}" = text ]; then
  text_table
  exit
fi
if [ "${ONLY:-}" = nightly ]; then
  four=$(district four50k 4 50000)
  eight=$(district eight50k 8 50000)
  echo "| scenario                                             |      wall |    peak RSS | ratio"
  echo "|------------------------------------------------------|----------:|------------:|------"
  read -r s2 m2 < <(audit "$out/b2.log" "$four" --full --jobs 2 --state "$out/state-b2.sqlite")
  row "4 archives x 50k tweets, full run (--jobs 2)" "$s2" "$m2"
  nightly_rows
  echo
  echo "Median of $runs runs each, $((runs * 3)) for the nightly runs (RUNS=n to change). Target: a nightly run at most"
  echo "10% of its full run."
  exit
fi

one_zip=$(district one150k 1 150000)
one_dir=$(district one150k-folder 1 150000 --folder)
four_x=$(district one600k 1 600000)
four=$(district four50k 4 50000)
eight=$(district eight50k 8 50000)

echo "| scenario                                             |      wall |    peak RSS | ratio"
echo "|------------------------------------------------------|----------:|------------:|------"

# 1. One archive against the baseline.
read -r jq_s jq_mb < <(baseline "$out/jq.log" "$one_dir"/archives/teacher00/data/tweets*.js)
row "baseline: sed + jq, mentions of 150k tweets (folder)" "$jq_s" "$jq_mb"
# The floor for a zip: inflating its tweet files and nothing else, one after the other.
read -r unzip_s unzip_mb < <(timed "$out/unzip.log" bash -c 'unzip -p "$1" "data/tweets*.js" >/dev/null' _ "$one_zip/archives/teacher00.zip")
row "reference: unzip -p of the same zip's tweet files" "$unzip_s" "$unzip_mb" "inflate alone, one core"
read -r z_s z_mb < <(audit "$out/a1.log" "$one_zip" --full --state "$out/state-a1.sqlite")
row "socialaudit run, 150k tweets, zip" "$z_s" "$z_mb" "$(python3 -c "print('%.1fx faster than the baseline' % ($jq_s / $z_s))")"
read -r d_s d_mb < <(audit "$out/a2.log" "$one_dir" --full --state "$out/state-a2.sqlite")
row "socialaudit run, 150k tweets, folder" "$d_s" "$d_mb" "$(python3 -c "print('%.1fx faster than the baseline' % ($jq_s / $d_s))")"
read -r x_s x_mb < <(audit "$out/a3.log" "$four_x" --full --state "$out/state-a3.sqlite")
row "socialaudit run, 600k tweets, zip (4x the size)" "$x_s" "$x_mb" "$(python3 -c "print('memory %.2fx of the 150k run' % ($x_mb / $z_mb))")"

# 2. Four archives, one at a time and in parallel.
read -r s1 m1 < <(audit "$out/b1.log" "$four" --full --jobs 1 --state "$out/state-b1.sqlite")
row "4 archives x 50k tweets, --jobs 1" "$s1" "$m1"
read -r s2 m2 < <(audit "$out/b2.log" "$four" --full --jobs 2 --state "$out/state-b2.sqlite")
row "4 archives x 50k tweets, --jobs 2" "$s2" "$m2" "$(python3 -c "print('%.2fx the time of --jobs 1' % ($s2 / $s1))")"
# What the two cores give: two separate --jobs 1 runs at once, against one alone. A machine whose
# cores share their resources (a virtual machine's cores may be one physical core's threads)
# slows both down, and no program gets 0.5x there.
read -r p_s p_mb < <(timed "$out/pair.log" bash -c '
  "$1" run --config "$2/socialaudit.json" --as-of 2026-11-01 --quiet --full --jobs 1 --state "$3/state-p1.sqlite" --out "$3/out-p1" &
  "$1" run --config "$2/socialaudit.json" --as-of 2026-11-01 --quiet --full --jobs 1 --state "$3/state-p2.sqlite" --out "$3/out-p2"
  wait' _ "$bin" "$four" "$out")
row "reference: two --jobs 1 runs of it at once" "$p_s" "$p_mb" "$(python3 -c "print('%.2fx the time of one: the best --jobs 2 can do is %.2fx' % ($p_s / $s1, $p_s / $s1 / 2))")"

nightly_rows
echo
echo "Median of $runs runs each, $((runs * 3)) for the nightly run (RUNS=n to change). Targets (issue 8): 10x faster than the"
echo "baseline, under 128 MB and flat with size; --jobs 2 at most 0.6x of --jobs 1; an unchanged nightly run under 5%"
echo "of a full one."

# 4. Real-shaped text against plain ASCII.
echo
text_table

# In-process, with ordo-one/benchmark (a package of its own in Bench/, so that normal builds
# and CI never build it): reading a zip's tweets, nothing else.
reading="$out/reading-20k-$stamp.zip"
[ -e "$reading" ] || python3 scripts/make-bench-archive.py "$reading" --tweets 20000 --parts 3 >/dev/null
echo
echo "In-process (ordo-one/benchmark, Bench/): the tweets of a 20 000-tweet zip read (JSON values, then decoding),"
echo "one part file at a time, nothing else."
SOCIALAUDIT_BENCH_ZIP="$PWD/$reading" swift package --package-path Bench benchmark --no-progress --format markdown 2>&1 \
  | sed -n '/tweets of a/,$p'

