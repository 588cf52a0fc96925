#!/usr/bin/env bash
# Crawl benchmark (part of `make bench`): `storyline crawl --once` against
# nginx serving the fixture site (tests/crawl/make_site.py) with N article
# pages (default 10,000), per-host limits lifted. Prints pages/s end to end
# (fetch, extract, dedupe, cluster, store, compose) and resident memory
# sampled over the run.
# usage: run_crawl.sh BUILD_DIR OUT_DIR
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SL=$ROOT/$1/storyline
mkdir -p "$2/crawl"; OUT=$(cd "$2/crawl" && pwd)
N=${CRAWL_PAGES:-10000}
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || { echo "(crawl benchmark skipped: nginx missing)"; exit 0; }
chmod 755 "$OUT"
rm -rf "$OUT/site" "$OUT/run" "$OUT"/c.db*
python3 "$ROOT/tests/crawl/make_site.py" "$OUT/site" "$N"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$OUT/run/tmp"
sed -e "s#@ROOT@#$OUT/site#g" -e "s#@PORT@#$PORT#g" -e "s#@RUN@#$OUT/run#g" \
  -e "s#access_log .*crawl;#access_log off;#" "$ROOT/tests/crawl/nginx.conf.in" > "$OUT/run/nginx.conf"
"$NGINX" -p "$OUT/run" -c "$OUT/run/nginx.conf" >"$OUT/run/start.log" 2>&1 &
ng=$!
trap 'kill $ng 2>/dev/null; wait $ng 2>/dev/null' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/robots.txt" >/dev/null && break; sleep 0.1; done
: > "$OUT/feeds.txt"
for ((p = 0; p * 500 < N; p++)); do echo "http://127.0.0.1:$PORT/feeds/big-$p.xml" >> "$OUT/feeds.txt"; done
/usr/bin/time -f '%e %M' -o "$OUT/time" "$SL" crawl --once --quiet --allow-private \
  --max-per-host 0 --max-connections 64 --db "$OUT/c.db" --feeds "$OUT/feeds.txt" \
  >"$OUT/crawl.out" 2>"$OUT/crawl.err" &
cp=$!
: > "$OUT/rss.txt"
while kill -0 $cp 2>/dev/null; do
  pid=$(pgrep -P $cp storyline || true)
  [ -n "$pid" ] && awk '/VmRSS/ {print $2}' /proc/$pid/status >> "$OUT/rss.txt" 2>/dev/null
  sleep 0.5
done
wait $cp
read -r secs kb < "$OUT/time"
n=$(sqlite3 "$OUT/c.db" 'SELECT COUNT(*) FROM articles')
cat "$OUT/crawl.out"
printf 'crawl: %d pages fetched and ingested in %.1f s = %.0f pages/s; peak RSS %.0f MB\n' \
  "$n" "$secs" "$(echo "$n / $secs" | bc -l)" "$(echo "$kb / 1024" | bc -l)"
if [ -s "$OUT/rss.txt" ]; then
  awk '{v[NR]=$1} END {h=int(NR/2); if (h<1) h=1; mn=1e18; mx=0; for (i=h;i<=NR;i++){if(v[i]<mn)mn=v[i]; if(v[i]>mx)mx=v[i]};
       printf "memory over the run: %d samples, first %.0f MB, second half %.0f-%.0f MB, last %.0f MB\n", NR, v[1]/1024, mn/1024, mx/1024, v[NR]/1024}' "$OUT/rss.txt"
fi
