#!/usr/bin/env python3
"""Timeline17 helpers for `make eval`.

jsonl TOPIC_DIR OUT.jsonl        - InputDocs/<date>/<file> as a JSONL stream
                                   for `storyline timeline` (published = date)
ndates TOPIC_DIR                 - mean number of dates of the gold timelines
score TOPIC_DIR PRED.json        - "date_f1<TAB>rouge1_f<TAB>timelines"
page TOPIC_DIR PAGE.json         - the story page's summary against the gold
                                   timeline sentences: "rouge1_r<TAB>rouge2_r
                                   <TAB>redundancy<TAB>events3<TAB>in_summary
                                   <TAB>listed"

Date-selection F1 (Martschat & Markert 2018): predicted vs gold dates.
ROUGE-1 here is a date-aligned variant: a predicted entry is aligned only
with the gold entry of the *same* date (no near-date alignment with costs,
unlike the published "align, date-content costs, many-to-one" metric, so it
is stricter); clipped unigram overlap is summed over aligned dates and
divided by all predicted / all gold tokens for P / R. Both are averaged over
the topic's gold timelines. Tokens: lower-cased \\w+ runs.
"""
import collections
import json
import os
import re
import sys


def tokens(text):
    return re.findall(r"\w+", text.lower())


def to_jsonl(topic, out):
    src = os.path.basename(os.path.normpath(topic))
    with open(out, "w", encoding="utf-8") as f:
        base = os.path.join(topic, "InputDocs")
        for day in sorted(os.listdir(base)):
            for name in sorted(os.listdir(os.path.join(base, day))):
                with open(os.path.join(base, day, name), encoding="utf-8", errors="replace") as d:
                    lines = [l.strip() for l in d if l.strip()]
                if not lines:
                    continue
                # The documents have no headline: the first line stands in
                # for it and stays in the text (it is usually the lead).
                f.write(json.dumps({"url": "t17://%s/%s/%s" % (src, day, name),
                                    "title": lines[0][:200], "text": "\n".join(lines),
                                    "published": day + "T12:00:00Z", "outlet": src,
                                    "language": "en"}) + "\n")


def gold_timelines(topic):
    with open(os.path.join(topic, "timelines.jsonl"), encoding="utf-8") as f:
        return [{d: " ".join(s) for d, s in json.loads(line)} for line in f if line.strip()]


def score(topic, pred_path):
    with open(pred_path, encoding="utf-8") as f:
        pred = {}
        for e in json.load(f):
            pred.setdefault(e["date"], []).append(e["text"])
    pred = {d: " ".join(t) for d, t in pred.items() if len(d) == 10}
    f1s, rouges = [], []
    for gold in gold_timelines(topic):
        inter = len(set(pred) & set(gold))
        p = inter / len(pred) if pred else 0.0
        r = inter / len(gold) if gold else 0.0
        f1s.append(2 * p * r / (p + r) if p + r else 0.0)
        overlap = 0
        for d in set(pred) & set(gold):
            g = collections.Counter(tokens(gold[d]))
            for t, n in collections.Counter(tokens(pred[d])).items():
                overlap += min(n, g[t])
        pt = sum(len(tokens(t)) for t in pred.values())
        gt = sum(len(tokens(t)) for t in gold.values())
        rp = overlap / pt if pt else 0.0
        rr = overlap / gt if gt else 0.0
        rouges.append(2 * rp * rr / (rp + rr) if rp + rr else 0.0)
    n = len(f1s)
    print("%.4f\t%.4f\t%d" % (sum(f1s) / n if n else 0, sum(rouges) / n if n else 0, n))


# Function words left out of the redundancy measure (two sentences sharing
# "the", "of" and "said" do not repeat each other).
STOP = set("""a an the of to in on at by for with from and or but as is are was
were be been has have had it its this that these those he she they his her
their who which what said says will would not no than then there after before
over into about up out also more most""".split())


def ngrams(toks, n):
    return collections.Counter(tuple(toks[i:i + n]) for i in range(len(toks) - n + 1))


def page_score(topic, page_path):
    """ROUGE-N recall of all summary sentences against each gold timeline's
    sentences (averaged over the topic's timelines); redundancy = the largest
    |A & B| / min(|A|, |B|) over pairs of summary sentences' content-word
    sets (words of 2+ characters); events with >= 3 articles, how many the summary sections tell and
    how many the sub-stories list."""
    with open(page_path, encoding="utf-8") as f:
        page = json.load(f)
    sents = [s["text"] for sec in page["sections"] for s in sec["sentences"]]
    summary = [t for s in sents for t in tokens(s)]
    r1, r2 = [], []
    for gold in gold_timelines(topic):
        g = [t for text in gold.values() for t in tokens(text)]
        for n, out in ((1, r1), (2, r2)):
            gc, sc = ngrams(g, n), ngrams(summary, n)
            hit = sum(min(c, sc[k]) for k, c in gc.items())
            out.append(hit / sum(gc.values()) if gc else 0.0)
    red = 0.0
    sets = [set(t for t in tokens(s) if len(t) > 1) - STOP for s in sents]
    for i in range(len(sets)):
        for j in range(i + 1, len(sets)):
            if sets[i] and sets[j]:
                red = max(red, len(sets[i] & sets[j]) / min(len(sets[i]), len(sets[j])))
    big = [s["event"] for s in page["substories"] if s["articles"] >= 3]
    told = {sec.get("event") for sec in page["sections"]}
    listed = {s["event"] for s in page["substories"]}
    print("%.4f\t%.4f\t%.4f\t%d\t%d\t%d" % (
        sum(r1) / len(r1), sum(r2) / len(r2), red, len(big),
        sum(1 for e in big if e in told), sum(1 for e in big if e in listed)))


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "jsonl":
        to_jsonl(sys.argv[2], sys.argv[3])
    elif cmd == "ndates":
        tl = gold_timelines(sys.argv[2])
        print(round(sum(len(t) for t in tl) / len(tl)))
    elif cmd == "page":
        page_score(sys.argv[2], sys.argv[3])
    else:
        score(sys.argv[2], sys.argv[3])
