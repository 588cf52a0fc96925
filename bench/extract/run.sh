#!/usr/bin/env bash
# Extraction speed on the wcxb-dev pages: storyline's extractor and Mozilla
# Readability 0.6 (on linkedom, npm-installed into the git-ignored
# bench/extract/node_modules on first use) over the same decompressed pages,
# one core each (taskset), pages read into memory before the clock starts.
# Usage: run.sh BUILD_DIR OUT_DIR
set -uo pipefail
BUILD=$1
OUT=$2
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE=$ROOT/bench/extract
DATA=${STORYLINE_DATA:-$ROOT/../shared/data}
WC=$DATA/extraction/wcxb-dev/html
if [ ! -d "$WC" ]; then
  echo "(../shared/data/extraction/wcxb-dev not present: extraction speed benchmark skipped)"
  exit 0
fi
PAGES=$OUT/wcxb-html
if [ ! -d "$PAGES" ] || [ "$(ls "$PAGES" | wc -l)" -ne "$(ls "$WC" | wc -l)" ]; then
  mkdir -p "$PAGES"
  for gz in "$WC"/*.html.gz; do
    gzip -dc "$gz" > "$PAGES/$(basename "$gz" .gz)"
  done
fi
report() {  # name bytes secs pages failed
  printf '%-22s %8.2f MB/s  %8.1f pages/s  (%d pages, %d MB, %d without a result)\n' \
    "$1" "$(echo "$2 / 1048576 / $3" | bc -l)" "$(echo "$4 / $3" | bc -l)" "$4" \
    "$(( $2 / 1048576 ))" "$5"
}
read -r b s n f slow mem < <(taskset -c 0 "$ROOT/$BUILD/storyline_extract_speed" "$PAGES")
report storyline "$b" "$s" "$n" "$f"
printf '%-22s slowest page %.1f ms, working memory (peak RSS growth) %.1f MB\n' "" "$slow" "$mem"
ours_pps=$(echo "$n / $s" | bc -l)
ours_mbs=$(echo "$b / 1048576 / $s" | bc -l)
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "(node/npm not installed: Readability side skipped; apt install nodejs npm)"
  exit 0
fi
if [ ! -d "$HERE/node_modules/@mozilla/readability" ]; then
  (cd "$HERE" && npm install --no-audit --no-fund --silent >/dev/null 2>&1) || {
    echo "(npm install failed: Readability side skipped)"
    exit 0
  }
fi
read -r b2 s2 n2 f2 < <(taskset -c 0 node "$HERE/readability_speed.mjs" "$PAGES")
report "Readability+linkedom" "$b2" "$s2" "$n2" "$f2"
printf 'ratio storyline / Readability: %.1fx pages/s, %.1fx MB/s  (targets: >= 10x pages/s, >= 50 MB/s)\n' \
  "$(echo "$ours_pps / ($n2 / $s2)" | bc -l)" "$(echo "$ours_mbs / ($b2 / 1048576 / $s2)" | bc -l)"
