#!/usr/bin/env python3
"""Renders the fictional sample newsroom (stories.py) into HTML pages.

Each outlet has its own page template with the boilerplate real sites carry:
navigation, cookie notices, share bars, newsletter boxes, donation pleas,
cross-promotion teasers, related lists, comments and footers. Writes the
pages and gold.tsv (file, url, event, story) into the folder above.

Deterministic: running it twice produces identical files.
Usage: python3 generate.py [OUT_DIR]
"""
import datetime as dt
import html
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from stories import EVENTS, FOREIGN, OPINIONS, STORIES  # noqa: E402

OUTLETS = [
    ("The Harbour Post", "harbourpost.example", "A"),
    ("Meridian Daily", "meridiandaily.example", "B"),
    ("Northgate Herald", "northgateherald.example", "C"),
    ("Coastline Wire", "coastlinewire.example", "D"),
    ("The Civic Ledger", "civicledger.example", "E"),
    ("Riverside Courier", "riversidecourier.example", "F"),
    ("Summit Times", "summittimes.example", "G"),
    ("Lantern News", "lanternnews.example", "H"),
    ("Bayview Chronicle", "bayviewchronicle.example", "I"),
    ("Atlas Report", "atlasreport.example", "J"),
    ("Der Küstenbote", "kuestenbote.example", "K"),
    ("Le Phare Quotidien", "lephare.example", "L"),
    ("El Faro Diario", "elfaro.example", "M"),
]
AUTHORS = ["Nora Lindgren", "Samuel Okoro", "Irene Vasquez", "Tobias Klein", "Maya Chen",
           "Oliver Brandt", "Leah Morgan", "Felix Aune", "Grace Ibe", "Jonas Weber",
           "Clara Dufour", "Pablo Ruiz", "Ana Lima"]
POOL = [0, 1, 2, 4, 6, 8, 9, 5, 7]  # outlets that write their own reports
WIRE = 3
REPUBLISHERS = [5, 7]

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBERS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]

EVENT_BY_KEY = {e["key"]: e for e in EVENTS}


def day_of(key):
    return dt.date.fromisoformat(EVENT_BY_KEY[key]["date"])


def rel_day(day, pub):
    diff = (pub - day).days
    if 0 <= diff <= 6:
        return "on " + WEEKDAYS[day.weekday()]
    return "on %s %d" % (MONTHS[day.month - 1], day.day)


