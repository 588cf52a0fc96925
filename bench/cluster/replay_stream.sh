# Sourced by the benchmarks that read the replay stream (bench/cluster,
# bench/restart). Sets STREAM to OUT/replay-N.jsonl, writing it first when
# absent; exits 0 with a message when the clustering dev sets are absent.
# Needs ROOT, OUT, N and a NAME for the message.
DATA=${STORYLINE_DATA:-$ROOT/../shared/data}
if [ ! -d "$DATA/clustering" ]; then
  echo "(../shared/data/clustering not present: $NAME benchmark skipped)"
  exit 0
fi
mkdir -p "$OUT"
STREAM=$OUT/replay-$N.jsonl
if [ ! -s "$STREAM" ]; then
  echo "writing the replay stream ($N articles) to $STREAM ..."
  python3 "$ROOT/bench/cluster/make_replay.py" "$DATA/clustering" "$N" "$STREAM" || exit 1
fi
