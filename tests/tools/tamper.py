#!/usr/bin/env python3
"""Tamper with a real paper (or its answer key), one rule at a time.

Used by tests/cli/t0311-tamper.sh: every paper written here must be
rejected by `tiku validate`, naming the rule it breaks.  Papers are edited
as text, item blocks whole, so that everything not tampered with stays
byte for byte what the tool wrote.

    tamper.py RULE IN OUT [--items EXPORT.xml] [--id ID] [--from PAPER.xml]

RULE is one of
  extra-item  an item of the first section's type, not on the paper, added
              to the first section (--items: a `tiku export` of the bank)
  points      the first section's points per item doubled
  swap-in     the item --id of --items (or --from, another paper) put in
              the place of a paper item of its type and area
  enemy       an enemy of an item on the paper put in the place of another
              item of its type and area (--items)
  stem        the first item's stem text changed
  key         the answer of question 1 of an answer key (IN, OUT: CSV)
Exits 1, saying why, when the paper offers nothing to tamper with.
"""
import argparse
import re
import sys

ITEM = re.compile(r'(?P<indent>[ \t]*)<item\b(?P<attrs>[^>]*)>.*?</item>\n', re.S)
SECTION = re.compile(r'<section\b[^>]*>.*?</section>', re.S)


def attr(block, name):
    m = re.search(r'\s%s="([^"]*)"' % re.escape(name), block[:block.index('>')])
    return m.group(1) if m else None


def first_code(block):
    m = re.search(r'<code>([^<]*)</code>', block)
    return m.group(1) if m else ''


def area_key(code):
    """The part of a code that decides its area in the test standards."""
    parts = code.split('.')
    return '.'.join(parts[:2]) if code.startswith('B') else parts[0]


def items_of(text):
    return [m for m in ITEM.finditer(text)]


def as_paper_item(block, indent):
    """An item of an export (or another paper) as the paper writes one."""
    m = ITEM.match(block)
    old = m.group('indent')
    lines = block.split('\n')
    out = []
    for line in lines:
        if line.startswith(old):
            line = indent + line[len(old):]
        out.append(line)
    block = '\n'.join(out)
    if 'xmlns=' not in block[:block.index('>')]:
        block = block.replace('<item ', '<item xmlns="urn:tiku:items:1" ', 1)
    return block


def fail(msg):
    sys.stderr.write('tamper.py: %s\n' % msg)
    sys.exit(1)


def replace_item(paper, new_block, avoid=()):
    """Put new_block in the place of a paper item of its type and area."""
    on = {attr(m.group(0), 'id') for m in items_of(paper)}
    nid = attr(new_block, 'id')
    if nid in on:
        fail('%s is on the paper already' % nid)
    ntype, narea = attr(new_block, 'type'), area_key(first_code(new_block))
    best = None
    for m in items_of(paper):
        b = m.group(0)
        if attr(b, 'type') != ntype or attr(b, 'id') in avoid:
            continue
        if area_key(first_code(b)) == narea:
            best = m
            break
        if best is None:
            best = m
    if best is None:
        fail('no item of type %s on the paper to replace' % ntype)
    block = as_paper_item(new_block, best.group('indent'))
    return paper[:best.start()] + block + paper[best.end():]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('rule')
    ap.add_argument('src')
    ap.add_argument('out')
    ap.add_argument('--items')
    ap.add_argument('--id')
    ap.add_argument('--from', dest='other')
    a = ap.parse_args()
    with open(a.src, encoding='utf-8') as f:
        text = f.read()
    bank = []
    if a.items:
        with open(a.items, encoding='utf-8') as f:
            bank = [m.group(0) for m in items_of(f.read())]
    on = {attr(m.group(0), 'id') for m in items_of(text)}

    if a.rule == 'extra-item':
        sec = SECTION.search(text)
        stype = attr(sec.group(0), 'type')
        extra = next((b for b in bank if attr(b, 'type') == stype and
                      attr(b, 'id') not in on and attr(b, 'status') == 'approved'), None)
        if extra is None:
            fail('no %s item off the paper' % stype)
        last = items_of(sec.group(0))[-1]
        at = sec.start() + last.end()
        text = text[:at] + as_paper_item(extra, last.group('indent')) + text[at:]
    elif a.rule == 'points':
        m = re.search(r'(<section\b[^>]*\spoints=")([^"]*)(")', text)
        if m is None:
            fail('no section with points')
        doubled = float(m.group(2)) * 2
        text = text[:m.start(2)] + ('%g' % doubled) + text[m.end(2):]
    elif a.rule == 'swap-in':
        pool = bank
        if a.other:
            with open(a.other, encoding='utf-8') as f:
                pool = [m.group(0) for m in items_of(f.read())]
        if a.id:
            new = next((b for b in pool if attr(b, 'id') == a.id), None)
        else:
            # the first item of the other paper that this one lacks, and
            # whose type and area it has
            kinds = {(attr(m.group(0), 'type'), area_key(first_code(m.group(0))))
                     for m in items_of(text)}
            new = next((b for b in pool if attr(b, 'id') not in on and
                        (attr(b, 'type'), area_key(first_code(b))) in kinds), None)
        if new is None:
            fail('no item %s to swap in' % (a.id or 'off the paper'))
        text = replace_item(text, new)
    elif a.rule == 'enemy':
        done = False
        for b in bank:
            bid = attr(b, 'id')
            if bid in on:
                continue
            for ref in re.findall(r'<enemy ref="([^"]*)"/>', b):
                if ref in on:
                    text = replace_item(text, b, avoid={ref})
                    done = True
                    break
            if done:
                break
        if not done:
            fail('no enemy of an item on the paper')
    elif a.rule == 'stem':
        m = re.search(r'<stem>', text)
        if m is None:
            fail('no stem')
        text = text[:m.end()] + '（改）' + text[m.end():]
    elif a.rule == 'key':
        lines = text.split('\n')
        f = lines[1].split(',')
        f[2] = 'B' if f[2] != 'B' else 'A'
        lines[1] = ','.join(f)
        text = '\n'.join(lines)
    else:
        fail('no rule %s' % a.rule)
    with open(a.out, 'w', encoding='utf-8') as f:
        f.write(text)


if __name__ == '__main__':
    main()
