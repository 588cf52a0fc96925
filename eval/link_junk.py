#!/usr/bin/env python3
"""Junk among the "External resources" of published pages (issue 18).

The rules below were written from reading a sample of the external links on
published tgcontest pages, separately from the classifier in
src/extract/url.cc (a second opinion): home pages, section/tag/topic
fronts, social-network accounts (not posts), author and profile pages,
newsletter/sign-up/log-in/share links, affiliate and ad redirects, quote and
domain look-ups, and links still carrying tracking parameters.

usage: link_junk.py DB EXAMPLES_OUT
prints: links junk (over the resources of every published page's newest
version)
"""
import json
import re
import sqlite3
import sys
from urllib.parse import urlsplit

SOCIAL = {"twitter.com", "x.com", "facebook.com", "instagram.com", "t.me",
          "vk.com", "linkedin.com", "tiktok.com", "ok.ru", "telegram.me"}
AFFILIATE = re.compile(r"(amzn\.to|redirectingat\.com|7eer\.net|"
                       r"goto\.walmart\.com|skimresources|linksynergy|"
                       r"anrdoezrs|dpbolvw|jdoqocy|tkqlhce|kqzyfj|awin1|"
                       r"shareasale|avantlink|doubleclick)")
SECTION_END = re.compile(r"/(tag|tags|topic|topics|category|categories|"
                         r"section|rubric|tema|theme|themen)/[^/]*/?$")
SERVICE = re.compile(r"/(newsletters?|subscribe|subscription|sign-?up|"
                     r"sign-?in|log-?in|register|account|donate|"
                     r"sharer(\.php)?|intent|share)(/|$|\?|\.)")
PROFILE = re.compile(r"/(author|authors|profile|profiles|people|staff|"
                     r"reporters?|contributors?|users?)/")
LOOKUP = re.compile(r"(whois|who\.is|/quote/|/search\?|dnslytics)")
TRACKING = re.compile(r"[?&](utm_[a-z]+|fbclid|gclid|ref_src|ref_url|"
                      r"igshid|mc_cid)=")


def junk(url):
    """The reason `url` is no resource worth citing, or ''."""
    try:
        u = urlsplit(url)
    except ValueError:
        return "unparsable"
    host = (u.hostname or "").removeprefix("www.")
    path = u.path or "/"
    segs = [s for s in path.split("/") if s]
    if AFFILIATE.search(host) or ("amazon." in host and "tag=" in u.query):
        return "affiliate"
    if re.search(r"(^|&)(u|url|link)=https?", u.query):
        return "redirect"
    if TRACKING.search("?" + u.query):
        return "tracking parameter"
    if host in SOCIAL:
        posts = {"status", "posts", "p", "videos", "photos", "reel", "watch",
                 "permalink.php", "story.php"}
        if host == "vk.com" and segs and segs[0].startswith("wall"):
            return ""
        if len(segs) <= 1 and not (host == "t.me" and len(segs) >= 2):
            return "social account"
        if host != "t.me" and not posts & set(segs) and len(segs) <= 2:
            return "social account"
    if not segs and not u.query:
        return "home page"
    if SECTION_END.search(path):
        return "section front"
    if SERVICE.search(path):
        return "service"
    if PROFILE.search(path):
        return "profile"
    if LOOKUP.search(url):
        return "look-up"
    if len(segs) == 1 and re.fullmatch(r"[a-z]+", segs[0]) and not u.query:
        return "section front"
    return ""


def main():
    db = sqlite3.connect(sys.argv[1])
    rows = db.execute(
        "SELECT p.json FROM pages p JOIN stories s ON s.id = p.story_id "
        "WHERE s.published = 1 AND p.version = (SELECT MAX(version) FROM "
        "pages q WHERE q.story_id = p.story_id)").fetchall()
    links, bad = 0, []
    for (js,) in rows:
        for r in json.loads(js).get("resources", []):
            links += 1
            why = junk(r.get("url", ""))
            if why:
                bad.append((why, r.get("url", "")))
    with open(sys.argv[2], "w") as out:
        out.write(f"{len(bad)} junk of {links} external links\n")
        for why, url in sorted(bad):
            out.write(f"{why}\t{url[:150]}\n")
    print(links, len(bad))


if __name__ == "__main__":
    main()
