#!/usr/bin/env bash
# Both cores against one: the same build ingests the same files into a
# fresh SQLite file with --threads 0 (one thread per core) and --threads 1,
# alternating, PAIRS times (default 3), so both see the same machine.
# Prints every run, the median of the paired ratios and files/s.
# Usage: bench/cores/run.sh BUILD OUT [PATH]   (PATH: the tgcontest-r1 sample)
set -uo pipefail
BUILD=${1:-build}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${2:-$ROOT/bench-out}
DATA=${STORYLINE_DATA:-$ROOT/../shared/data}
INPUT=${3:-$DATA/stream/tgcontest-r1-sample}
PAIRS=${PAIRS:-3}
SL=$ROOT/$BUILD/storyline
mkdir -p "$OUT"
if [ ! -d "$INPUT" ]; then
  echo "($INPUT not present: the both-cores benchmark is skipped)"
  exit 0
fi
files=$(find "$INPUT" -type f \( -name '*.html' -o -name '*.htm' \) | wc -l)
echo "cores: $(nproc); $files files from $INPUT; $PAIRS pairs"
ratios=()
for i in $(seq 1 "$PAIRS"); do
  declare -A secs=()
  for t in 0 1; do
    db=$OUT/cores-$t.db
    rm -f "$db" "$db-wal" "$db-shm" "$db-writer.lock"
    /usr/bin/time -f '%e %U %S' -o "$OUT/cores-$t.time" \
      "$SL" ingest --db "$db" --threads "$t" --quiet --stats "$INPUT" \
      2>"$OUT/cores-$t.err" >/dev/null
    read -r wall user sys < "$OUT/cores-$t.time"
    secs[$t]=$wall
    printf '  pair %d --threads %d: %6.2f s wall, %6.2f s cpu  %s\n' "$i" "$t" \
      "$wall" "$(echo "$user + $sys" | bc -l)" \
      "$(grep -o 'stages:.*' "$OUT/cores-$t.err")"
  done
  ratios+=("$(echo "${secs[1]} / ${secs[0]}" | bc -l)")
  last0=${secs[0]}
done
median=$(printf '%s\n' "${ratios[@]}" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}')
# The stores must agree: same articles, decisions and pages.
same=yes
for q in "SELECT id, event_id, story_id, duplicate_of FROM articles ORDER BY id" \
         "SELECT story_id, version, json FROM pages ORDER BY story_id, version"; do
  [ "$(sqlite3 "$OUT/cores-0.db" "$q" | md5sum)" = "$(sqlite3 "$OUT/cores-1.db" "$q" | md5sum)" ] || same=no
done
printf 'both cores / one thread: median paired speed-up %.2fx (target >= 1.8x); last both-cores run %.0f files/s; same articles and pages: %s\n' \
  "$median" "$(echo "$files / $last0" | bc -l)" "$same"
