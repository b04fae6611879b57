#!/usr/bin/env python3
"""The lowest text of each page's body, in points from the top, from the
XHTML of pdftotext -bbox-layout on stdin: one line per page.  The foot
(page number, identifier: the last 60 points) is not body."""
import re
import sys

for page in sys.stdin.read().split("<page ")[1:]:
    height = float(re.match(r'width="[^"]*" height="([^"]*)"', page).group(1))
    ys = [float(y) for y in re.findall(r'<line xMin="[^"]*" yMin="[^"]*" xMax="[^"]*" yMax="([^"]*)"', page)]
    body = [y for y in ys if y < height - 60]
    print("%.0f" % max(body) if body else 0)
