#!/usr/bin/env python3
"""Text hygiene of stored articles (issue 18): how many texts start with a
byline, date, counter or label line, contain markup, or glue two blocks into
one sentence. The rules here were written from reading real stream pages and
are deliberately independent of the extractor's own (src/extract/lines.cc):
a second opinion, not a mirror.

usage: text_hygiene.py DB EXAMPLES_OUT
prints: articles starts_meta markup glued
"""
import re
import sqlite3
import sys

MONTH = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|"
         r"[а-яё]{3,10}|[a-zà-ü]{3,10}")
DATE_LEAD = re.compile(
    r"^[\W_]*(?:(?:updated|published|posted|submitted)\b[^0-9]{0,20})?"
    r"(?:\d{1,2}\s+(?:" + MONTH + r")\s+\d{4}|(?:" + MONTH +
    r")\s+\d{1,2},?\s+\d{4}|\d{4}-\d\d-\d\d|\d{1,2}[./]\d{1,2}[./]\d{2,4}|"
    r"\d{1,2}[:.]\d\d\b)", re.I)
BYLINE = re.compile(r"^(?:[Bb]y|[Vv]on|[Pp]ar|[Pp]or|[Аа]втор|[Aa]uthor|[Aa]utor)"
                    r":?\s+[A-ZА-ЯÀ-Ý]")
COUNTER = re.compile(
    r"(?:прочитано|просмотр|переглядів|\bviews?\b|\breads?\b|min read|"
    r"minutes? read|lesezeit|temps de lecture)", re.I)
LABELS = {"news", "opinion", "analysis", "noticia", "noticias", "notícia",
          "publicidade", "publicidad", "advertisement", "sponsored",
          "análisis", "análise", "exclusive", "breaking news", "live",
          "реклама", "новости", "мнение", "anzeige", "werbung", "meinung"}
PARA_LABEL = re.compile(r"^(?:topline|key background|crucial quote|"
                        r"big number|tangent|key facts?):\s", re.I)
MARKUP = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]{0,200})?/?>|"
                    r"&(?:lt|gt|amp|quot|nbsp|#\d+);")
# Two blocks run together: a lower-case word and a capitalised function word
# that starts a sentence ("…against one another In a statement"), or a
# sentence end with no space ("said.The").
GLUED_EN = re.compile(
    r"[a-z]{3}[a-z,]? (?:In|The|But|He|She|They|We|This|That|According|"
    r"However|It) [a-z]{2}")
NO_SPACE = re.compile(r"(?<![@/.\w])[A-Za-z]*[a-z]{3}[.!?][A-Z][a-z]{2}[a-z]*"
                      r"(?![@/.\w])")


def starts_meta(text):
    first = text.split("\n\n", 1)[0].strip()
    if not first:
        return False
    # A date-led line: short, or a date followed by a byline.
    if DATE_LEAD.search(first) and (len(first) < 60 or (
            len(first) < 120 and re.search(r"\b(?:by|от|par|por)\b", first))):
        return True
    if len(first) < 100 and BYLINE.search(first) and len(first.split()) <= 8:
        return True
    if len(first) < 60 and COUNTER.search(first) and re.search(r"\d", first):
        return True
    if first.lower().rstrip(":. ") in LABELS:
        return True
    return any(PARA_LABEL.search(p) for p in text.split("\n\n")[:3])


def main():
    db = sqlite3.connect(sys.argv[1])
    rows = db.execute("SELECT url, language, text FROM articles").fetchall()
    ex = {"starts_meta": [], "markup": [], "glued": []}
    for url, lang, text in rows:
        if starts_meta(text):
            ex["starts_meta"].append((url, text.split("\n\n", 1)[0][:120]))
        m = MARKUP.search(text)
        if m:
            ex["markup"].append((url, text[max(0, m.start() - 40):m.end() + 40]))
        if lang == "en":
            m = GLUED_EN.search(text) or NO_SPACE.search(text)
            if m:
                ex["glued"].append(
                    (url, text[max(0, m.start() - 50):m.end() + 30]))
    with open(sys.argv[2], "w") as out:
        for k, v in ex.items():
            out.write(f"== {k}: {len(v)}\n")
            for url, snippet in v[:40]:
                snippet = snippet.replace("\n", " ")
                out.write(f"  {url[:90]}\n      {snippet}\n")
    print(len(rows), len(ex["starts_meta"]), len(ex["markup"]),
          len(ex["glued"]))


if __name__ == "__main__":
    main()
