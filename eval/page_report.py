#!/usr/bin/env python3
"""Page report for `make eval` (issue 19): what readers get, and defect counts.

page_report.py DB.sqlite N OUT.txt

Writes to OUT.txt, for the N largest published stories, the headline, every
section heading and the first summary sentence of each section; then every
line the rules below flag, so a reader can check the rules. Prints one line:

  pages<TAB>lines<TAB>bad_lines<TAB>sentences<TAB>dangling<TAB>names<TAB>bad_names<TAB>timeline<TAB>bad_timeline

Rules (independent of the composer's own code):
  bad line      a headline or heading that is empty, ends on a function word,
                a comma, a dash or an ellipsis, ends in a 1-2 letter lower-case
                fragment, or is a question;
  dangling      a summary sentence opening with a pronoun or a reference that
                needs an earlier sentence ("He", "They", "The move", "The
                latter", "Also", "But");
  bad name      a names-strip entry that is a month, a weekday, or starts
                with a preposition or article;
  bad timeline  an entry whose text looks like a byline or a reader comment
                ("By …", "… wrote:", "Posted by").
"""
import json
import re
import sqlite3
import sys

FUNCTION = set("and or but of the a an to for with in on at by from as that "
               "which who than into over amid after while its his her".split())
DANGLING = re.compile(
    r"^(He|She|It|They|This|That|These|Those|His|Her|Their|Its|We|I|But|And|"
    r"So|Also|Such|There|Here|The move|The latter|The former|The decision|"
    r"The same|Он|Она|Они|Это|Но|И|Также)(?=[\s,])")
MONTHS = set("jan feb mar apr may jun jul aug sep sept oct nov dec january "
             "february march april june july august september october "
             "november december monday tuesday wednesday thursday friday "
             "saturday sunday mon tue wed thu fri sat sun".split())
LEADING = set("with from to of in on at by the a an like more most under "
              "during despite since until among against why what how who "
              "where which".split())
BYLINE = re.compile(r"^(By|Por|Par|Von)\s+[A-Z]|\bwrote:|Posted by|"
                    r"Report abuse|^\d{1,2} \w{3} \d{4}, \d{1,2}:\d{2}")


def bad_line(s):
    s = (s or "").strip()
    if not s:
        return "empty"
    if s.endswith("?") or s.endswith("\u061f"):
        return "question"
    if s[-1] in ",;-\u2013\u2014" or s.endswith("...") or s.endswith("\u2026"):
        return "ends on punctuation"
    last = s.split()[-1]
    if last.lower() in FUNCTION:
        return "ends on a function word"
    if len(last) <= 2 and last.isalpha() and last.islower() and last.isascii() \
            and last not in ("up", "in", "on", "us"):
        return "ends in a fragment"
    return ""


def main(db_path, n, out_path):
    db = sqlite3.connect(db_path)
    rows = db.execute(
        "SELECT s.id, s.article_count, p.json FROM stories s JOIN pages p "
        "ON p.story_id = s.id AND p.version = s.version WHERE s.published = 1 "
        "ORDER BY s.article_count DESC, s.id").fetchall()
    pages = [(sid, cnt, json.loads(js)) for sid, cnt, js in rows]
    counts = dict(lines=0, bad_lines=0, sentences=0, dangling=0, names=0,
                  bad_names=0, timeline=0, bad_timeline=0)
    flagged = []
    for sid, cnt, p in pages:
        lines = [("headline", p.get("headline", ""))] + [
            ("heading", s.get("heading", "")) for s in p.get("sections", [])]
        for kind, line in lines:
            counts["lines"] += 1
            why = bad_line(line)
            if why:
                counts["bad_lines"] += 1
                flagged.append(f"{sid} {kind} ({why}): {line}")
        for s in p.get("sections", []):
            for ss in s.get("sentences", []):
                counts["sentences"] += 1
                if DANGLING.match(ss.get("text", "")):
                    counts["dangling"] += 1
                    flagged.append(f"{sid} dangling: {ss['text'][:150]}")
        for k in p.get("names", []):
            counts["names"] += 1
            name = k.get("name", "")
            first = name.split()[0].lower() if name.split() else ""
            if name.lower() in MONTHS or first in LEADING or first in MONTHS:
                counts["bad_names"] += 1
                flagged.append(f"{sid} name: {name}")
        for e in p.get("timeline", []):
            counts["timeline"] += 1
            if BYLINE.search(e.get("text", "")):
                counts["bad_timeline"] += 1
                flagged.append(f"{sid} timeline: {e['text'][:150]}")
    with open(out_path, "w", encoding="utf-8") as out:
        out.write(f"The {min(n, len(pages))} largest published stories: "
                  "headline, headings, first sentence of each section\n\n")
        for sid, cnt, p in pages[:n]:
            out.write(f"{sid}  ({cnt} articles)\n# {p.get('headline', '')}\n")
            for s in p.get("sections", []):
                first = s["sentences"][0]["text"] if s.get("sentences") else ""
                out.write(f"## {s.get('heading', '')}\n   {first[:300]}\n")
            out.write("\n")
        out.write(f"Flagged by the rules ({len(flagged)}):\n")
        for f in flagged:
            out.write(f"  {f}\n")
    print("\t".join(str(x) for x in [len(pages)] + list(counts.values())))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
