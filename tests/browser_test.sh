#!/usr/bin/env bash
# Browser tests: builds a database from the sample newsroom and the server
# fixtures, starts `storyline serve` on a free loopback port and runs
# tests/browser/run.mjs (Playwright + axe-core in Debian's Chromium).
# Screenshots go to test-output/. Exit 77 (skipped) when Chromium, Node or
# the npm packages are unavailable.
# Usage: browser_test.sh STORYLINE_BINARY SOURCE_DIR
set -uo pipefail
bin=$1
src=$2
out="$src/test-output"
here="$src/tests/browser"

if ! command -v node >/dev/null || [ ! -x /usr/bin/chromium ]; then
  echo "browser_test: SKIPPED - needs node and /usr/bin/chromium (scripts/install-deps installs them)"
  exit 77
fi
if [ ! -d "$here/node_modules/playwright-core" ] || [ ! -d "$here/node_modules/axe-core" ]; then
  if ! (cd "$here" && npm ci --no-audit --no-fund --silent >/dev/null 2>&1); then
    echo "browser_test: SKIPPED - could not install playwright-core and axe-core from the npm registry"
    exit 77
  fi
fi

work=$(mktemp -d)
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
"$bin" ingest --quiet --db "$work/b.db" "$src/samples/newsroom" "$src/src/server/testdata" || exit 1
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin" serve --db "$work/b.db" --port "$port" 2>"$work/serve.log" &
server=$!
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break
  sleep 0.1
done
mkdir -p "$out"
node "$here/run.mjs" "http://127.0.0.1:$port" "$out"
rc=$?
kill -TERM $server
wait $server
src_rc=$?
if [ $src_rc -ne 0 ]; then
  echo "browser_test: server exited with $src_rc after SIGTERM"; cat "$work/serve.log"; rc=1
fi
exit $rc
