#!/usr/bin/env python3
"""Story-level checks for `make eval`.

news GOLD.jsonl PRED.tsv      - news-vs-not accuracy: gold `news` field
                                against the 4th column of `storyline cluster`;
                                prints "accuracy<TAB>n<TAB>false_not_news<TAB>missed_not_news"
largest DB.sqlite N OUT.txt   - the N largest published stories of a stored
                                stream, each with size, languages, outlets, the
                                largest outlet's share and 6 titles, written to
                                OUT.txt for reading; prints one summary line
                                "stories<TAB>articles<TAB>median_outlet_share"
"""
import collections
import json
import sqlite3
import sys


def news(gold_path, pred_path):
    gold = {}
    with open(gold_path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if "news" in r:
                gold[str(r["id"])] = bool(r["news"])
    pred = {}
    with open(pred_path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 4:
                pred[parts[0]] = parts[3] == "1"
    right = false_not = missed_not = 0
    for k, g in gold.items():
        p = pred.get(k, True)
        right += p == g
        false_not += g and not p
        missed_not += (not g) and p
    n = len(gold)
    print("%.4f\t%d\t%d\t%d" % (right / n if n else 0.0, n, false_not, missed_not))


def largest(db, n, out):
    con = sqlite3.connect(db)
    rows = con.execute(
        "SELECT s.id, s.article_count FROM stories s WHERE s.published = 1 "
        "ORDER BY s.article_count DESC, s.id LIMIT ?", (int(n),)).fetchall()
    shares = []
    total = 0
    with open(out, "w", encoding="utf-8") as f:
        for rank, (sid, count) in enumerate(rows, 1):
            arts = con.execute(
                "SELECT language, outlet, title FROM articles WHERE story_id = ? "
                "ORDER BY published", (sid,)).fetchall()
            total += len(arts)
            langs = collections.Counter(a[0] or "?" for a in arts)
            outlets = collections.Counter(a[1] or "?" for a in arts)
            top_outlet, top_n = outlets.most_common(1)[0]
            share = top_n / len(arts)
            shares.append(share)
            f.write("%2d. %s  %d articles  languages %s  %d outlets  largest %s %.0f%%\n" % (
                rank, sid, len(arts),
                ",".join("%s:%d" % kv for kv in langs.most_common(4)),
                len(outlets), top_outlet[:30], 100 * share))
            step = max(1, len(arts) // 6)
            for a in arts[::step][:6]:
                f.write("      - %s\n" % (a[2] or "")[:110].replace("\n", " "))
    shares.sort()
    med = shares[len(shares) // 2] if shares else 0.0
    print("%d\t%d\t%.2f" % (len(rows), total, med))


if __name__ == "__main__":
    if sys.argv[1] == "news":
        news(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "largest":
        largest(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit("usage: stories.py news GOLD PRED | largest DB N OUT")
