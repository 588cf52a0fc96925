#!/usr/bin/env python3
"""Writes the clustering dev sets replayed as one time-ordered stream.

usage: make_replay.py DATA_DIR N OUT.jsonl

The base stream is every article of every DATA_DIR/*/eval.jsonl (19,687 in
the dev sets), ordered by its own time where it has one, spread evenly over
a 20-day block. Replay r (r = 0, 1, ...) is that block shifted by r x 20
days, with every word of 3+ letters given a suffix naming r mod 8
("Harbor" -> "Harborqc"), so nearby replays neither share events nor look
like copies of each other, while names stay capitalised and numbers stay
numbers. Stops at N articles.
"""
import datetime
import glob
import json
import os
import re
import sys

BLOCK = 20 * 86400
VARIANTS = 8
WORD = re.compile(r"[A-Za-z]{3,}")


def base_articles(data_dir):
    arts = []
    for path in sorted(glob.glob(os.path.join(data_dir, "*", "eval.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for i, line in enumerate(f):
                r = json.loads(line)
                arts.append((r.get("time") or "", path, i, r))
    arts.sort(key=lambda x: (x[0], x[1], x[2]))
    return [a[3] for a in arts]


def main():
    data_dir, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    base = base_articles(data_dir)
    if not base:
        sys.exit("no */eval.jsonl under " + data_dir)
    t0 = int(datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc).timestamp())
    step = BLOCK / len(base)
    written = 0
    with open(out + ".tmp", "w", encoding="utf-8") as f:
        r = 0
        while written < n:
            # Eight spellings in turn: replays r and r + 8 share words but are
            # 160 days apart, beyond every window (events 5 days, stories 60,
            # copies 30), so the vocabulary stays that of eight replays.
            variant = r % VARIANTS
            suffix = "q" + chr(97 + variant)
            mutate = (lambda s: s) if variant == 0 else (
                lambda s: WORD.sub(lambda m: m.group(0) + suffix, s))
            for i, a in enumerate(base):
                if written >= n:
                    break
                t = t0 + r * BLOCK + int(i * step)
                rec = {
                    "id": "r%d-%s" % (r, a.get("id", i)),
                    "time": datetime.datetime.fromtimestamp(
                        t, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "lang": a.get("lang") or "en",
                    "title": mutate(a.get("title") or ""),
                    "text": mutate(a.get("text") or ""),
                }
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
                written += 1
            r += 1
    os.replace(out + ".tmp", out)


if __name__ == "__main__":
    main()
