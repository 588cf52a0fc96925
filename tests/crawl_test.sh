#!/usr/bin/env bash
# The crawler against a real nginx (Debian) serving a fixture site we write
# (tests/crawl/make_site.py): feeds of every kind, robots.txt, redirects,
# a redirect loop, slow, huge and gzip-bomb pages, 304s on the second round,
# a host that hangs, the SSRF guard, WARC output replayed by ingest, and a
# daemon killed with -9 mid-crawl. Exit 77 (skipped) without nginx.
# Usage: crawl_test.sh STORYLINE_BINARY SOURCE_DIR
set -uo pipefail
SL=$1
SRC=$2
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
if [ ! -x "$NGINX" ]; then
  echo "crawl_test: SKIPPED - nginx not installed (scripts/install-deps installs it)"
  exit 77
fi
W=$(mktemp -d)
chmod 755 "$W"  # nginx workers run as nobody
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; rm -rf "$W"; }
trap cleanup EXIT
fails=0
check() {  # check DESCRIPTION CONDITION...
  local what=$1; shift
  if "$@"; then echo "ok   $what"; else echo "FAIL $what"; fails=$((fails + 1)); fi
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
q() { sqlite3 "$1" "$2"; }

python3 "$SRC/tests/crawl/make_site.py" "$W/site" 2000
PORT=$(free_port)
mkdir -p "$W/run/tmp"
sed -e "s#@ROOT@#$W/site#g" -e "s#@PORT@#$PORT#g" -e "s#@RUN@#$W/run#g" \
  "$SRC/tests/crawl/nginx.conf.in" > "$W/run/nginx.conf"
"$NGINX" -p "$W/run" -c "$W/run/nginx.conf" >"$W/run/start.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/robots.txt" >/dev/null && break; sleep 0.1; done
B="http://127.0.0.1:$PORT"
# A host that accepts connections and never answers.
HANG=$(free_port)
python3 -c "
import socket,time
s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1',$HANG)); s.listen(16); c=[]
while True: c.append(s.accept())" &
pids+=($!)
# A host whose chunked body never ends.
ENDLESS=$(free_port)
python3 -c "
import http.server
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    def log_message(self, *a): pass
    def do_GET(self):
        if self.path == '/robots.txt':
            self.send_response(404); self.send_header('Content-Length', '0'); self.end_headers(); return
        self.send_response(200)
        self.send_header('Content-Type', 'application/rss+xml')
        self.send_header('Transfer-Encoding', 'chunked'); self.end_headers()
        chunk = b'<item>' * 50000  # 300 KB: the budget is reached in a few writes, however busy the machine
        try:
            while True:
                self.wfile.write(b'%x\\r\\n%s\\r\\n' % (len(chunk), chunk))
        except Exception: pass
http.server.ThreadingHTTPServer(('127.0.0.1', $ENDLESS), H).serve_forever()" &
pids+=($!)
# Every fixture server answers before it is used (a busy machine starts
# them late): the hanging host accepts, the endless one serves robots.txt.
for _ in $(seq 100); do
  python3 -c "import socket; socket.create_connection(('127.0.0.1', $HANG), 1).close()" 2>/dev/null && break
  sleep 0.1
done
for _ in $(seq 100); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$ENDLESS/robots.txt")" = 404 ] && break
  sleep 0.1
done
printf '# fixture feeds\n%s\n%s\n%s\n%s\nhttp://127.0.0.1:%s/feed.xml\nhttp://127.0.0.1:%s/endless.xml\n' \
  "$B/feeds/main.xml" "$B/feeds/atom.xml" "$B/feeds/broken.xml" "$B/subs.opml" "$HANG" "$ENDLESS" > "$W/feeds.txt"
hits() { grep -c " GET $1 " "$W/run/access.log" || true; }

