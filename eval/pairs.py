#!/usr/bin/env python3
"""Pair accuracy for the tgcontest "same story?" pools (Toloka TSV files).

prepare POOL.tsv OUT.jsonl OUT.pairs  - unique texts as a JSONL stream for
                                        `storyline cluster`, and the pairs
score OUT.pairs PRED.tsv              - prints "accuracy<TAB>pairs"

A pair is predicted "same story" when both of its texts are in the same
predicted event; gold is GOLDEN:quality == OK. Pairs whose label is missing
are skipped.
"""
import csv
import json
import sys

csv.field_size_limit(1 << 30)


def prepare(pool, out_jsonl, out_pairs):
    ids = {}
    with open(pool, encoding="utf-8") as f, open(out_jsonl, "w", encoding="utf-8") as j, \
            open(out_pairs, "w", encoding="utf-8") as p:
        for row in csv.DictReader(f, delimiter="\t"):
            label = (row.get("GOLDEN:quality") or "").strip()
            if label not in ("OK", "BAD"):
                continue
            pair = []
            for side in ("first", "second"):
                url = row.get("INPUT:%s_url" % side, "")
                if url not in ids:
                    ids[url] = str(len(ids))
                    j.write(json.dumps({"id": ids[url], "url": url,
                                        "title": row.get("INPUT:%s_title" % side, ""),
                                        "text": row.get("INPUT:%s_text" % side, "")},
                                       ensure_ascii=False) + "\n")
                pair.append(ids[url])
            p.write("%s\t%s\t%s\n" % (pair[0], pair[1], label))


def score(pairs, pred):
    event = {}
    with open(pred, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2:
                event[parts[0]] = parts[1]
    right = total = 0
    with open(pairs, encoding="utf-8") as f:
        for line in f:
            a, b, label = line.rstrip("\n").split("\t")
            same = a in event and event.get(a) == event.get(b)
            right += same == (label == "OK")
            total += 1
    print("%.4f\t%d" % (right / total if total else 0.0, total))


if __name__ == "__main__":
    if sys.argv[1] == "prepare":
        prepare(*sys.argv[2:5])
    else:
        score(*sys.argv[2:4])
