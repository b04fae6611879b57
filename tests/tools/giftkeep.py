#!/usr/bin/env python3
"""giftkeep.py ITEMS.xml LEFT-OUT -- tiku items XML as a GIFT round trip
should give it back: without the items the GIFT export left out (ids, one
a line, in LEFT-OUT), and without an essay's reference answer and rubric,
which GIFT cannot carry (the export says so item by item)."""
import re
import sys

doc = open(sys.argv[1], encoding="utf-8").read()
out = set(open(sys.argv[2], encoding="utf-8").read().split())


def keep(m):
    item = m.group(0)
    if re.search(r'id="([^"]+)"', item).group(1) in out:
        return ""
    if re.search(r'type="(short|case|task)"', item):
        item = re.sub(r"\n    <answer>.*?</answer>", "", item, flags=re.S)
        item = re.sub(r"\n    <rubric>.*?</rubric>", "", item, flags=re.S)
    return item


print(re.sub(r"  <item .*?</item>\n", keep, doc, flags=re.S), end="")
