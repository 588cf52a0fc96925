#!/usr/bin/env bash
# The store benchmark (part of `make bench`): the same ingest into SQLite
# and into PostgreSQL, timed in the same run, and the web app's story page
# served from each (wrk, 32 connections). PostgreSQL is a throw-away local
# server (scripts/test-postgres) with its durable defaults (fsync on), on a
# Unix socket. usage: run.sh BUILD_DIR OUT_DIR
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$1
mkdir -p "$2/store"; OUT=$(cd "$2/store" && pwd)
SL=$ROOT/$BUILD/storyline
DATA=${STORYLINE_DATA:-$ROOT/../shared/data}
DURATION=${WEB_BENCH_SECONDS:-10}
STATE=$OUT/pg
TEST_POSTGRES_FSYNC=on "$ROOT/scripts/test-postgres" start "$STATE" >/dev/null
if [ -f "$STATE/skip" ]; then
  echo "(store benchmark skipped: $(cat "$STATE/skip"))"
  exit 0
fi
BASE=$(cat "$STATE/url")
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  "$ROOT/scripts/test-postgres" stop "$STATE"
}
trap cleanup EXIT
newdb() {
  psql "$BASE" -qc "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null 2>&1
  echo "${BASE/\/postgres\?/\/$1?}"
}
seconds() { /usr/bin/time -f '%e' -o "$OUT/t" "$@" >/dev/null 2>&1; cat "$OUT/t"; }

INPUT=$ROOT/samples/newsroom
NAME=newsroom
if [ -d "$DATA/stream/tgcontest-r1-sample" ]; then
  INPUT=$DATA/stream/tgcontest-r1-sample
  NAME=tgcontest-r1
fi
files=$(find "$INPUT" -type f \( -name '*.html' -o -name '*.jsonl' -o -name '*.txt' \) | wc -l)
rm -f "$OUT/s.db"*
PG=$(newdb bench_ingest)
s_secs=$(seconds "$SL" ingest --quiet --db "$OUT/s.db" "$INPUT")
p_secs=$(seconds "$SL" ingest --quiet --db "$PG" "$INPUT")
same=$(diff -q <("$SL" stories --all --db "$OUT/s.db") <("$SL" stories --all --db "$PG") >/dev/null && echo yes || echo NO)
printf 'ingest %s (%d files): SQLite %.2f s (%.0f files/s), PostgreSQL %.2f s (%.0f files/s): %.0f%% of SQLite; same stories: %s\n' \
  "$NAME" "$files" "$s_secs" "$(echo "$files / $s_secs" | bc -l)" "$p_secs" \
  "$(echo "$files / $p_secs" | bc -l)" "$(echo "100 * $s_secs / $p_secs" | bc -l)" "$same"

command -v wrk >/dev/null || { echo "(web part skipped: wrk missing)"; exit 0; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
story=$("$SL" stories --db "$OUT/s.db" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
wrk_run() {  # URL -> "rps p99_ms"
  local out
  out=$(wrk -t2 -c32 -d"${DURATION}s" --latency "$1" 2>&1)
  echo "$(echo "$out" | awk '/Requests\/sec/ {print $2}') $(echo "$out" | awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}')"
}
serve() {  # DB PORT: starts a server (not in a subshell: its pid is kept)
  "$SL" serve --db "$1" --port "$2" >/dev/null 2>>"$OUT/serve.log" &
  pids+=($!)
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$2/healthz" >/dev/null && break; sleep 0.1; done
}
sp=$(free_port)
serve "$OUT/s.db" "$sp"
pp=$(free_port)
serve "$PG" "$pp"
# A warm-up run each: a server opens its store connections as requests
# first need them (on PostgreSQL a new session costs a few ms), so the
# first seconds measure connection set-up; printed, then measured again.
read -r _ s_cold < <(wrk_run "http://127.0.0.1:$sp/s/$story")
read -r _ p_cold < <(wrk_run "http://127.0.0.1:$pp/s/$story")
echo "cold start (first ${DURATION}s): p99 SQLite $s_cold ms, PostgreSQL $p_cold ms"
read -r s_rps s_p99 < <(wrk_run "http://127.0.0.1:$sp/s/$story")
read -r p_rps p_p99 < <(wrk_run "http://127.0.0.1:$pp/s/$story")
printf 'story page, 32 connections, %ss, warm: SQLite %.0f req/s (p99 %s ms), PostgreSQL %.0f req/s (p99 %s ms): %.0f%% of SQLite\n' \
  "$DURATION" "$s_rps" "$s_p99" "$p_rps" "$p_p99" "$(echo "100 * $p_rps / $s_rps" | bc -l)"
