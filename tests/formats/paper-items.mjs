// node paper-items.mjs PAPER.xml > ITEMS.xml
// A paper's items, in its order, as tiku items XML, each worth the points
// the paper gives it (its section's, where the section says): what an
// export of the paper must carry, for check.mjs to hold it against.
// Also prints, to standard error, the ids in order, one a line.
import fs from 'node:fs';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';

const file = process.argv[2];
if (!file) {
  console.error('usage: node paper-items.mjs PAPER.xml > ITEMS.xml');
  process.exit(2);
}
const strict = { onError: (level, msg) => { if (level !== 'warning') throw new Error(`${level}: ${msg}`); } };
const doc = new DOMParser(strict).parseFromString(fs.readFileSync(file, 'utf8'), 'text/xml');
const paper = doc.documentElement;
const kids = (n, name) => [...n.childNodes].filter(c => c.nodeType === 1 && c.localName === name);
const out = ['<?xml version="1.0" encoding="UTF-8"?>',
  `<items xmlns="urn:tiku:items:1" standard="${paper.getAttribute('standard')}">`];
const ids = [];
for (const s of kids(paper, 'section')) {
  for (const it of kids(s, 'item')) {
    if (s.getAttribute('points')) it.setAttribute('points', s.getAttribute('points'));
    out.push(new XMLSerializer().serializeToString(it));
    ids.push(it.getAttribute('id'));
  }
}
out.push('</items>');
process.stdout.write(out.join('\n') + '\n');
process.stderr.write(ids.join('\n') + '\n');
