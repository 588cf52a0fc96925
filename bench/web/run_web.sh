#!/usr/bin/env bash
# The web benchmark (part of `make bench`):
#  1. wrk on loopback against a story page of a 100-article story and the
#     front page served by `storyline serve`, and the same two pages saved
#     as static files served by nginx (Debian), in the same run.
#  2. Search latency over a database of >= 100,000 articles, made by
#     replaying ../shared/data/stream (or the sample newsroom when absent).
# usage: run_web.sh BUILD_DIR OUT_DIR
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$1
mkdir -p "$2/web"; OUT=$(cd "$2/web" && pwd)
SL=$ROOT/$BUILD/storyline
WB=$ROOT/$BUILD/storyline_web_bench
DATA=${STORYLINE_DATA:-$ROOT/../shared/data}
DURATION=${WEB_BENCH_SECONDS:-10}
SEARCH_ARTICLES=${SEARCH_ARTICLES:-100000}
mkdir -p "$OUT/www/s"

for tool in wrk nginx curl; do
  command -v $tool >/dev/null || [ -x /usr/sbin/$tool ] || {
    echo "(web benchmark skipped: $tool missing; scripts/install-deps installs it)"; exit 0; }
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; }
trap cleanup EXIT

# A store with the sample newsroom and one 100-article story.
python3 "$ROOT/bench/web/gen_story.py" 100 "$OUT/story100.jsonl"
rm -f "$OUT/web.db"*
"$SL" ingest --quiet --db "$OUT/web.db" "$ROOT/samples/newsroom" "$OUT/story100.jsonl" || exit 1
story=$(sqlite3 "$OUT/web.db" "SELECT id FROM stories WHERE published=1 AND article_count>=100 ORDER BY article_count DESC LIMIT 1")
if [ -z "$story" ]; then echo "web bench: no 100-article story was formed"; exit 1; fi

port=$(free_port)
"$SL" serve --db "$OUT/web.db" --port "$port" 2>"$OUT/serve.log" &
pids+=($!)
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$port/s/$story" -o "$OUT/www/s/$story.html" || exit 1
curl -sf "http://127.0.0.1:$port/" -o "$OUT/www/index.html" || exit 1

# nginx serving the same bytes as static files.
nport=$(free_port)
mkdir -p "$OUT/nginx/logs"
cat > "$OUT/nginx/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $OUT/nginx/nginx.pid;
error_log $OUT/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  keepalive_requests 1000;
  types { text/html html; }
  server {
    listen 127.0.0.1:$nport;
    root $OUT/www;
    location = / { try_files /index.html =404; }
    location /s/ { try_files \$uri.html =404; }
  }
}
CONF
"$NGINX" -p "$OUT/nginx" -c "$OUT/nginx/nginx.conf" 2>"$OUT/nginx/logs/start.log" &
pids+=($!)
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$nport/" >/dev/null && break; sleep 0.1; done
if ! cmp -s <(curl -s "http://127.0.0.1:$nport/s/$story") "$OUT/www/s/$story.html"; then
  echo "web bench: nginx does not serve the saved page"; cat "$OUT/nginx/logs/"*; exit 1
fi

# wrk_run NAME URL CONNECTIONS -> "rps p99_ms"
wrk_run() {
  local out
  out=$(wrk -t2 -c"$3" -d"${DURATION}s" --latency "$2" 2>&1)
  echo "$out" > "$OUT/wrk-$1.txt"
  local rps p99
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}')
  echo "$rps $p99"
}
size=$(stat -c %s "$OUT/www/s/$story.html")
echo "wrk -t2 -d${DURATION}s on loopback (2 cores shared by client and server); story page $((size / 1024)) KB, 100 articles"
printf '%-8s %5s %12s %10s %12s %10s %8s\n' page conns "storyline/s" "p99 ms" "nginx/s" "p99 ms" "ratio"
for conns in 32 8; do
  for target in "story:/s/$story" "front:/"; do
    name=${target%%:*}; path=${target#*:}
    read -r s_rps s_p99 < <(wrk_run "$name-c$conns-storyline" "http://127.0.0.1:$port$path" "$conns")
    read -r n_rps n_p99 < <(wrk_run "$name-c$conns-nginx" "http://127.0.0.1:$nport$path" "$conns")
    printf '%-8s %5d %12.0f %10.2f %12.0f %10.2f %7.0f%%\n' "$name" "$conns" "$s_rps" "$s_p99" \
      "$n_rps" "$n_p99" "$(echo "100 * $s_rps / $n_rps" | bc -l)"
  done
done
cleanup; pids=()

# Search over >= 100,000 articles.
src="$ROOT/samples/newsroom"
[ -d "$DATA/stream/tgcontest-r1-sample" ] && src="$DATA/stream/tgcontest-r1-sample"
rm -f "$OUT/search.db"*
"$WB" fill --db "$OUT/search.db" --n "$SEARCH_ARTICLES" "$src" || exit 1
sport=$(free_port)
"$SL" serve --db "$OUT/search.db" --port "$sport" 2>"$OUT/serve-search.log" &
pids+=($!)
for _ in $(seq 300); do curl -sf "http://127.0.0.1:$sport/healthz" >/dev/null && break; sleep 0.1; done
echo "search texts replayed from: $src"
"$WB" search --db "$OUT/search.db" --port "$sport" --queries 500
