#!/usr/bin/env bash
# Clustering at scale: the clustering dev sets replayed as one time-ordered
# stream of 1,000,000 articles (make_replay.py says how), streamed through
# `storyline cluster --sorted --stats` (dedupe + online assignment, text
# already extracted). Prints articles/s and RSS at 10k, 100k and 1M and the
# peak RSS. Usage: run.sh BUILD_DIR OUT_DIR [N]
set -uo pipefail
BUILD=$1
OUT=$2
N=${3:-1000000}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
NAME="clustering scale"
. "$ROOT/bench/cluster/replay_stream.sh"
echo "$(du -m "$STREAM" | cut -f1) MB of JSONL, $N articles"
taskset -c 0 "$ROOT/$BUILD/storyline" cluster --input "$STREAM" \
  --out "$OUT/replay-$N.tsv" --sorted --stats 2>&1 | grep '^clustered'
