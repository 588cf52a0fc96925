#!/usr/bin/env bash
# Restart after a long stream: the clustering replay stream (bench/cluster,
# 1,000,000 articles by default) ingested into a fresh SQLite store, then
# the writer started again (`storyline assign --stats` on the empty queue:
# open, restore, checkpoint, exit) three times from the snapshot, and once
# with the snapshot removed (the full replay every start used to be).
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