# SSRF guard: without --allow-private nothing on loopback is fetched.
: > "$W/run/access.log"
"$SL" crawl --once --quiet --db "$W/ssrf.db" --feeds "$W/feeds.txt" --timeout 2 >"$W/ssrf.out" 2>"$W/ssrf.err"
check "SSRF guard refuses loopback without --allow-private" \
  [ "$(q "$W/ssrf.db" 'SELECT COUNT(*) FROM articles')" = 0 ]
check "SSRF refusal says what to do" grep -q "allow-private" <(q "$W/ssrf.db" "SELECT last_status FROM crawl_feeds")
check "nothing reached nginx" [ ! -s "$W/run/access.log" ]
# The guard judges resolved addresses: a host name for loopback is refused too.
printf 'http://localhost:%s/feeds/main.xml\n' "$PORT" > "$W/dns.txt"
"$SL" crawl --once --quiet --db "$W/dns.db" --feeds "$W/dns.txt" --timeout 2 >/dev/null 2>&1
check "SSRF guard applies after DNS resolution (localhost)" \
  grep -q "private address" <(q "$W/dns.db" "SELECT last_status FROM crawl_feeds")

# Round 1 (with WARC output).
"$SL" crawl --once --allow-private --db "$W/c.db" --feeds "$W/feeds.txt" --timeout 2 \
  --warc-out "$W/warc" >"$W/r1.out" 2>"$W/r1.err"
cat "$W/r1.out"
check "round 1 exits 0" [ $? = 0 ]
n1=$(q "$W/c.db" 'SELECT COUNT(*) FROM articles')
check "every allowed article found exactly once (9 = a1..a9)" [ "$n1" = 9 ]
check "each allowed article fetched once" [ "$(hits /news/a1.html)" = 1 ]
check "disallowed page never fetched" [ "$(hits /private/p1.html)" = 0 ]
check "disallowed item recorded" grep -q robots <(q "$W/c.db" "SELECT detail FROM crawl_items WHERE url LIKE '%/private/%'")
check "redirect followed to the article" [ "$(q "$W/c.db" "SELECT COUNT(*) FROM articles WHERE url LIKE '%/news/a7.html'")" = 1 ]
check "redirect loop bounded and reported" grep -qi "redirect" <(q "$W/c.db" "SELECT detail FROM crawl_items WHERE url LIKE '%/loop/%'")
check "huge page refused at the budget" grep -q "over" <(q "$W/c.db" "SELECT detail FROM crawl_items WHERE url LIKE '%/huge/%'")
check "gzip bomb stopped at the budget" grep -q "over" <(q "$W/c.db" "SELECT detail FROM crawl_items WHERE url LIKE '%/bomb/%'")
check "slow page timed out, kept for retry" grep -qi "timeout\|timed out" <(q "$W/c.db" "SELECT detail FROM crawl_items WHERE url LIKE '%/slow/%'")
check "HTML served as a feed is reported" grep -q "HTML page" <(q "$W/c.db" "SELECT last_status FROM crawl_feeds WHERE url LIKE '%broken%'")
check "endless chunked body stopped at the budget" grep -q "over" <(q "$W/c.db" "SELECT last_status FROM crawl_feeds WHERE url LIKE '%:$ENDLESS/%'")
check "hanging host times out" grep -qi "timeout\|timed out" <(q "$W/c.db" "SELECT last_status FROM crawl_feeds WHERE url LIKE '%:$HANG/%'")
check "OPML subscription added its JSON feed" [ "$(q "$W/c.db" "SELECT COUNT(*) FROM crawl_feeds WHERE url LIKE '%extra.json'")" = 1 ]
check "a feed with news is polled sooner (900 s -> 450 s)" \
  [ "$(q "$W/c.db" "SELECT interval_s FROM crawl_feeds WHERE url LIKE '%/feeds/main.xml'")" = 450 ]
check "a feed without news is polled later (900 s -> 1350 s)" \
  [ "$(q "$W/c.db" "SELECT interval_s FROM crawl_feeds WHERE url LIKE '%/feeds/broken.xml'")" = 1350 ]
check "stories were composed" [ "$(q "$W/c.db" 'SELECT COUNT(*) FROM stories WHERE published=1')" -ge 1 ]

