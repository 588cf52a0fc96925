#!/usr/bin/env bash
# Restart after a long stream: the clustering replay stream (bench/cluster,
# 1,000,000 articles by default) ingested into a fresh SQLite store, then
# the writer started again (`storyline assign --stats` on the empty queue:
# open, restore, checkpoint, exit) three times from the snapshot, and once
# with the snapshot removed (the full replay every start used to be).
# Then a crash: the stream ingested again into a second store, that process
# killed (SIGKILL) CRASH_AT seconds in (default: two thirds of the first
# ingest's time; CRASH_AT=0 skips it), and one start, which restores the
# articles stored after the last snapshot.
# Usage: run.sh BUILD_DIR OUT_DIR [N]
set -uo pipefail
BUILD=$1
OUT=$2
N=${3:-1000000}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SL=$ROOT/$BUILD/storyline
NAME="restart"
. "$ROOT/bench/cluster/replay_stream.sh"
DB=$OUT/restart-$N.db
rm -f "$DB" "$DB-wal" "$DB-shm" "$DB-writer.lock"
/usr/bin/time -f '%e s, peak RSS %M KB' -o "$OUT/restart-ingest.time" \
  "$SL" ingest --db "$DB" --max-file-bytes 4000000000 --quiet "$STREAM" \
  2>"$OUT/restart-ingest.err" || { cat "$OUT/restart-ingest.err"; exit 1; }
echo "ingest of $N articles: $(cat "$OUT/restart-ingest.time")"
start() {
  /usr/bin/time -f '%e s wall, peak RSS %M KB' -o "$OUT/restart.time" \
    "$SL" assign --db "$DB" --stats --quiet 2>&1 | sed 's/^storyline assign: //'
  echo "  process: $(cat "$OUT/restart.time")"
}
for i in 1 2 3; do start; done
sqlite3 "$DB" 'DELETE FROM assigner_snapshot'
echo "without the snapshot (a full replay):"
start
ingest_secs=$(cut -d' ' -f1 "$OUT/restart-ingest.time")
CRASH_AT=${CRASH_AT:-$(echo "$ingest_secs * 2 / 3" | bc)}
[ "$CRASH_AT" = 0 ] && exit 0
DB=$OUT/restart-crash-$N.db
rm -f "$DB" "$DB-wal" "$DB-shm" "$DB-writer.lock"
"$SL" ingest --db "$DB" --max-file-bytes 4000000000 --quiet "$STREAM" \
  2>"$OUT/restart-crash.err" &
pid=$!
sleep "$CRASH_AT"
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
stored=$(sqlite3 "$DB" 'SELECT count(*) FROM articles')
echo "after kill -9 at ${CRASH_AT} s ($stored articles stored):"
start
