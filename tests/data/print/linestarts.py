#!/usr/bin/env python3
"""Where a PDF breaks lines against the Chinese rules (禁则): from the
XHTML of pdftotext -bbox-layout on stdin, each line (a table cell's lines
too, unlike pdftotext -layout) that starts with closing punctuation, or
a blank （　） alone at the start of a line, as "page: text".

pdftotext splits a blank （　） at its wide gap into pieces of their own;
a piece is a line's start only when nothing on its baseline ends just
before it."""
import re
import sys

CLOSING = "，。、；：？！）》」』”’"
bad = []
for no, page in enumerate(sys.stdin.read().split("<page ")[1:], 1):
    lines = []
    for m in re.finditer(r'<line xMin="([^"]*)" yMin="([^"]*)" xMax="([^"]*)"[^>]*>(.*?)</line>',
                         page, re.S):
        text = "".join(re.findall(r"<word[^>]*>(.*?)</word>", m.group(4), re.S))
        lines.append((float(m.group(1)), float(m.group(3)), float(m.group(2)), text))

    def joined(x0, y):
        """Is there text on this baseline ending less than 3 ems before x0?"""
        return any(abs(y - ly) < 1 and lx1 <= x0 + 1 and x0 - lx1 < 32
                   for lx0, lx1, ly, _ in lines)

    for x0, x1, y, text in lines:
        if not text or joined(x0, y):
            continue
        if text[0] in CLOSING or re.fullmatch(r"（[\s\u3000]*(）。?)?", text):
            bad.append("%d: %s" % (no, text))
if bad:
    print("\n".join(bad))