# Round 2: conditional requests, nothing refetched.
: > "$W/run/access.log.before"; cp "$W/run/access.log" "$W/run/access.log.before"
"$SL" crawl --once --allow-private --quiet --db "$W/c.db" --feeds "$W/feeds.txt" --timeout 2 >"$W/r2.out" 2>&1
cat "$W/r2.out" | head -1
check "round 2 sends conditional requests and gets 304" \
  grep -q '^304 GET /feeds/main.xml ' "$W/run/access.log"
check "round 2 fetches no article again" [ "$(hits /news/a1.html)" = 1 ]
check "round 2 adds nothing" [ "$(q "$W/c.db" 'SELECT COUNT(*) FROM articles')" = "$n1" ]

# WARC replay: ingest the archive into a fresh store: the same articles.
"$SL" ingest --quiet --db "$W/replay.db" "$W/warc" 2>"$W/replay.err"
check "WARC replay yields exactly the crawled articles" \
  [ "$(q "$W/replay.db" 'SELECT group_concat(id) FROM (SELECT id FROM articles ORDER BY id)')" = \
    "$(q "$W/c.db" 'SELECT group_concat(id) FROM (SELECT id FROM articles ORDER BY id)')" ]

# kill -9 mid-crawl, restart: nothing lost, nothing duplicated.
printf '%s\n' "$B/feeds/big-0.xml" "$B/feeds/big-1.xml" "$B/feeds/big-2.xml" "$B/feeds/big-3.xml" > "$W/big.txt"
"$SL" run --allow-private --db "$W/k.db" --feeds "$W/big.txt" >"$W/k1.out" 2>&1 &
kp=$!
for _ in $(seq 100); do
  n=$(q "$W/k.db" 'SELECT COUNT(*) FROM articles' 2>/dev/null || echo 0)
  [ "${n:-0}" -gt 100 ] && break
  sleep 0.05
done
kill -9 $kp; wait $kp 2>/dev/null
before=$(q "$W/k.db" 'SELECT COUNT(*) FROM articles')
echo "killed with $before of 2000 articles stored"
check "killed mid-crawl" [ "$before" -lt 2000 ]
"$SL" crawl --once --allow-private --quiet --db "$W/k.db" --feeds "$W/big.txt" >"$W/k2.out" 2>&1
check "after restart: all 2000 stored" [ "$(q "$W/k.db" 'SELECT COUNT(*) FROM articles')" = 2000 ]
check "no duplicates" [ "$(q "$W/k.db" 'SELECT COUNT(DISTINCT url) FROM articles')" = 2000 ]
check "no item left queued" [ "$(q "$W/k.db" "SELECT COUNT(*) FROM crawl_items WHERE state!='done'")" = 0 ]

# Scale-out: a worker polls the feeds, three fetch, one assigner stores;
# every article once, the same stories as the single crawler above.
"$SL" assign --db "$W/sc.db" --follow --quiet 2>"$W/as.err" &
ap=$!
# One worker round with the feeds: polls them (queues 2000 items), fetches
# its first claim and exits; three fetch-only workers share the rest.
"$SL" crawl --role worker --once --allow-private --quiet --db "$W/sc.db" --feeds "$W/big.txt" >"$W/w0.out" 2>&1
wps=()
for k in 1 2 3; do
  "$SL" crawl --role worker --allow-private --quiet --db "$W/sc.db" >"$W/w$k.out" 2>&1 &
  wps+=($!)
done
for _ in $(seq 600); do
  n=$(q "$W/sc.db" 'SELECT COUNT(*) FROM articles' 2>/dev/null || echo 0)
  [ "${n:-0}" -ge 2000 ] && break
  sleep 0.1
