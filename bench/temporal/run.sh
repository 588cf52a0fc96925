#!/usr/bin/env bash
# Tagging speed on the TimeBank/AQUAINT texts: storyline's tagger and
# chrono-node side by side, one core each, same texts and reference dates.
# chrono-node is installed by npm into bench/temporal/node_modules
# (git-ignored) on first use. Usage: run.sh BUILD_DIR OUT_DIR
set -uo pipefail
BUILD=$1
OUT=$2
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE=$ROOT/bench/temporal
DATA=${STORYLINE_DATA:-$ROOT/../shared/data}
TB=$DATA/temporal/tbaq
if [ ! -d "$TB" ]; then
  echo "(../shared/data/temporal/tbaq not present: tagging speed benchmark skipped)"
  exit 0
fi
TEXTS=$OUT/tbaq-texts
mkdir -p "$TEXTS"
for tml in $(find "$TB" -name '*.tml'); do
  stem=$(basename "$tml" .tml)
  [ -s "$TEXTS/$stem.dct" ] && continue
  "$ROOT/$BUILD/storyline-score" tml-text "$tml" "$TEXTS/$stem.txt" > "$TEXTS/$stem.dct" || rm -f "$TEXTS/$stem.dct"
done
read -r ours chars found files < <(taskset -c 0 "$ROOT/$BUILD/storyline_tag_speed" "$TEXTS")
printf '%-14s %12.2f M chars/s  (%d files, %d chars, %d expressions)\n' storyline \
  "$(echo "$ours / 1000000" | bc -l)" "$files" "$chars" "$found"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "(node/npm not installed: chrono-node side skipped; apt install nodejs npm)"
  exit 0
fi
if [ ! -d "$HERE/node_modules/chrono-node" ]; then
  (cd "$HERE" && npm install --no-audit --no-fund --silent >/dev/null 2>&1) ||
    { echo "(npm could not install chrono-node: side-by-side skipped)"; exit 0; }
fi
read -r theirs tchars tfound tfiles < <(taskset -c 0 node "$HERE/chrono_speed.mjs" "$TEXTS")
printf '%-14s %12.2f M chars/s  (%d files, %d chars, %d expressions)\n' chrono-node \
  "$(echo "$theirs / 1000000" | bc -l)" "$tfiles" "$tchars" "$tfound"
printf 'ratio storyline / chrono-node: %.1fx  (target: storyline >= 5 M chars/s)\n' \
  "$(echo "$ours / $theirs" | bc -l)"
