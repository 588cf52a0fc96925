#!/usr/bin/env python3
"""Fits the page-type model of src/extract/metadata.cc (LooksLikeArticle).

Usage: fit_page_type.py STORYLINE_BINARY WCXB_DEV_DIR

Runs `storyline extract --json --explain` on every wcxb-dev page, reads the
page-type features it reports, fits an L2-regularised logistic regression
(article vs. anything else) by batch gradient descent, prints 5-fold
cross-validated accuracy, and prints the weights as the C++ initialiser to
paste into metadata.cc. Pure Python: no numpy needed.
"""
import gzip
import json
import math
import os
import random
import subprocess
import sys

L2, STEPS, RATE = 0.001, 1500, 1.0


def load(binary, wcxb):
    rows = []
    gt_dir = os.path.join(wcxb, "ground-truth")
    for name in sorted(os.listdir(gt_dir)):
        stem = name[:-5]
        gt = json.load(open(os.path.join(gt_dir, name)))
        label = gt["_internal"]["page_type"]["primary"] == "article"
        html = gzip.open(os.path.join(wcxb, "html", stem + ".html.gz")).read()
        out = subprocess.run([binary, "extract", "-", "--url", gt.get("url", ""),
                              "--json", "--explain"], input=html,
                             capture_output=True)
        if out.returncode != 0:
            continue  # no text at all: not part of the fit
        feats = json.loads(out.stdout)["page_type_features"]
        rows.append((feats, 1 if label else 0))
    return rows


def fit(rows, keys):
    w = {k: 0.0 for k in keys}
    b = 0.0
    n = len(rows)
    for _ in range(STEPS):
        gw = {k: 0.0 for k in keys}
        gb = 0.0
        for x, y in rows:
            z = b + sum(w[k] * x[k] for k in keys)
            e = 1 / (1 + math.exp(-z)) - y
            for k in keys:
                gw[k] += e * x[k]
            gb += e
        for k in keys:
            w[k] -= RATE * (gw[k] / n + L2 * w[k])
        b -= RATE * gb / n
    return w, b


def accuracy(w, b, rows, keys):
    ok = sum((b + sum(w[k] * x[k] for k in keys) > 0) == (y == 1)
             for x, y in rows)
    return ok / len(rows)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    rows = load(sys.argv[1], sys.argv[2])
    keys = sorted(rows[0][0])
    random.seed(1)
    order = list(range(len(rows)))
    random.shuffle(order)
    folds = [order[i::5] for i in range(5)]
    accs = []
    for k in range(5):
        test = [rows[i] for i in folds[k]]
        train = [rows[i] for j in range(5) if j != k for i in folds[j]]
        w, b = fit(train, keys)
        accs.append(accuracy(w, b, test, keys))
    print(f"pages {len(rows)}  5-fold accuracy {sum(accs) / 5:.4f} "
          f"({' '.join(f'{a:.3f}' for a in accs)})")
    w, b = fit(rows, keys)
    print(f"fitted on all: accuracy {accuracy(w, b, rows, keys):.4f}")
    print("kWeights = {" + ", ".join(f'{{"{k}", {w[k]:.3f}}}' for k in keys)
          + "};")
    print(f"kBias = {b:.3f};")


if __name__ == "__main__":
    main()