done
for p in "${wps[@]}"; do kill -TERM "$p"; wait "$p" 2>/dev/null; done
sleep 0.5
kill -TERM $ap; wait $ap
check "workers + assigner: all 2000 stored" [ "$(q "$W/sc.db" 'SELECT COUNT(*) FROM articles')" = 2000 ]
check "workers + assigner: no duplicates" [ "$(q "$W/sc.db" 'SELECT COUNT(DISTINCT url) FROM articles')" = 2000 ]
check "workers + assigner: every item settled, queue empty" [ "$(q "$W/sc.db" "SELECT COUNT(*) FROM crawl_items WHERE state!='done'")-$(q "$W/sc.db" 'SELECT COUNT(*) FROM article_queue')" = "0-0" ]
fetchers=0
for k in 1 2 3; do grep -qE "fetch round: .* [1-9][0-9]* fetched" "$W/w$k.out" && fetchers=$((fetchers + 1)); done
echo "fetch-only workers that fetched something: $fetchers of 3"; [ "$fetchers" -ge 2 ] || head -3 "$W"/w*.out
check "the items were shared among the workers" [ "$fetchers" -ge 2 ]

# The daemon: one log line per round, serves pages, SIGTERM exits cleanly.
WP=$(free_port)
"$SL" run --allow-private --db "$W/k.db" --feeds "$W/big.txt" --port "$WP" >"$W/d.out" 2>"$W/d.err" &
dp=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$WP/healthz" >/dev/null && break; sleep 0.1; done
check "daemon serves the web app" curl -sf "http://127.0.0.1:$WP/" -o /dev/null
for _ in $(seq 100); do grep -q "crawl round" "$W/d.out" && break; sleep 0.1; done
kill -TERM $dp; wait $dp; drc=$?
check "daemon exits 0 on SIGTERM" [ $drc = 0 ]
check "daemon logs a line per round" grep -q "crawl round:" "$W/d.out"
head -2 "$W/d.out"

# Feeds as data: the list lives in the store, `run` needs no --feeds and
# sees each change at its next round; /metrics counts the crawl.
F=$W/fd.db
"$SL" feeds add --db "$F" "$B/feeds/main.xml" >"$W/fa.out" 2>&1
check "feeds add" grep -q "added 1 feed" "$W/fa.out"
printf '<?xml version="1.0"?>\n<opml version="2.0"><body><outline text="f"><outline xmlUrl="%s"/></outline><outline xmlUrl="%s"/></body></opml>\n' \
  "$B/feeds/atom.xml" "$B/feeds/main.xml" > "$W/in.opml"
"$SL" feeds import --db "$F" "$W/in.opml" >"$W/fi.out" 2>&1
check "feeds import (nested outline; one already listed)" grep -q "added 1 feed (1 already listed)" "$W/fi.out"
"$SL" feeds add --db "$F" "$B/feeds/big-1.xml" "javascript:alert(1)" >"$W/fb.out" 2>&1; frc=$?
check "a malformed URL: exit 1, named, nothing added" \
  [ "$frc" = 1 ] && grep -q "javascript:alert(1)" "$W/fb.out" && [ "$(q "$F" 'SELECT COUNT(*) FROM crawl_feeds')" = 2 ]
printf '<rss><channel><title>x</title></channel></rss>\n' > "$W/not.opml"
"$SL" feeds import --db "$F" "$W/not.opml" >"$W/fn.out" 2>&1
check "invalid OPML: clear error, nothing changed" \
  grep -q "not an OPML file" "$W/fn.out" && [ "$(q "$F" 'SELECT COUNT(*) FROM crawl_feeds')" = 2 ]
