"""Many distinct articles from the sample newsroom, for the kill and
takeover tests: the first 50 pages, each under COPIES new URLs (the page's
canonical URL rewritten to match), as JSONL lines {"url", "html"}.

usage: copies.py NEWSROOM_DIR OUT_DIR COPIES [PARTS]
With PARTS > 1, copy i goes to OUT_DIR/stream{i % PARTS}.jsonl (one file
per worker); else all go to OUT_DIR/stream.jsonl.
"""
import glob
import json
import os
import re
import sys

src, out, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
parts = int(sys.argv[4]) if len(sys.argv) > 4 else 1
pages = sorted(glob.glob(os.path.join(src, "*.html")))[:50]
names = ["stream.jsonl"] if parts == 1 else ["stream%d.jsonl" % k for k in range(parts)]
files = [open(os.path.join(out, n), "w") for n in names]
for i in range(copies):
    f = files[i % parts]
    for path in pages:
        html = open(path, encoding="utf-8").read()
        url = "https://copy%d.example/%s" % (i, os.path.basename(path))
        html = re.sub(r'(rel="canonical" href=")[^"]*', lambda m: m.group(1) + url, html)
        html = re.sub(r'(property="og:url" content=")[^"]*', lambda m: m.group(1) + url, html)
        f.write(json.dumps({"url": url, "html": html}) + "\n")
for f in files:
    f.close()
