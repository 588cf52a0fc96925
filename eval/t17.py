#!/usr/bin/env python3
"""Timeline17 helpers for `make eval`.

jsonl TOPIC_DIR OUT.jsonl        - InputDocs/<date>/<file> as a JSONL stream
                                   for `storyline timeline` (published = date)
ndates TOPIC_DIR                 - mean number of dates of the gold timelines
nsents TOPIC_DIR                 - mean number of sentences per gold date
score TOPIC_DIR PRED.json        - "date_f1<TAB>align_rouge1_f<TAB>timelines
                                   <TAB>agreement_rouge1_f"
page TOPIC_DIR PAGE.json         - the story page's summary against the gold
                                   timeline sentences: "rouge1_r<TAB>rouge2_r
                                   <TAB>redundancy<TAB>events3<TAB>in_summary
                                   <TAB>listed"

Date-selection F1 (Martschat & Markert 2018): predicted vs gold dates.
ROUGE-1 F is the alignment-based variant of Martschat & Markert (2017,
"align+ m:1"), written here from the published definition: every predicted
date is aligned with the gold date of least cost, cost(p, g) =
(1 - 1/(|p-g|+1)) * (1 - F1(p, g)) with F1 the unigram overlap of the two
daily summaries; the clipped unigram overlap of an aligned pair counts
with weight 1/(|p-g|+1) toward precision (over all predicted tokens); the
same alignment the other way (every gold date to its least-cost predicted
date) gives recall (over all gold tokens). Scored against each gold
timeline of the topic separately and averaged. Tokens: lower-cased \\w+
runs, Porter-stemmed (the system's libstemmer through ctypes, as ROUGE
-m), with function words removed (our own short list; ROUGE -s uses the
SMART list, so absolute figures may differ slightly). The "agreement"
variant (exact date only) is printed beside it.
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


def gold_timelines(topic, joined=True):
    with open(os.path.join(topic, "timelines.jsonl"), encoding="utf-8") as f:
        tls = [dict(json.loads(line)) for line in f if line.strip()]
    return [{d: " ".join(s) for d, s in t.items()} for t in tls] if joined else tls


class _Stemmer:
    """Porter stemmer from the system's libstemmer (Debian libstemmer0d);
    identity when the library is missing (then say so on stderr)."""

    def __init__(self):
        self.lib, self.st, self.cache = None, None, {}
        try:
            import ctypes
            lib = ctypes.CDLL("libstemmer.so.0d")
            lib.sb_stemmer_new.restype = ctypes.c_void_p
            lib.sb_stemmer_new.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
            lib.sb_stemmer_stem.restype = ctypes.c_void_p
            lib.sb_stemmer_stem.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
            lib.sb_stemmer_length.restype = ctypes.c_int
            lib.sb_stemmer_length.argtypes = [ctypes.c_void_p]
            self.st = lib.sb_stemmer_new(b"porter", b"UTF_8")
            self.lib, self.ctypes = lib, ctypes
        except OSError:
            sys.stderr.write("t17.py: libstemmer not found; ROUGE without stemming\n")

    def __call__(self, word):
        if not self.st:
            return word
        out = self.cache.get(word)
        if out is None:
            b = word.encode("utf-8")
            ptr = self.lib.sb_stemmer_stem(self.st, b, len(b))
            n = self.lib.sb_stemmer_length(self.st)
            out = self.ctypes.string_at(ptr, n).decode("utf-8", "replace")
            self.cache[word] = out
        return out


_STEM = None


def rouge_tokens(text):
    global _STEM
    if _STEM is None:
        _STEM = _Stemmer()
    return collections.Counter(_STEM(t) for t in tokens(text) if t not in STOP)


def overlap(a, b):
    return sum(min(n, b[t]) for t, n in a.items())


def align_m1(pred, gold):
    """(precision, recall) of align+ m:1 for one gold timeline; pred and
    gold map datetime.date -> token Counter."""
    def f1(a, b):
        m = overlap(a, b)
        pa, pb = sum(a.values()), sum(b.values())
        if not m or not pa or not pb:
            return 0.0
        p, r = m / pa, m / pb
        return 2 * p * r / (p + r)

    def side(src, dst, src_is_pred):
        num = den = 0.0
        for d, toks in src.items():
            den += sum(toks.values())
            if not dst:
                continue
            best, best_cost = None, None
            for e, other in dst.items():
                date_factor = 1 - 1 / (abs((d - e).days) + 1)
                cost = date_factor * (1 - f1(toks, other) if src_is_pred else 1 - f1(other, toks))
                if best_cost is None or cost < best_cost or (cost == best_cost and e < best):
                    best, best_cost = e, cost
            num += overlap(toks, dst[best]) / (abs((d - best).days) + 1)
        return num / den if den else 0.0

    return side(pred, gold, True), side(gold, pred, False)


def score(topic, pred_path):
    import datetime
    with open(pred_path, encoding="utf-8") as f:
        pred = {}
        for e in json.load(f):
            pred.setdefault(e["date"], []).append(e["text"])
    pred = {d: " ".join(t) for d, t in pred.items() if len(d) == 10}
    day = datetime.date.fromisoformat
    pred_toks = {day(d): rouge_tokens(t) for d, t in pred.items()}
    f1s, aligns, agrees = [], [], []
    for gold in gold_timelines(topic):
        inter = len(set(pred) & set(gold))
        p = inter / len(pred) if pred else 0.0
        r = inter / len(gold) if gold else 0.0
        f1s.append(2 * p * r / (p + r) if p + r else 0.0)
        gold_toks = {day(d): rouge_tokens(t) for d, t in gold.items()}
        ap, ar = align_m1(pred_toks, gold_toks)
        aligns.append(2 * ap * ar / (ap + ar) if ap + ar else 0.0)
        hit = sum(overlap(pred_toks[d], gold_toks[d]) for d in set(pred_toks) & set(gold_toks))
        pt = sum(sum(c.values()) for c in pred_toks.values())
        gt = sum(sum(c.values()) for c in gold_toks.values())
        rp, rr = (hit / pt if pt else 0.0), (hit / gt if gt else 0.0)
        agrees.append(2 * rp * rr / (rp + rr) if rp + rr else 0.0)
    n = len(f1s)
    mean = lambda xs: sum(xs) / n if n else 0.0
    print("%.4f\t%.4f\t%d\t%.4f" % (mean(f1s), mean(aligns), n, mean(agrees)))


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
    elif cmd == "nsents":
        tl = gold_timelines(sys.argv[2])
        per = [len(s) for t in gold_timelines(sys.argv[2], False) for s in t.values()]
        print(max(1, round(sum(per) / len(per))))
    elif cmd == "page":
        page_score(sys.argv[2], sys.argv[3])
    else:
        score(sys.argv[2], sys.argv[3])
