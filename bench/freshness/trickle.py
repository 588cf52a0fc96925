#!/usr/bin/env python3
"""Freshness benchmark driver (part of `make bench`).

usage: trickle.py PAGES_DIR DB_PATH RUN_PORT SITE_PORT INTERVAL_S OUT_JSON

Serves a news site on 127.0.0.1:SITE_PORT whose RSS feed (/feed.xml) gains
one article of PAGES_DIR (the sample newsroom: fiction written for
storyline) every INTERVAL_S seconds, in file-name order, and records when
`storyline run` fetches each page. Meanwhile it watches `storyline run`'s
web app on RUN_PORT: an article counts as shown when the JSON of its
story's page (/api/stories/<id>) lists it among its sources or related
articles. The article and story ids come from the store (read-only SQLite
reads; WAL readers never block the writer).

Prints one line per article and, at the end, the fetch-to-page latency
(p50, p90, p99, max) of the articles that reached a published page; writes
them all to OUT_JSON.
"""
import json
import os
import sqlite3
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

pages_dir, db_path, run_port, site_port, interval, out_json = sys.argv[1:7]
run_port, site_port, interval = int(run_port), int(site_port), float(interval)
files = sorted(f for f in os.listdir(pages_dir) if f.endswith(".html"))
base = f"http://127.0.0.1:{site_port}"

lock = threading.Lock()
released = 0            # articles in the feed so far
fetched = {}            # url -> first fetch time (monotonic)
start = time.monotonic()


class Site(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        global released
        if self.path == "/robots.txt":
            return self.reply(200, "text/plain", b"User-agent: *\nAllow: /\n")
        if self.path.startswith("/feed.xml"):
            with lock:
                n = released
            items = "".join(
                f"<item><title>{f}</title><link>{base}/n/{f}</link>"
                f"<guid>{base}/n/{f}</guid></item>" for f in files[:n])
            body = ('<?xml version="1.0"?><rss version="2.0"><channel>'
                    f"<title>Trickle</title><link>{base}/</link>{items}"
                    "</channel></rss>").encode()
            return self.reply(200, "application/rss+xml", body)
        if self.path.startswith("/n/"):
            name = os.path.basename(self.path)
            if name in files:
                with lock:
                    fetched.setdefault(base + self.path, time.monotonic())
                with open(os.path.join(pages_dir, name), "rb") as fh:
                    return self.reply(200, "text/html; charset=utf-8", fh.read())
        self.reply(404, "text/plain", b"no\n")

    def reply(self, status, ctype, body):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


site = ThreadingHTTPServer(("127.0.0.1", site_port), Site)
threading.Thread(target=site.serve_forever, daemon=True).start()
print(f"site ready on {base}", flush=True)


def release():
    global released
    for i in range(len(files)):
        with lock:
            released = i + 1
        time.sleep(interval)


threading.Thread(target=release, daemon=True).start()


def story_json(story):
    try:
        with urllib.request.urlopen(
                f"http://127.0.0.1:{run_port}/api/stories/{story}", timeout=5) as r:
            return json.load(r)
    except (urllib.error.URLError, OSError, ValueError):
        return None


shown = {}       # url -> latency (s)
first_seen = {}  # url -> whether its story was published when first stored
waited = set()   # urls first stored in an unpublished story
deadline = start + interval * len(files) + 30
db = None
while time.monotonic() < deadline:
    if db is None and os.path.exists(db_path):
        db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
    with lock:
        pending = [(u, t) for u, t in fetched.items() if u not in shown]
    for url, t_fetch in pending:
        if db is None:
            break
        try:
            row = db.execute(
                "SELECT a.id, a.story_id, s.published FROM articles a "
                "JOIN stories s ON s.id = a.story_id WHERE a.url = ?",
                (url,)).fetchone()
        except sqlite3.Error:
            row = None
        if not row:
            continue  # not stored yet
        if url not in first_seen:
            first_seen[url] = bool(row[2])
        if not first_seen[url]:
            # Stored in a story not (yet) published: its page appears when a
            # later article publishes the story, which is the publication
            # rule's wait, not the pipeline's. Counted apart.
            waited.add(url)
            continue
        page = story_json(row[1])
        if not page:
            continue
        listed = {s.get("article") for s in page.get("sources", [])}
        for r in page.get("related", []):
            listed.add(r.get("article"))
            for c in r.get("copies", []):
                listed.add(c.get("article") if isinstance(c, dict) else c)
        if row[0] in listed:
            shown[url] = time.monotonic() - t_fetch
            print(f"{shown[url] * 1000:8.0f} ms  {os.path.basename(url)}", flush=True)
    with lock:
        done = released == len(files) and len(fetched) == len(files)
    if done and all(u in shown or u in waited for u in fetched):
        break
    time.sleep(0.02)

lat = sorted(shown.values())


def pct(p):
    return lat[min(len(lat) - 1, int(p * len(lat)))] * 1000 if lat else float("nan")


with open(out_json, "w") as fh:
    json.dump({"fetched": len(fetched), "shown": len(shown),
               "waited_for_publication": len(waited), "latency_s": shown},
              fh, indent=1)
never = len(fetched) - len(shown) - len(waited)
print(f"freshness: {len(fetched)} articles fetched; {len(shown)} joined a "
      f"published story page ({len(waited)} waited in stories published later, "
      f"{never} never on a published page); "
      f"fetch to page p50 {pct(0.5):.0f} ms, "
      f"p90 {pct(0.9):.0f} ms, p99 {pct(0.99):.0f} ms, max {pct(1.0):.0f} ms "
      f"(one new article every {interval:g} s)")
