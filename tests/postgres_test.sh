#!/usr/bin/env bash
# The storyline binary on PostgreSQL, as a user runs it: the same stories
# as on SQLite; two web servers reading one store (live); three worker
# processes and one assigner giving the stories of one process; a standby
# assigner taking over from one killed with kill -9 mid-stream; a second
# ingest waiting for the first.
# Usage: postgres_test.sh STORYLINE_BIN SOURCE_DIR
# Needs the throw-away server of scripts/test-postgres (ctest starts it and
# sets STORYLINE_TEST_POSTGRES_STATE); exits 77 (skipped) with the reason
# when there is none.
set -uo pipefail
BIN=$1
SRC=$2
STATE=${STORYLINE_TEST_POSTGRES_STATE:-}
if [ -z "$STATE" ]; then
  echo "postgres_test: skipped: STORYLINE_TEST_POSTGRES_STATE not set (run through ctest)"
  exit 77
fi
if [ -f "$STATE/skip" ]; then
  echo "postgres_test: skipped: $(cat "$STATE/skip")"
  exit 77
fi
BASE=$(cat "$STATE/url" 2>/dev/null)
if [ -z "$BASE" ]; then
  echo "postgres_test: skipped: no server URL in $STATE"
  exit 77
fi
WORK=$(mktemp -d)
PIDS=()
DBS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null; done
  for d in "${DBS[@]}"; do psql "$BASE" -qc "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1; done
  rm -rf "$WORK"
}
trap cleanup EXIT
source "$SRC/tests/check.sh"
# A new, empty database; prints its URL.
newdb() {
  local name="pt_$$_$1"
  psql "$BASE" -qc "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null 2>&1 || return 1
  DBS+=("$name")
  echo "${BASE/\/postgres\?/\/$name?}"
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
sql() { psql "$1" -tAc "$2"; }
export -f sql
N=$(ls "$SRC"/samples/newsroom/*.html | wc -l)

# --- The same stories as SQLite --------------------------------------------
PG=$(newdb main) || { echo "FAIL: cannot create a database on $BASE"; exit 1; }
"$BIN" ingest --db "$WORK/ref.db" "$SRC/samples/newsroom" --quiet
check "ingest the newsroom into PostgreSQL" bash -c "'$BIN' ingest --db '$PG' '$SRC/samples/newsroom' | grep -q '$N added'"
check "re-ingest changes nothing" bash -c "'$BIN' ingest --db '$PG' '$SRC/samples/newsroom' | grep -q '0 added (0 copies), 0 updated, $N unchanged'"
check "the same stories as on SQLite (ids, headlines, counts)" bash -c "diff <('$BIN' stories --all --db '$WORK/ref.db') <('$BIN' stories --all --db '$PG')"
IDS=$("$BIN" stories --all --db "$PG" --format json | python3 -c 'import json,sys; print(" ".join(s["id"] for s in json.load(sys.stdin)))')
same_pages() {
  for id in $IDS; do
    diff <("$BIN" show "$id" --db "$WORK/ref.db" --format json | grep -v composed_at) \
         <("$BIN" show "$id" --db "$PG" --format json | grep -v composed_at) || return 1
  done
}
check "the same page for every story" same_pages
check "verify --all passes on PostgreSQL" bash -c "'$BIN' verify --all --db '$PG' | grep -q 'traced to its source'"
check "search finds an article by a word of its text" bash -c "test \$(sql '$PG' \"SELECT COUNT(*) FROM articles WHERE search @@ to_tsquery('simple','valmera')\") -gt 0"
check "a password never appears in an error" bash -c "! '$BIN' stories --db 'postgresql://u:Xy9secret@127.0.0.1:1/db?connect_timeout=2' 2>'$WORK/pw.err'; ! grep -q Xy9secret '$WORK/pw.err' && grep -q 'u:\*\*\*@' '$WORK/pw.err'"
check "a server that is not there is a clear error" bash -c "! '$BIN' stories --db 'postgresql://127.0.0.1:1/db?connect_timeout=2' 2>&1 | grep -q 'cannot connect to PostgreSQL'; '$BIN' stories --db 'postgresql://127.0.0.1:1/db?connect_timeout=2' 2>&1 | grep -q 'cannot connect to PostgreSQL'"

# --- Two web servers on one store, live -----------------------------------
P1=$(free_port)
P2=$(free_port)
"$BIN" serve --db "$PG" --port "$P1" 2>"$WORK/s1.log" &
PIDS+=($!)
"$BIN" serve --db "$PG" --port "$P2" 2>"$WORK/s2.log" &
PIDS+=($!)
up() { for _ in $(seq 100); do curl -sf "http://127.0.0.1:$1/api/stories" >/dev/null && return 0; sleep 0.1; done; return 1; }
export -f up
check "both servers come up" bash -c "up $P1 && up $P2"
every_page() {
  local port=$1
  for id in $IDS; do
    curl -sf "http://127.0.0.1:$port/api/stories/$id" >/dev/null || { echo "api $id on $port"; return 1; }
    curl -sf "http://127.0.0.1:$port/s/$id" | grep -q '</html>' || { echo "page $id on $port"; return 1; }
  done
}
check "server 1 answers every page" every_page "$P1"
check "server 2 answers every page" every_page "$P2"
printf '{"id":"live-1","url":"https://live.example/quillfeather","title":"Quillfeather lighthouse reopens","text":"The Quillfeather lighthouse reopened on Tuesday after repairs, the harbour board said.","published":"2025-11-12T09:00:00Z","outlet":"Harbour Wire"}\n' >"$WORK/live.jsonl"
"$BIN" ingest --db "$PG" "$WORK/live.jsonl" --quiet
live() {
  for _ in $(seq 100); do
    curl -sf "http://127.0.0.1:$1/api/search?q=quillfeather" | grep -q "Quillfeather lighthouse reopens" && return 0
    sleep 0.1
  done
  return 1
}
check "server 1 sees a new article without a restart" live "$P1"
check "server 2 sees a new article without a restart" live "$P2"

# --- Scale-out: three workers, one assigner (and a standby), two servers --
# The newsroom split in three, each third read and extracted by its own
# worker process into the work queue, while the assigner takes the queue.
mkdir -p "$WORK/part0" "$WORK/part1" "$WORK/part2"
i=0
for f in "$SRC"/samples/newsroom/*.html; do cp "$f" "$WORK/part$((i % 3))/"; i=$((i + 1)); done
SC=$(newdb scale)
"$BIN" stories --db "$SC" >/dev/null  # creates the schema
# The assigner leaves the pages to two composer processes.
"$BIN" assign --no-compose --db "$SC" --follow --quiet 2>"$WORK/assign1.err" &
AS1=$!
PIDS+=($AS1)
for k in 0 1; do
  "$BIN" compose --db "$SC" --follow --poll-ms 50 >"$WORK/compose$k.out" 2>"$WORK/compose$k.err" &
  C[$k]=$!
  PIDS+=(${C[$k]})
done
for k in 0 1 2; do
  "$BIN" ingest --role worker --db "$SC" "$WORK/part$k" --quiet &
  W[$k]=$!
done
wfail=0
for k in 0 1 2; do wait "${W[$k]}" || wfail=1; done
check "three workers queue their thirds" test "$wfail" -eq 0
drained() { for _ in $(seq 200); do [ "$(sql "$1" 'SELECT COUNT(*) FROM article_queue')" = 0 ] && return 0; sleep 0.05; done; return 1; }
export -f drained
check "the assigner drains the queue" drained "$SC"
sleep 0.5  # the last batch is committed after the queue is empty
kill "$AS1"
wait "$AS1"
check "the assigner stops cleanly on SIGTERM" test $? -eq 0
clean() { for _ in $(seq 200); do [ "$(sql "$1" 'SELECT COUNT(*) FROM stories WHERE dirty')" = 0 ] && return 0; sleep 0.05; done; return 1; }
export -f clean
check "two composers leave no story dirty" clean "$SC"
cstat=0
for k in 0 1; do kill "${C[$k]}"; wait "${C[$k]}" || cstat=1; done
check "the composers stop cleanly on SIGTERM" test "$cstat" -eq 0
echo "postgres_test: composers wrote $(cat "$WORK/compose0.out") / $(cat "$WORK/compose1.out") of $(sql "$SC" 'SELECT COUNT(*) FROM stories') stories"
check "every story has its page" bash -c "test \$(sql '$SC' 'SELECT COUNT(*) FROM stories WHERE version = 0 AND article_count >= 2 AND outlet_count >= 2 AND published') -eq 0 && test \$(sql '$SC' 'SELECT COUNT(*) FROM stories WHERE published') -gt 5"
check "verify --all passes on the composers' pages" bash -c "'$BIN' verify --all --db '$SC' | grep -q 'traced to its source'"
# The assigner took the queue in pieces as the workers filled it, so story
# ids (named after a story's first article in arrival order) may differ
# from one process's; the grouping of articles must not: B-cubed F1 of the
# two partitions >= 0.99 (identical when the pieces fall the same way).
sqlite3 -separator '|' "$WORK/ref.db" 'SELECT url, story_id FROM articles' >"$WORK/ref.part"
sql "$SC" "SELECT url || '|' || story_id FROM articles" >"$WORK/sc.part"
b3() {
  python3 - "$1" "$2" <<'PY'
import sys
from collections import defaultdict
def load(p):
    return dict(l.rstrip("\n").rsplit("|", 1) for l in open(p) if "|" in l)
a, b = load(sys.argv[1]), load(sys.argv[2])
common = sorted(set(a) & set(b))
def members(m):
    g = defaultdict(set)
    for u in common: g[m[u]].add(u)
    return {u: g[m[u]] for u in common}
ma, mb = members(a), members(b)
p = sum(len(ma[u] & mb[u]) / len(mb[u]) for u in common) / len(common)
r = sum(len(ma[u] & mb[u]) / len(ma[u]) for u in common) / len(common)
f = 2 * p * r / (p + r)
print("postgres_test: workers+assigner vs one process: %d articles, B-cubed F1 %.4f" % (len(common), f))
sys.exit(0 if len(common) == len(a) == len(b) and f >= 0.99 else 1)
PY
}
check "workers + assigner group the articles as one process does (B-cubed F1 >= 0.99)" b3 "$WORK/ref.part" "$WORK/sc.part"
cat "$WORK/out"
check "no article lost or stored twice" bash -c "test \$(sql '$SC' 'SELECT COUNT(DISTINCT url) FROM articles') -eq $N && test \$(sql '$SC' 'SELECT COUNT(*) FROM articles') -eq $N"

# --- The assigner killed mid-stream: the standby takes over ----------------
mkdir -p "$WORK/many"
python3 "$SRC/tests/copies.py" "$SRC/samples/newsroom" "$WORK/many" 60 3
M=$(cat "$WORK"/many/*.jsonl | wc -l)
HA=$(newdb takeover)
"$BIN" ingest --db "$HA" "$SRC/samples/newsroom" --quiet
for k in 0 1 2; do "$BIN" ingest --role worker --db "$HA" "$WORK/many/stream$k.jsonl" --quiet & W[$k]=$!; done
for k in 0 1 2; do wait "${W[$k]}"; done
# wait_lock DB PID: until that process's session holds the writer lock (a
# busy machine may take seconds to start it; never a fixed sleep).
wait_lock() {
  for _ in $(seq 600); do
    [ "$(sql "$1" "SELECT COUNT(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid=l.pid WHERE l.locktype='advisory' AND l.granted AND a.application_name='storyline process $2'")" -ge 1 ] && return 0
    sleep 0.05
  done
  return 1
}
"$BIN" assign --db "$HA" --follow --quiet 2>"$WORK/a.err" &
A=$!
PIDS+=($A)
wait_lock "$HA" $A
"$BIN" assign --db "$HA" --follow 2>"$WORK/b.err" &
B=$!
PIDS+=($B)
# Mid-stream: the first assigner has stored some of the queue, not all. It
# is frozen (SIGSTOP) the moment that is seen, so the checks below, however
# slow on a busy machine, see it mid-stream; its session keeps the lock.
for _ in $(seq 500); do
  n=$(sql "$HA" 'SELECT COUNT(*) FROM articles')
  [ "$n" -gt "$N" ] && break
  sleep 0.01
done
kill -STOP $A
for _ in $(seq 300); do grep -q 'standing by' "$WORK/b.err" && break; sleep 0.1; done
holds() {  # holds PID: that process's session holds the writer lock
  test "$(sql "$HA" "SELECT COUNT(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid=l.pid WHERE l.locktype='advisory' AND l.granted AND a.application_name='storyline process $1'")" -ge 1
}
export HA
export -f holds
check "the first assigner holds the lock, the standby waits" bash -c "holds $A && ! holds $B && grep -q 'standing by: process $A is the assigner' '$WORK/b.err'"
left=$(sql "$HA" 'SELECT COUNT(*) FROM article_queue')
kill -9 $A
T0=$(date +%s.%N)
took=""
for _ in $(seq 100); do
  if holds "$B"; then took=$(echo "$(date +%s.%N) - $T0" | bc); break; fi
  sleep 0.05
done
echo "postgres_test: killed the assigner with $left of $M articles still queued; the standby took over ${took:-never} s later"
check "the assigner was killed mid-stream" bash -c "test $left -gt 0"
check "the standby takes over within 5 s" bash -c "test -n '$took' && test \$(echo '$took < 5' | bc) -eq 1"
check "the standby drains the queue" drained "$HA"
kill "$B"
wait "$B"
check "nothing lost: every article stored" bash -c "test \$(sql '$HA' 'SELECT COUNT(*) FROM articles') -eq $((N + M))"
check "nothing stored twice" bash -c "test \$(sql '$HA' 'SELECT COUNT(DISTINCT url) FROM articles') -eq $((N + M))"
check "verify --all passes after the takeover" bash -c "'$BIN' verify --all --db '$HA' | grep -q 'traced to its source'"

# --- ingest: a second writer waits for the first, then completes ----------
IW=$(newdb ingestwait)
"$BIN" ingest --db "$IW" "$WORK/many" --quiet 2>/dev/null &
I1=$!
wait_lock "$IW" $I1
check "a second ingest waits for the first and then completes" bash -c "'$BIN' ingest --db '$IW' '$SRC/samples/newsroom' 2>'$WORK/i2.err' | grep -q 'added' && grep -q 'waiting for process $I1' '$WORK/i2.err'"
wait $I1
check "both ingests stored everything once" bash -c "test \$(sql '$IW' 'SELECT COUNT(DISTINCT url) FROM articles') -eq $((N + M)) && test \$(sql '$IW' 'SELECT COUNT(*) FROM articles') -eq $((N + M))"

echo "postgres_test: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
