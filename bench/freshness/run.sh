#!/usr/bin/env bash
# Freshness benchmark (part of `make bench`): `storyline run` polls a
# loopback site whose feed gains one sample-newsroom article every
# FRESHNESS_INTERVAL seconds (default 0.5), and bench/freshness/trickle.py
# times each article from the moment `run` fetches it to the moment its
# story page (the JSON API of the same process) lists it.
# usage: run.sh BUILD_DIR OUT_DIR
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
case $1 in /*) SL=$1/storyline ;; *) SL=$ROOT/$1/storyline ;; esac
mkdir -p "$2/freshness"; OUT=$(cd "$2/freshness" && pwd)
INTERVAL=${FRESHNESS_INTERVAL:-0.5}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
rm -f "$OUT"/f.db*
site=$(free_port)
web=$(free_port)
python3 "$ROOT/bench/freshness/trickle.py" "$ROOT/samples/newsroom" "$OUT/f.db" \
  "$web" "$site" "$INTERVAL" "$OUT/freshness.json" > "$OUT/trickle.log" 2>&1 &
tp=$!
for _ in $(seq 100); do grep -q "site ready" "$OUT/trickle.log" 2>/dev/null && break; sleep 0.1; done
echo "http://127.0.0.1:$site/feed.xml" > "$OUT/feeds.txt"
"$SL" run --db "$OUT/f.db" --feeds "$OUT/feeds.txt" --port "$web" --allow-private \
  --min-poll 1 --quiet > "$OUT/run.log" 2>&1 &
rp=$!
wait $tp
kill $rp 2>/dev/null; wait $rp 2>/dev/null
tail -1 "$OUT/trickle.log"