"$SL" feeds export --db "$F" > "$W/out.opml"
check "feeds export lists both as OPML" [ "$(grep -c "xmlUrl=" "$W/out.opml")" = 2 ]
WP2=$(free_port)
"$SL" run --allow-private --db "$F" --port "$WP2" --min-poll 1 --timeout 2 --log-format json --admin-token t0ken >"$W/fd.out" 2>"$W/fd.err" &
fp=$!
for _ in $(seq 200); do grep -q "crawl round" "$W/fd.out" && break; sleep 0.1; done
"$SL" feeds list --db "$F" > "$W/fl.out"
cat "$W/fl.out"
check "feeds list shows the poll's status" grep -q "status ok (rss); [1-9][0-9]* polls" "$W/fl.out"
mval() { python3 - "$1" "$2" <<'PY'
import re, sys
text, series = open(sys.argv[1]).read(), sys.argv[2]
for line in text.splitlines():
    if line.startswith("#"): continue
    name, value = line.rsplit(" ", 1)
    if name == series: print(int(float(value))); break
else: print(-1)
PY
}
# The first rounds may only poll (robots.txt asks for a crawl delay):
# wait for the first fetched article.
for _ in $(seq 300); do
  curl -sf "http://127.0.0.1:$WP2/metrics" > "$W/m1.txt"
  [ "$(mval "$W/m1.txt" 'storyline_crawl_fetches_total{result="ok"}')" -ge 1 ] && break
  sleep 0.1
done
check "/metrics counts fetched articles" [ "$(mval "$W/m1.txt" 'storyline_crawl_fetches_total{result="ok"}')" -ge 1 ]
check "/metrics counts feed polls" [ "$(mval "$W/m1.txt" 'storyline_feed_polls_total{result="ok"}')" -ge 1 ]
check "/metrics counts stored articles" [ "$(mval "$W/m1.txt" 'storyline_articles_ingested_total{result="added"}')" -ge 1 ]
check "/metrics has the store's figures" [ "$(mval "$W/m1.txt" 'storyline_feeds')" = 2 ]
curl -sf "http://127.0.0.1:$WP2/healthz" > "$W/h.json"
check "/healthz: store ok, a recent poll" python3 -c "import json,sys; j=json.load(open('$W/h.json')); sys.exit(not (j['store']=='ok' and j['feeds']==2 and 0 <= j['last_poll_age_s'] < 60))"
check "the admin page needs the token" [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$WP2/admin/feeds")" = 401 ]
check "the admin page lists the feeds with their status" bash -c "curl -sf -H 'Authorization: Bearer t0ken' 'http://127.0.0.1:$WP2/admin/feeds' | grep -q 'feeds/main.xml'"
# Changes while it runs: one feed removed, one added.
"$SL" feeds remove --db "$F" "$B/feeds/main.xml" >/dev/null
"$SL" feeds add --db "$F" "$B/feeds/extra.json" >/dev/null
for _ in $(seq 600); do
  [ "$(q "$F" "SELECT polls FROM crawl_feeds WHERE url LIKE '%extra.json'")" -ge 1 ] 2>/dev/null && break
  sleep 0.1
done
check "the running daemon polls a feed added meanwhile" [ "$(q "$F" "SELECT polls FROM crawl_feeds WHERE url LIKE '%extra.json'")" -ge 1 ]
gone=$(hits /feeds/main.xml)
sleep 3
check "and stops polling the removed one" [ "$(hits /feeds/main.xml)" = "$gone" ]
curl -sf "http://127.0.0.1:$WP2/metrics" > "$W/m2.txt"
check "/metrics counters moved with the crawl" \
  [ "$(mval "$W/m2.txt" 'storyline_feed_polls_total{result="ok"}')" -gt "$(mval "$W/m1.txt" 'storyline_feed_polls_total{result="ok"}')" ]
kill -TERM $fp; wait $fp
check "--log-format json: every line one object with time, level, msg; rounds carry their figures" python3 -c "
import json, sys
lines = [l for f in ('$W/fd.out', '$W/fd.err') for l in open(f) if l.strip()]
objs = [json.loads(l) for l in lines]
assert all({'time', 'level', 'msg'} <= o.keys() for o in objs), objs[:3]
rounds = [o for o in objs if o.get('event') == 'crawl_round']
assert rounds and all(isinstance(o['fetched'], int) for o in rounds), rounds[:2]
assert any(o['level'] == 'info' for o in objs)
"

if [ $fails -ne 0 ]; then
  echo "crawl_test: $fails checks failed"; echo "--- round 1 stderr"; head -40 "$W/r1.err"; exit 1
fi
echo "crawl_test: all checks passed"
