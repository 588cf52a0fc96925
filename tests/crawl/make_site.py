#!/usr/bin/env python3
"""Writes the crawl fixture site (served by nginx in tests and benchmarks).

usage: make_site.py DIR N_ARTICLES

All outlets, places and events are fiction written for storyline's tests.
Layout:
  robots.txt                 Disallow: /private/ for every agent
  feeds/main.xml             RSS 2.0: articles, a disallowed page, a redirect,
                             a redirect loop, a slow page, a huge page, a
                             gzip bomb and a missing page
  feeds/atom.xml             Atom: overlaps main.xml, plus one more article
  feeds/broken.xml           an HTML page where a feed should be
  subs.opml                  OPML naming feeds/extra.json (JSON Feed)
  feeds/big-N.xml            with N > 0: N more articles in pages of 500
  news/*.html, private/*, slow/*, huge/*, bomb/*
"""
import gzip
import os
import sys

TOPICS = [
    ("Velm", "the Velm harbour breakwater", "storm damage", "Harbour master Ines Garrow"),
    ("Ostrel", "the Ostrel valley railway", "a landslide", "Rail engineer Piet Vandam"),
    ("Carrow", "the Carrow water works", "a pump failure", "Works director Lena Osk"),
]


def article(i, host):
    place, thing, cause, who = TOPICS[i % len(TOPICS)]
    day = 1 + (i // len(TOPICS)) % 27
    title = f"{place}: repairs to {thing} begin after {cause} ({i})"
    body = "".join(f"<p>{s}</p>" for s in [
        f"Repairs to {thing} began on Monday after {cause} closed it last week, officials in {place} said.",
        f"{who} said crews would work through the weekend and that the work would cost about {3 + i % 5} million crowns.",
        f"\u201cWe expect to reopen within {2 + i % 3} weeks if the weather holds,\u201d {who.split()[-1]} told reporters in {place}.",
        f"Residents of {place} have been asked to follow the detours posted on the town website.",
        f"Report number {i} from the fixture newsroom describes the same repairs in its own words.",
    ])
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{title} | {place} Gazette</title>"
            f"<meta property=\"og:site_name\" content=\"{place} Gazette {i % 4}\">"
            f"<meta property=\"article:published_time\" content=\"2025-11-{day:02d}T10:00:00Z\">"
            f"<link rel=\"canonical\" href=\"{host}/news/a{i}.html\"></head>"
            f"<body><nav><a href=\"/\">Home</a></nav><article><h1>{title}</h1>{body}</article>"
            f"<footer>Copyright fixture newsroom</footer></body></html>")


def rss(items):
    out = ['<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Fixture</title>']
    for url, title in items:
        out.append(f"<item><title>{title}</title><link>{url}</link>"
                   "<pubDate>Mon, 03 Nov 2025 10:00:00 GMT</pubDate></item>")
    out.append("</channel></rss>")
    return "\n".join(out)


def write(path, data, mode="w"):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, mode) as f:
        f.write(data)


def main():
    root, n = sys.argv[1], int(sys.argv[2])
    write(f"{root}/robots.txt", "User-agent: *\nDisallow: /private/\n\nUser-agent: otherbot\nDisallow: /\n")
    for i in range(1, 10):
        write(f"{root}/news/a{i}.html", article(i, ""))
    write(f"{root}/private/p1.html", article(100, ""))
    write(f"{root}/slow/s1.html", article(101, "") + " " * 4000)
    write(f"{root}/huge/h1.html", "<html><body>" + "<p>huge</p>" * (2 << 20) + "</body></html>")
    write(f"{root}/bomb/b1.html.gz", gzip.compress(b"<p>" + b"A" * (100 << 20)), "wb")
    main_items = [(f"/news/a{i}.html", f"A{i}") for i in range(1, 7)] + [
        ("/private/p1.html", "P1"), ("/redirect/a7.html", "A7 moved"),
        ("/loop/x.html", "Loop"), ("/slow/s1.html", "Slow"), ("/huge/h1.html", "Huge"),
        ("/bomb/b1.html", "Bomb"), ("/news/missing.html", "Missing"),
        ("javascript:alert(1)", "Hostile link")]
    write(f"{root}/feeds/main.xml", rss(main_items))
    write(f"{root}/feeds/atom.xml",
          '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>'
          '<entry><id>tag:fixture,2025:a1</id><title>A1 again</title><link href="/news/a1.html"/>'
          '<updated>2025-11-03T10:00:00Z</updated></entry>'
          '<entry><id>tag:fixture,2025:a8</id><title>A8</title><link href="/news/a8.html"/>'
          '<updated>2025-11-03T11:00:00Z</updated></entry></feed>')
    write(f"{root}/feeds/broken.xml", "<!DOCTYPE html><html><body><p>Not a feed</p></body></html>")
    write(f"{root}/subs.opml",
          '<?xml version="1.0"?><opml version="2.0"><head><title>S</title></head><body>'
          '<outline type="rss" xmlUrl="/feeds/extra.json"/></body></opml>')
    write(f"{root}/feeds/extra.json",
          '{"version":"https://jsonfeed.org/version/1.1","title":"X","items":'
          '[{"id":"a9","url":"/news/a9.html","title":"A9"}]}')
    if n > 0:
        for i in range(n):
            write(f"{root}/big/b{i}.html", article(1000 + i, ""))
        for page in range(0, n, 500):
            items = [(f"/big/b{i}.html", f"B{i}") for i in range(page, min(n, page + 500))]
            write(f"{root}/feeds/big-{page // 500}.xml", rss(items))


if __name__ == "__main__":
    main()
