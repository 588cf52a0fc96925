#!/usr/bin/env bash
# CLI tests: the storyline binary as a user runs it, on real files and a
# real SQLite database. Usage: cli_test.sh STORYLINE_BIN SOURCE_DIR
set -uo pipefail
BIN=$1
SRC=$2
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
source "$SRC/tests/check.sh"
DB=$WORK/t.db
N=$(ls "$SRC"/samples/newsroom/*.html | wc -l)

check "help lists every command" bash -c "'$BIN' --help | grep -q export-site && '$BIN' --help | grep -q timex"
check "command help" bash -c "'$BIN' ingest --help | grep -q 'usage: storyline ingest'"
check "unknown command fails" bash -c "! '$BIN' frobnicate 2>/dev/null"
check "unknown flag names the flag" bash -c "! '$BIN' stories --bogus 2>&1 | grep -q -- '--bogus' ; '$BIN' stories --bogus 2>&1 | grep -q 'unknown flag --bogus'"
check "ingest the newsroom" bash -c "'$BIN' ingest --db '$DB' '$SRC/samples/newsroom' | grep -q '$N added'"
check "re-ingest changes nothing" bash -c "'$BIN' ingest --db '$DB' '$SRC/samples/newsroom' | grep -q '0 added (0 copies), 0 updated, $N unchanged'"
check "every stored article is in the search index (written at commit)" bash -c "test \$(sqlite3 '$DB' 'SELECT COUNT(*) FROM articles_fts') -eq \$(sqlite3 '$DB' 'SELECT COUNT(*) FROM articles')"
check "ingest --stats names its stages" bash -c "'$BIN' ingest --db '$WORK/stats.db' '$SRC/samples/newsroom' --quiet --stats 2>&1 | grep -q 'stages: read+extract .* compose'"
check "stories as JSON" bash -c "'$BIN' stories --db '$DB' --format json | python3 -c 'import json,sys; s=json.load(sys.stdin); assert len(s) >= 12 and all(\"id\" in x for x in s)'"
ID=$("$BIN" stories --db "$DB" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
for f in text md json html; do
  check "show --format $f" bash -c "'$BIN' show '$ID' --db '$DB' --format $f | grep -qi 'sources'"
done
check "show json parses" bash -c "'$BIN' show '$ID' --db '$DB' --format json | python3 -c 'import json,sys; p=json.load(sys.stdin); assert p[\"sections\"] and p[\"sources\"]'"
check "show unknown story fails" bash -c "! '$BIN' show nosuchstory --db '$DB' 2>/dev/null"

check "verify --all passes" bash -c "'$BIN' verify --all --db '$DB' | grep -q 'traced to its source'"
check "verify --all on a store with no page says nothing was checked, and fails" bash -c "'$BIN' ingest --db '$WORK/nopage.db' '$SRC/samples/newsroom/$(ls "$SRC"/samples/newsroom | grep html | head -1)' --quiet; ! '$BIN' verify --all --db '$WORK/nopage.db' >'$WORK/v0' && grep -q 'nothing was checked' '$WORK/v0'"
check "export-site" bash -c "'$BIN' export-site --db '$DB' '$WORK/site' && test -f '$WORK/site/index.html' && ls '$WORK/site/s/' | grep -q html"

# A tampered page fails verification (the check can fail).
cp "$DB" "$WORK/tampered.db"
python3 - "$WORK/tampered.db" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
sid, version, page = db.execute("SELECT story_id, version, json FROM pages ORDER BY version DESC LIMIT 1").fetchone()
p = json.loads(page)
p["sections"][0]["sentences"][0]["text"] += " Officials denied everything."
db.execute("UPDATE pages SET json=? WHERE story_id=? AND version=?", (json.dumps(p), sid, version))
db.commit()
PY
check "verify catches a tampered sentence" bash -c "! '$BIN' verify --all --db '$WORK/tampered.db' | grep -q 'traced'; '$BIN' verify --all --db '$WORK/tampered.db' | grep -q FAIL"

# Bad input: the rest of the batch is ingested, each problem is named.
mkdir -p "$WORK/bad"
printf '' > "$WORK/bad/empty.html"
printf 'Title: Broken bytes\n\nThe text has \xff\xfe invalid bytes but the rest is fine and long enough.\n' > "$WORK/bad/invalid.txt"
printf '{"url":"https://z.example/1","title":"Good line","text":"A good article body about the harbour."}\n{broken\n' > "$WORK/bad/lines.jsonl"
head -c 52428800 /dev/zero | tr '\0' 'x' > "$WORK/bad/huge.html"
printf '<p>unreadable</p>' > "$WORK/bad/locked.html"
chmod 000 "$WORK/bad/locked.html"
GOOD=2
[ "$(id -u)" -eq 0 ] && GOOD=3  # root can read a mode-000 file
check "bad batch: ingests the good, names the bad, exit 0" bash -c "
  '$BIN' ingest --db '$WORK/bad.db' '$WORK/bad' > '$WORK/bad.out' 2> '$WORK/bad.err'
  rc=\$?
  test \$rc -eq 0 &&
  grep -q 'empty.html: invalid argument' '$WORK/bad.err' &&
  grep -q 'lines.jsonl:2: invalid argument: malformed JSON' '$WORK/bad.err' &&
  grep -q 'huge.html: resource exhausted' '$WORK/bad.err' &&
  grep -q '$GOOD added' '$WORK/bad.out'"
if [ "$(id -u)" -ne 0 ]; then
  check "unreadable file reported" grep -q 'locked.html' "$WORK/bad.err"
fi
# Two ingests at once into one database, each of half the newsroom: the
# second waits for the first (one writer per store) and then clusters with
# what the first stored, so the stories are those of one ingest of both
# halves in a row (compared as partitions: which half runs first decides
# the ids). Without the lock each process clusters its half alone: 24
# stories instead of 12.
mkdir -p "$WORK/half1" "$WORK/half2"
n=0
for f in "$SRC"/samples/newsroom/*.html; do
  n=$((n + 1))
  cp "$f" "$WORK/half$((n % 2 + 1))/"
done
"$BIN" ingest --db "$WORK/seq.db" "$WORK/half1" --quiet
"$BIN" ingest --db "$WORK/seq.db" "$WORK/half2" --quiet
"$BIN" ingest --db "$WORK/two.db" "$WORK/half1" --quiet 2>"$WORK/two-a.err" &
pa=$!
"$BIN" ingest --db "$WORK/two.db" "$WORK/half2" --quiet 2>"$WORK/two-b.err" &
pb=$!
wait $pa; ra=$?
wait $pb; rb=$?
check "two ingests at once: both exit 0" test "$ra$rb" = "00"
check "two ingests at once: the stories of one ingest" python3 - "$WORK/seq.db" "$WORK/two.db" <<'PY'
import sqlite3, sys
def partition(path):
    groups = {}
    for aid, sid in sqlite3.connect(path).execute("SELECT id, story_id FROM articles"):
        groups.setdefault(sid, []).append(aid)
    return sorted(sorted(v) for v in groups.values())
a, b = partition(sys.argv[1]), partition(sys.argv[2])
print(len(a), "stories in a row,", len(b), "at once")
sys.exit(0 if a == b else 1)
PY
# Numeric flags: a clear usage error (exit 2), never an abort.
for v in abc 1e23 -1 0 12x; do
  check "--max-file-bytes $v is a usage error" bash -c "'$BIN' ingest --db '$WORK/flags.db' --max-file-bytes '$v' '$WORK/bad' 2>'$WORK/flag.err'; test \$? -eq 2 && grep -q 'max-file-bytes takes a whole number' '$WORK/flag.err'"
done
check "serve --port 12x is a usage error" bash -c "'$BIN' serve --db '$WORK/flags.db' --port 12x 2>/dev/null; test \$? -eq 2"
check "serve --threads -1 is a usage error" bash -c "'$BIN' serve --db '$WORK/flags.db' --threads -1 2>/dev/null; test \$? -eq 2"
check "run --min-poll 0 and abc are usage errors" bash -c "echo http://127.0.0.1:9/f.xml > '$WORK/f.txt'; for v in 0 abc 1e9; do '$BIN' run --db '$WORK/flags.db' --feeds '$WORK/f.txt' --min-poll \$v 2>'$WORK/mp.err'; test \$? -eq 2 && grep -q 'min-poll takes' '$WORK/mp.err' || exit 1; done"
# A symlink loop and a dangling link in a folder: named, the rest read.
mkdir -p "$WORK/links"
cp "$SRC/samples/newsroom/$(ls "$SRC/samples/newsroom" | grep html | head -1)" "$WORK/links/good.html"
ln -s loop-b.html "$WORK/links/loop-a.html"
ln -s loop-a.html "$WORK/links/loop-b.html"
ln -s nowhere.html "$WORK/links/dangling.html"
check "symlink loop: named, the good file ingested, no abort" bash -c "
  '$BIN' ingest --db '$WORK/links.db' '$WORK/links' > '$WORK/links.out' 2> '$WORK/links.err'
  test \$? -eq 0 && grep -q '1 added' '$WORK/links.out' && grep -q 'loop-a.html' '$WORK/links.err'"
SMALL=$("$BIN" stories --db "$WORK/bad.db" --all --format json | python3 -c 'import json,sys; print([s["id"] for s in json.load(sys.stdin) if not s["published"]][0])')
check "show explains a story without enough evidence" bash -c "! '$BIN' show '$SMALL' --db '$WORK/bad.db' 2>'$WORK/small.err'; grep -q 'not enough evidence' '$WORK/small.err'"
check "nothing ingestible: exit 1" bash -c "! '$BIN' ingest --db '$WORK/none.db' '$WORK/does-not-exist' 2>/dev/null"
check "invalid UTF-8 stored as valid UTF-8" bash -c "python3 -c \"
import sqlite3; db = sqlite3.connect('$WORK/bad.db')
t = db.execute(\\\"SELECT text FROM articles WHERE title='Broken bytes'\\\").fetchone()[0]
assert '\\ufffd' in t
\""

# Work split across processes: three workers queue thirds of the newsroom,
# one assigner takes the queue; the stories are those of one ingest.
mkdir -p "$WORK/w0" "$WORK/w1" "$WORK/w2"
i=0
for f in "$SRC"/samples/newsroom/*.html; do cp "$f" "$WORK/w$((i % 3))/"; i=$((i + 1)); done
for k in 0 1 2; do "$BIN" ingest --role worker --db "$WORK/split.db" "$WORK/w$k" --quiet & done
wait
check "workers queue, nothing is assigned yet" bash -c "test \$(sqlite3 '$WORK/split.db' 'SELECT COUNT(*) FROM article_queue') -eq $N && test \$(sqlite3 '$WORK/split.db' 'SELECT COUNT(*) FROM articles') -eq 0"
check "assign drains the queue" bash -c "'$BIN' assign --db '$WORK/split.db' | grep -q 'assigned $N queued articles: $N added' && test \$(sqlite3 '$WORK/split.db' 'SELECT COUNT(*) FROM article_queue') -eq 0"
check "workers + assign give the stories of one ingest" bash -c "diff <('$BIN' stories --all --db '$DB') <('$BIN' stories --all --db '$WORK/split.db')"
# The same with the pages composed by two other processes.
for k in 0 1 2; do "$BIN" ingest --role worker --db "$WORK/split2.db" "$WORK/w$k" --quiet & done
wait
check "assign --no-compose stores and leaves the pages" bash -c "'$BIN' assign --no-compose --db '$WORK/split2.db' | grep -q '$N added; 0 pages published' && test \$(sqlite3 '$WORK/split2.db' 'SELECT COUNT(*) FROM stories WHERE dirty=1') -gt 0 && test \$(sqlite3 '$WORK/split2.db' 'SELECT COUNT(*) FROM pages') -eq 0"
"$BIN" compose --db "$WORK/split2.db" >"$WORK/compose1.out" &
"$BIN" compose --db "$WORK/split2.db" >"$WORK/compose2.out" &
wait
check "two composers compose every story once between them" bash -c "test \$(sqlite3 '$WORK/split2.db' 'SELECT COUNT(*) FROM stories WHERE dirty=1') -eq 0 && test \$(cat '$WORK/compose1.out' '$WORK/compose2.out' | awk '{n += \$2} END {print n}') -eq \$(sqlite3 '$WORK/split2.db' 'SELECT COUNT(*) FROM stories')"
check "composers give the pages of one ingest" bash -c "diff <('$BIN' stories --all --db '$DB') <('$BIN' stories --all --db '$WORK/split2.db') && ids=\$('$BIN' stories --db '$DB' --format json | python3 -c 'import json,sys; print(\" \".join(s[\"id\"] for s in json.load(sys.stdin)))') && test \$(echo \$ids | wc -w) -gt 5 && for id in \$ids; do cmp <('$BIN' show --format json --db '$DB' \$id) <('$BIN' show --format json --db '$WORK/split2.db' \$id) || exit 1; done"
check "verify --all passes on the composers' pages" "$BIN" verify --all --db "$WORK/split2.db"
check "ingest --role takes all or worker" bash -c "'$BIN' ingest --role boss --db '$WORK/x.db' '$SRC/samples/newsroom' 2>&1; test \$? -eq 2"
check "ingest --threads 1 gives the same stories" bash -c "'$BIN' ingest --threads 1 --quiet --db '$WORK/t1.db' '$SRC/samples/newsroom' && diff <('$BIN' stories --all --db '$DB') <('$BIN' stories --all --db '$WORK/t1.db')"

# kill -9 in the middle of an ingest leaves a consistent database that the
# next run completes.
mkdir -p "$WORK/many"
python3 "$SRC/tests/copies.py" "$SRC/samples/newsroom" "$WORK/many" 40
"$BIN" ingest --db "$WORK/kill.db" "$SRC/samples/newsroom" --quiet
"$BIN" ingest --db "$WORK/kill.db" "$WORK/many" --quiet &
PID=$!
sleep 0.7
kill -9 $PID 2>/dev/null
wait $PID 2>/dev/null
check "killed ingest leaves an intact database" bash -c "sqlite3 '$WORK/kill.db' 'PRAGMA integrity_check' | grep -qx ok"
check "earlier articles survive the kill" bash -c "test \$(sqlite3 '$WORK/kill.db' 'SELECT COUNT(*) FROM articles') -ge $N"
check "the next ingest completes" bash -c "'$BIN' ingest --db '$WORK/kill.db' '$WORK/many' --quiet && test \$(sqlite3 '$WORK/kill.db' 'SELECT COUNT(*) FROM articles') -eq \$(( $N + 2000 ))"
check "verify after recovery" bash -c "'$BIN' verify --all --db '$WORK/kill.db' | grep -q traced"

# Evaluation entry points.
check "extract --json" bash -c "'$BIN' extract '$SRC/samples/newsroom/'\$(ls '$SRC/samples/newsroom' | grep html | head -1) --json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d[\"title\"] and d[\"text\"] and d[\"published\"] and d[\"page_type\"]==\"article\"'"
check "extract --explain lists the page-type features" bash -c "'$BIN' extract '$SRC/samples/newsroom/'\$(ls '$SRC/samples/newsroom' | grep html | head -1) --json --explain | python3 -c 'import json,sys; f=json.load(sys.stdin)[\"page_type_features\"]; assert len(f)==27 and f[\"log_text\"]>0, f'"
check "timex" bash -c "echo 'They met on Tuesday.' | '$BIN' timex --dct 2025-12-04 | grep -q '\"value\":\"2025-12-02\"'"
check "timex rejects a bad dct" bash -c "! echo x | '$BIN' timex --dct yesterday 2>/dev/null"
printf '{"id":"1","title":"Port strike in Valmera","text":"Dockworkers at the Port of Valmera walked out over pay.","time":"2025-10-07T10:00:00Z"}\n{"id":"2","title":"Valmera port strike","text":"Dockworkers at Valmera port strike over pay and shifts.","time":"2025-10-07T11:00:00Z"}\n{"id":"3","title":"Aurelia probe launched","text":"The Boreal Space Agency launched the Aurelia probe to Enceladus.","time":"2025-10-07T12:00:00Z"}\n' > "$WORK/c.jsonl"
check "cluster" bash -c "'$BIN' cluster --input '$WORK/c.jsonl' --out '$WORK/c.tsv' && test \$(wc -l < '$WORK/c.tsv') -eq 3 && test \$(cut -f2 '$WORK/c.tsv' | sort -u | wc -l) -eq 2"
check "cluster --sorted streams the same assignment" bash -c "'$BIN' cluster --input '$WORK/c.jsonl' --out '$WORK/cs.tsv' --sorted --stats 2>'$WORK/cs.err' && cmp '$WORK/c.tsv' '$WORK/cs.tsv' && grep -q 'peak RSS' '$WORK/cs.err'"
check "cluster writes a fourth column: news 1 or 0" bash -c "test \$(cut -f4 '$WORK/c.tsv' | grep -cx '[01]') -eq 3 && test \$(cut -f5 '$WORK/c.tsv' | tr -d '\\n' | wc -c) -eq 0"
tac "$WORK/c.jsonl" > "$WORK/c-rev.jsonl"
check "cluster --sorted refuses a stream out of time order" bash -c "! '$BIN' cluster --input '$WORK/c-rev.jsonl' --out '$WORK/cr.tsv' --sorted 2>'$WORK/cr.err' && grep -q 'out of time order' '$WORK/cr.err'"
check "cluster rejects a non-numeric knob" bash -c "'$BIN' cluster --input '$WORK/c.jsonl' --out '$WORK/cx.tsv' --event-threshold abc 2>/dev/null; test \$? -eq 2"

printf '{"url":"https://a.example/1","title":"Port strike","published":"2025-10-09T10:00:00Z","text":"Dockworkers at the Port of Valmera walked off the job on Tuesday over pay and shifts."}\n{"url":"https://b.example/1","title":"Strike talks","published":"2025-10-17T10:00:00Z","text":"Talks to end the strike collapsed on Thursday after 14 hours of negotiations."}\n' > "$WORK/t.jsonl"
check "timeline prints verbatim dated entries" bash -c "'$BIN' timeline --input '$WORK/t.jsonl' | python3 -c '
import json,sys
d=json.load(sys.stdin)
assert [e[\"date\"] for e in d]==[\"2025-10-07\",\"2025-10-16\"], d
src=open(\"$WORK/t.jsonl\").read()
assert all(e[\"text\"] in src for e in d)
'"

check "timeline: a bad number is a usage error (exit 2), not a crash" bash -c "'$BIN' timeline --input '$WORK/t.jsonl' --max-dates 3x 2>/dev/null; test \$? -eq 2"
check "timeline --max-dates 1 keeps one date" bash -c "'$BIN' timeline --input '$WORK/t.jsonl' --max-dates 1 | python3 -c 'import json,sys; assert len(json.load(sys.stdin))==1'"
check "stories: a bad --limit is a usage error" bash -c "'$BIN' stories --db '$DB' --limit abc 2>/dev/null; test \$? -eq 2"

check "page composes and verifies a JSONL story" bash -c "'$BIN' page --input '$WORK/t.jsonl' --format json --verify 2>'$WORK/page.err' | python3 -c '
import json,sys
p=json.load(sys.stdin)
assert p[\"article_count\"]==2 and p[\"sections\"], p
' && grep -q 'verified: 0 problems' '$WORK/page.err'"
check "page refuses an unknown format" bash -c "! '$BIN' page --input '$WORK/t.jsonl' --format pdf 2>/dev/null"

check "the starter feed list imports (19 feeds, several languages)" bash -c "'$BIN' feeds import --db '$WORK/feeds.db' '$SRC/samples/starter-feeds.opml' | grep -q 'added 19 feeds' && test \$('$BIN' feeds list --db '$WORK/feeds.db' --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))') = 19"
check "backup copies a store in use; never overwrites" bash -c "'$BIN' backup --db '$DB' '$WORK/copy.db' >/dev/null && test \$('$BIN' stories --db '$WORK/copy.db' | wc -l) = \$('$BIN' stories --db '$DB' | wc -l) && ! '$BIN' backup --db '$DB' '$WORK/copy.db' 2>/dev/null"

# Retention: whole old stories go, the rest still verifies.
check "prune refuses a short horizon (exit 2)" bash -c "'$BIN' prune --db '$WORK/copy.db' --older-than 30d 2>/dev/null; test \$? = 2"
# The newsroom's stories end between 2025-11-03 and 2025-11-28: a cutoff at
# 2025-11-19, however long ago that is today, keeps some and removes some.
DAYS=$(( ( $(date +%s) - $(date -d 2025-11-19T12:00:00Z +%s) ) / 86400 ))
check "prune removes whole old stories; every page left verifies" bash -c "before=\$('$BIN' stories --db '$WORK/copy.db' --all | wc -l) && '$BIN' prune --db '$WORK/copy.db' --older-than ${DAYS}d | grep -q 'removed [1-9][0-9]* stories' && after=\$('$BIN' stories --db '$WORK/copy.db' --all | wc -l) && test \$after -lt \$before && test \$after -gt 0 && '$BIN' verify --all --db '$WORK/copy.db' >/dev/null"
check "prune with nothing that old removes nothing" bash -c "'$BIN' prune --db '$WORK/copy.db' --older-than 36500d | grep -q 'removed 0 stories'"

# The configuration file: every setting documented, bad files refused with
# line numbers, flags override the file.
check "docs/configuration.md holds 'config keys' verbatim" bash -c "'$BIN' config keys > '$WORK/keys.md' && python3 -c 'import sys; sys.exit(open(sys.argv[1]).read() not in open(sys.argv[2]).read())' '$WORK/keys.md' '$SRC/docs/configuration.md'"
check "the packaged configuration passes config check" bash -c "'$BIN' config check '$SRC/packaging/storyline.toml' | grep -q ': ok, '"
printf '[store]\ndb = 5\n[crawl]\nmax_per_host = 0\nbogus = 1\n[nope]\nx = 1\n' > "$WORK/bad.toml"
check "config check: each problem with its line, exit 1" bash -c "'$BIN' config check '$WORK/bad.toml' 2> '$WORK/bad.err'; test \$? = 1 && grep -q 'bad.toml:2:6: store.db must be a string' '$WORK/bad.err' && grep -q 'bad.toml:4:16: crawl.max_per_host must be between 1 and 1000' '$WORK/bad.err' && grep -q \"bad.toml:5:1: unknown key 'bogus'\" '$WORK/bad.err' && grep -q \"bad.toml:6:2: unknown section or key 'nope'\" '$WORK/bad.err'"
printf '[store]\ndb = \n' > "$WORK/syntax.toml"
check "config check: a syntax error with its line" bash -c "'$BIN' config check '$WORK/syntax.toml' 2>&1 | grep -q 'syntax.toml:2:'"
check "run refuses a bad file before doing anything (exit 2)" bash -c "'$BIN' run --config '$WORK/bad.toml' 2>/dev/null; test \$? = 2"
printf '[store]\ndb = \"%s\"\n' "$WORK/from-file.db" > "$WORK/db.toml"
check "a flag overrides the file" bash -c "'$BIN' crawl --config '$WORK/db.toml' --db '$WORK/from-flag.db' --once --quiet 2>/dev/null; test -e '$WORK/from-flag.db' && test ! -e '$WORK/from-file.db'"
check "the file's setting applies without the flag" bash -c "'$BIN' crawl --config '$WORK/db.toml' --once --quiet 2>/dev/null; test -e '$WORK/from-file.db'"

echo "$pass passed, $fail failed"
test "$fail" -eq 0