def render_sentence(s, event, pub, link_html=None):
    s = s.replace("{wd}", rel_day(dt.date.fromisoformat(event["date"]), pub))
    s = re.sub(r"\{d:([\w-]+)\}", lambda m: rel_day(day_of(m.group(1)), pub), s)
    s = re.sub(r"\{ago:([\w-]+)\}",
               lambda m: "%s weeks ago" % NUMBERS[max(1, (pub - day_of(m.group(1))).days // 7)], s)
    esc = html.escape(s, quote=False)
    if link_html is not None:
        esc = esc.replace("{link}", link_html)
    return esc


def slugify(title):
    s = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return "-".join(s.split("-")[:8])


def url_for(outlet, pub, slug, kind):
    name, domain, tpl = OUTLETS[outlet]
    section = "opinion" if kind == "opinion" else "news"
    if tpl in "ACEGIK":
        return "https://www.%s/%s/%04d/%02d/%02d/%s" % (domain, section, pub.year, pub.month, pub.day, slug)
    return "https://%s/%s/%s" % (domain, section, slug)


# ----------------------------------------------------------------- templates
def nav(items, cls="site-nav"):
    return '<nav class="%s"><ul>%s</ul></nav>' % (
        cls, "".join('<li><a href="/%s">%s</a></li>' % (i.lower(), i) for i in items))


def jsonld(a):
    typ = "OpinionNewsArticle" if a["kind"] == "opinion" else "NewsArticle"
    d = {"@context": "https://schema.org", "@type": typ, "headline": a["title"],
         "datePublished": a["published"], "author": {"@type": "Person", "name": a["author"]},
         "publisher": {"@type": "Organization", "name": a["outlet"]}, "mainEntityOfPage": a["url"]}
    return '<script type="application/ld+json">%s</script>' % json.dumps(d, ensure_ascii=False)


def og(a):
    return ('<meta property="og:title" content="%s"><meta property="og:site_name" content="%s">'
            '<meta property="og:url" content="%s"><meta property="article:published_time" content="%s">'
            % (html.escape(a["title"]), html.escape(a["outlet"]), a["url"], a["published"]))


def head(a, extra):
    return ('<!DOCTYPE html>\n<html lang="%s"><head><meta charset="utf-8">'
            '<title>%s | %s</title><link rel="canonical" href="%s">%s'
            '<link rel="stylesheet" href="/static/site.css"></head>\n'
            % (a["lang"], html.escape(a["title"]), html.escape(a["outlet"]), a["url"], extra))


def paras(a):
    return "\n".join("<p>%s</p>" % p for p in a["paras"])


def teaser_box(a, cls):
    t = a["teaser"]
    return ('<div class="%s"><span class="kicker">EXCLUSIVE</span><a href="/news/%s"><h3>%s</h3></a>'
            '<p>%s</p></div>' % (cls, slugify(t[0]), html.escape(t[0]), html.escape(t[1])))


def related(a, cls="related", title="Related stories"):
    return ('<section class="%s"><h2>%s</h2><ul>%s</ul></section>' % (
        cls, title, "".join('<li><a href="/news/%s">%s</a></li>' % (slugify(r), html.escape(r))
                            for r in a["related"])))


def split_body(a, at):
    ps = ["<p>%s</p>" % p for p in a["paras"]]
    return "\n".join(ps[:at]), "\n".join(ps[at:])


def tpl_A(a):
    first, rest = split_body(a, 2)
    return (head(a, jsonld(a)) + '<body><div class="cookie-banner">We use cookies to improve your '
            'experience. <button>Accept all</button></div><header class="masthead"><a href="/">'
            'The Harbour Post</a>' + nav(["World", "Business", "Sport", "Culture"]) + '</header>\n'
            '<main><article><h1>%s</h1><p class="byline">By %s</p><div class="article-body">\n%s\n'
            '<div class="newsletter-signup"><h3>The Morning Tide</h3><p>Get the day\'s top stories '
            'in your inbox every morning at seven.</p><form><input type="email"><button>Sign up'
            '</button></form></div>\n%s\n</div></article>%s</main>\n<footer><p>© 2025 The Harbour '
            'Post. All rights reserved.</p></footer></body></html>\n'
            % (html.escape(a["title"]), a["author"], first, rest, related(a, "related")))


def tpl_B(a):
    return (head(a, og(a) + '<meta name="author" content="%s">' % a["author"]) +
            '<body><div id="top">' + nav(["Home", "Politics", "Economy", "Science", "Opinion"],
                                          "menu") + '</div><div id="main"><div class="story">'
            '<h1>%s</h1><span class="author-name">%s</span><div class="share-tools"><a href="#">'
            'Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email</a></div>'
            '<div class="text">\n%s\n</div></div>%s<div id="comments"><h3>Comments (12)</h3>'
            '<p>Log in to join the conversation.</p></div></div><div class="footer">Meridian '
            'Daily, 2025</div></body></html>\n'
            % (html.escape(a["title"]), a["author"], paras(a), related(a, "more-stories",
                                                                       "More from Meridian")))


def tpl_C(a):
    first, rest = split_body(a, 3)
    return (head(a, '<meta name="description" content="%s">' % html.escape(a["paras"][0][:120])) +
            '<body>' + nav(["Local", "Nation", "World", "Weather"]) + '<div class="content">'
            '<h1>%s</h1><div class="meta">By %s | <time datetime="%s">%s</time></div>\n%s\n%s\n%s\n'
            '<div class="support-box"><p>Northgate Herald is funded by readers like you. Support '
            'independent journalism with a monthly donation.</p><a href="/donate">Donate now</a>'
            '</div></div><footer>Northgate Herald</footer></body></html>\n'
            % (html.escape(a["title"]), a["author"], a["published"], a["published"][:10], first,
               teaser_box(a, "inline-teaser"), rest))


def tpl_D(a):
    return (head(a, jsonld(a)) + '<body><header><a href="/">Coastline Wire</a></header>'
            '<main><h1>%s</h1><p class="dateline-byline">By %s, Coastline Wire</p>\n%s\n'
            '<p class="copyright">Copyright 2025 Coastline Wire. Redistribution requires a '
            'licence.</p></main></body></html>\n' % (html.escape(a["title"]), a["author"], paras(a)))


def tpl_E(a):
    return (head(a, '<meta name="date" content="%s">' % a["published"]) + '<body>' +
            nav(["News", "Opinion", "Investigations", "About"], "primary-navigation") +
            '<main><article><h1 class="entry-title">%s</h1><div class="entry-meta">By %s</div>'
            '<div class="entry-content">\n%s\n<p>Read more: <a href="/news/%s">%s</a></p>\n'
            '</div><div class="social-follow">Follow us on Mastodon and Bluesky</div></article>'
            '</main><footer>The Civic Ledger is an independent newsroom.</footer></body></html>\n'
            % (html.escape(a["title"]), a["author"], paras(a), slugify(a["related"][0]),
               html.escape(a["related"][0])))


def tpl_F(a):
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": a["outlet"]},
        {"@type": "NewsArticle", "headline": a["title"], "datePublished": a["published"],
         "author": [{"@type": "Person", "name": a["author"]}],
         "publisher": {"@type": "Organization", "name": a["outlet"]}}]}
    return (head(a, '<script type="application/ld+json">%s</script>' % json.dumps(graph, ensure_ascii=False)) +
            '<body><div class="consent-banner"><p>This site uses cookies. By continuing you agree '
            'to our cookie policy.</p></div>' + nav(["News", "Sport", "Community"]) +
            '<div class="post"><h1>%s</h1><div class="post-byline">%s</div>\n%s\n</div>%s'
            '<footer>Riverside Courier</footer></body></html>\n'
            % (html.escape(a["title"]), a["author"], paras(a), related(a)))


def tpl_G(a):
    ps = ["<p>%s</p>" % p for p in a["paras"]]
    body = "\n".join(ps[:2]) + '\n<figure><img src="/img/photo.jpg" alt=""><figcaption>Photo: Summit ' \
        'Times staff</figcaption></figure>\n' + "\n".join(ps[2:])
    return (head(a, og(a)) + '<body><header>' + nav(["Front page", "World", "Business"]) +
            '</header><article><h1>%s</h1><p class="byline">By %s</p>\n%s\n<div class="newsletter">'
            '<p>Sign up for Summit Times Daily, our free newsletter.</p></div></article>%s'
            '</body></html>\n' % (html.escape(a["title"]), a["author"], body,
                                   teaser_box(a, "promo")))


def tpl_H(a):
    ps = ["<p>%s</p>" % p for p in a["paras"]]
    body = "\n".join(ps[:3]) + '\n<div class="ad-slot"><p>Advertisement</p></div>\n' + "\n".join(ps[3:])
    return (head(a, jsonld(a)) + '<body>' + nav(["Latest", "Trending", "Video"]) +
            '<div class="page"><h1>%s</h1><div class="author">%s</div><div itemprop="articleBody">\n'
            '%s\n</div></div>%s</body></html>\n' % (html.escape(a["title"]), a["author"], body,
                                                    related(a, "trending", "Trending now")))


def tpl_I(a):
    return (head(a, '<meta name="author" content="%s">' % a["author"]) + '<body>' +
            nav(["Home", "Region", "Nation"]) + '<div class="article"><h1>%s</h1>'
            '<time datetime="%s">%s</time><div class="share-bar"><a href="#">Share</a>'
            '<a href="#">Tweet</a></div><div class="article__body">\n%s\n</div></div>'
            '<aside><p><strong>EXCLUSIVE</strong></p><p><a href="/news/%s">%s</a></p><p>%s</p>'
            '</aside></body></html>\n'
            % (html.escape(a["title"]), a["published"], a["published"][:10], paras(a),
               slugify(a["teaser"][0]), html.escape(a["teaser"][0]), html.escape(a["teaser"][1])))


def tpl_J(a):
    return (head(a, jsonld(a)) + '<body><header class="site-header">' + nav(["Analysis", "Opinion", "Data"]) +
            '</header><article><h1>%s</h1><p class="byline">By %s</p><div class="body-copy">\n%s\n'
            '</div></article><footer><p>Atlas Report. All rights reserved.</p></footer>'
            '</body></html>\n' % (html.escape(a["title"]), a["author"], paras(a)))


def tpl_K(a):
    return (head(a, og(a)) + '<body>' + nav(["Startseite", "Politik", "Wirtschaft", "Kultur"]) +
            '<article><h1>%s</h1><p class="autor">Von %s</p>\n%s\n<div class="newsletter-box">'
            '<p>Newsletter abonnieren: Die wichtigsten Nachrichten jeden Morgen.</p></div></article>'
            '<footer>© 2025 Der Küstenbote</footer></body></html>\n'
            % (html.escape(a["title"]), a["author"], paras(a)))


def tpl_L(a):
    return (head(a, jsonld(a)) + '<body>' + nav(["Accueil", "Monde", "Sciences"]) +
            '<main><article><h1>%s</h1><p class="signature">Par %s</p>\n%s\n</article></main>'
            '<div class="cookie-consent">Nous utilisons des cookies.</div></body></html>\n'
            % (html.escape(a["title"]), a["author"], paras(a)))


def tpl_M(a):
    return (head(a, og(a)) + '<body>' + nav(["Portada", "Mundo", "Sociedad"]) +
            '<article><h1>%s</h1><p class="firma">Por %s</p><time datetime="%s"></time>\n%s\n'
            '</article><div class="share-buttons"><a href="#">Compartir</a></div></body></html>\n'
            % (html.escape(a["title"]), a["author"], a["published"], paras(a)))


TEMPLATES = {k: v for k, v in globals().items() if k.startswith("tpl_")}


# ------------------------------------------------------------------ articles
def teaser_for(i):
    e = EVENTS[(i * 7 + 3) % len(EVENTS)]
    return (e["heads"][0], re.sub(r"\s*\{[^}]*\}", "", e["leads"][0]))


def related_for(i):
    return [EVENTS[(i * 5 + k * 11 + 1) % len(EVENTS)]["heads"][-1] for k in range(3)]


def make_article(outlet, title, paras_html, pub_dt, kind, event_key, lang="en", author_i=0, idx=0):
    name, domain, tpl = OUTLETS[outlet]
    slug = slugify(title)
    return {
        "outlet": name, "title": title, "paras": paras_html, "kind": kind, "lang": lang,
        "published": pub_dt.strftime("%Y-%m-%dT%H:%M:%SZ"), "pub": pub_dt.date(),
        "url": url_for(outlet, pub_dt, slug, kind), "author": AUTHORS[author_i % len(AUTHORS)],
        "tpl": tpl, "event": event_key, "story": EVENT_BY_KEY[event_key]["story"],
        "file": "%s-%s-%s.html" % (pub_dt.strftime("%Y%m%d"), domain.split(".")[0], slug[:40]),
        "teaser": teaser_for(idx), "related": related_for(idx),
    }


def event_articles(ei, e):
    out = []
    base = dt.datetime.fromisoformat(e["date"] + "T00:00:00")
    outlets = []
    if e.get("wire"):
        outlets.append(WIRE)
    k = ei * 2
    while len(outlets) < e["n"]:
        o = POOL[k % len(POOL)]
        k += 1
        if o not in outlets:
            outlets.append(o)
    for i, o in enumerate(outlets):
        pub = base + dt.timedelta(hours=15 + 4 * i + (ei % 3))
        pday = pub.date()
        link_html = None
        if e.get("link"):
            url, anchor, _ = e["link"]
            link_html = '<a href="%s">%s</a>' % (url, html.escape(anchor))
        lead = render_sentence(e["leads"][i % len(e["leads"])], e, pday)
        if o == WIRE:
            place = {"port": "VALMERA", "bridge": "DORNHOLT", "probe": "SKARHOLM", "flood": "HOLLIN",
                     "elect": "VELGRAD", "drug": "VELDEN", "fire": "CASTRO VERDE", "cyber": "CALDER CITY",
                     "heist": "VELDEN"}.get(e["key"].split("-")[0], "VELGRAD")
            lead = "%s (Coastline Wire) \u2014 %s" % (place, lead)
        facts = e["facts"]
        nf = min(len(facts), 3 + (i % 2))
        picked = sorted(((i + j) % len(facts)) for j in range(nf))
        body = [lead]
        fs = [render_sentence(facts[p], e, pday) for p in picked]
        body.append(fs[0])
        body.append(render_sentence(e["quotes"][i % len(e["quotes"])], e, pday))
        body.extend(fs[1:])
        bg = e.get("background", [])
        for b in (bg if i % 2 == 0 else bg[:1]):
            body.append(render_sentence(b, e, pday))
        if e.get("link") and i < 2:
            body.append(render_sentence(e["link"][2], e, pday, link_html))
        # Pair short sentences into paragraphs the way outlets do.
        paras_html = []
        for j, s in enumerate(body):
            if j >= 3 and j % 2 == 1 and len(paras_html[-1]) < 260:
                paras_html[-1] += " " + s
            else:
                paras_html.append(s)
        title = e["heads"][i % len(e["heads"])]
        out.append(make_article(o, title, paras_html, pub, "news", e["key"], author_i=ei + i,
                                idx=ei * 5 + i))
    # Every fourth event: the second outlet posts an updated version of its own
    # report an hour later under a new URL, with one paragraph added.
    if ei % 4 == 1 and len(out) > 1:
        first = out[1]
        pub = dt.datetime.fromisoformat(first["published"][:-1]) + dt.timedelta(hours=1)
        extra = render_sentence(e["facts"][-1], e, pub.date())
        upd = make_article(outlets[1], first["title"] + " (updated)", first["paras"] + [extra], pub,
                           "news", e["key"], author_i=ei + 1, idx=ei * 5 + 1)
        upd["author"] = first["author"]
        upd["url"] = first["url"] + "-update"
        upd["file"] = first["file"].replace(".html", "-update.html")
        out.append(upd)
    if e.get("wire"):
        wire = out[0]
        reps = REPUBLISHERS if ei % 3 == 0 else [REPUBLISHERS[ei % 2]]
        for r, o in enumerate(reps):
            pub = dt.datetime.fromisoformat(wire["published"][:-1]) + dt.timedelta(hours=1 + r)
            out.append(make_article(o, wire["title"], wire["paras"], pub, "news", e["key"],
                                    author_i=3, idx=ei * 5 + 4 + r))
            out[-1]["author"] = wire["author"]
    return out


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
    articles = []
    for ei, e in enumerate(EVENTS):
        articles.extend(event_articles(ei, e))
    for n, (key, outlet, title, author, ps) in enumerate(OPINIONS):
        e = EVENT_BY_KEY[key]
        pub = dt.datetime.fromisoformat(e["date"] + "T00:00:00") + dt.timedelta(days=2, hours=9)
        a = make_article(outlet, title, [html.escape(p, quote=False) for p in ps], pub, "opinion", key,
                         idx=200 + n)
        a["author"] = author
        articles.append(a)
    for n, (key, outlet, lang, title, ps) in enumerate(FOREIGN):
        e = EVENT_BY_KEY[key]
        pub = dt.datetime.fromisoformat(e["date"] + "T00:00:00") + dt.timedelta(hours=21)
        articles.append(make_article(outlet, title, [html.escape(p, quote=False) for p in ps], pub,
                                     "news", key, lang=lang, author_i=10 + n, idx=300 + n))
    seen = set()
    for a in articles:
        assert a["file"] not in seen, a["file"]
        seen.add(a["file"])
        with open(os.path.join(out_dir, a["file"]), "w", encoding="utf-8") as f:
            f.write(TEMPLATES["tpl_" + a["tpl"]](a))
    with open(os.path.join(out_dir, "gold.tsv"), "w", encoding="utf-8") as f:
        f.write("# generated by generator/generate.py, do not edit\nfile\turl\tevent\tstory\n")
        for a in sorted(articles, key=lambda x: x["file"]):
            f.write("%s\t%s\t%s\t%s\n" % (a["file"], a["url"], a["event"], a["story"]))
    print("wrote %d articles from %d outlets, %d events, %d stories" % (
        len(articles), len({a["outlet"] for a in articles}), len(EVENTS), len(STORIES)))


if __name__ == "__main__":
    main()
