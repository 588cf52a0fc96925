#!/usr/bin/env python3
"""Converts MEANTIME (NewsReader) intra-document XML files to TimeML.

usage: meantime_to_tml.py IN_DIR OUT_DIR

Only the leading sentences that carry annotations are kept (MEANTIME
annotates the first sentences of each article); tokens are joined with
the spacing a reader would expect ("March 01, 2008", "(EADS)"). The
document creation time is the TIMEX3 whose functionInDocument is
CREATION_TIME; every TIMEX3 with token anchors becomes an inline TIMEX3.
"""
import html
import os
import re
import sys
import xml.etree.ElementTree as ET

NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "'s", "n't", "'", "%", "''"}
NO_SPACE_AFTER = {"(", "[", "$", "``"}


def convert(path, out_dir):
    root = ET.parse(path).getroot()
    tokens = [(t.get("t_id"), int(t.get("sentence")), t.text or "") for t in root.iter("token")]
    markables = root.find("Markables")
    if markables is None:
        return False
    timexes, max_sentence, dct = [], 0, ""
    sentence_of = {tid: s for tid, s, _ in tokens}
    for m in markables:
        anchors = [a.get("t_id") for a in m.findall("token_anchor")]
        for a in anchors:
            max_sentence = max(max_sentence, sentence_of.get(a, 0))
        if m.tag == "TIMEX3":
            if m.get("functionInDocument") == "CREATION_TIME" and m.get("value"):
                dct = m.get("value")[:10]
                if re.match(r"^\d\d-\d\d-\d{4}$", dct):  # one file writes DD-MM-YYYY
                    dct = "%s-%s-%s" % (dct[6:], dct[3:5], dct[:2])
            if anchors:
                timexes.append((set(anchors), m.get("type", ""), m.get("value", "")))
    if len(dct) != 10:
        return False
    starts, ends = {}, {}
    for ids, typ, value in timexes:
        order = [tid for tid, _, _ in tokens if tid in ids]
        starts.setdefault(order[0], []).append((typ, value))
        ends[order[-1]] = ends.get(order[-1], 0) + 1
    text, prev = [], None
    for tid, sentence, word in tokens:
        if sentence > max_sentence:
            break
        if prev is not None:
            if prev[0] != sentence:
                text.append("\n")
            elif word not in NO_SPACE_BEFORE and prev[1] not in NO_SPACE_AFTER:
                text.append(" ")
        for typ, value in starts.get(tid, []):
            text.append('<TIMEX3 type="%s" value="%s">' % (html.escape(typ), html.escape(value)))
        text.append(html.escape(word, quote=False))
        text.append("</TIMEX3>" * ends.get(tid, 0))
        prev = (sentence, word)
    name = os.path.splitext(os.path.basename(path))[0]
    with open(os.path.join(out_dir, name + ".tml"), "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" ?>\n<TimeML>\n<DCT><TIMEX3 tid="t0" type="DATE" value="%s">'
                '</TIMEX3></DCT>\n<TEXT>\n%s\n</TEXT>\n</TimeML>\n' % (dct, "".join(text)))
    return True


def main():
    in_dir, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    n = 0
    for dirpath, _, files in os.walk(in_dir):
        for name in sorted(files):
            if name.endswith(".xml"):
                n += convert(os.path.join(dirpath, name), out_dir)
    print(n)


if __name__ == "__main__":
    main()
