// node qti-pair.mjs QTI21_DIR QTI30_DIR
// Two unpacked packages of the same items (or paper), one QTI 2.1, one
// QTI 3.0, say the same things: parsed with @xmldom/xmldom, every file
// of the 3.0 package is its 2.1 twin in QTI 3's names -- each QTI
// element prefixed qti- and kebab-cased, each attribute kebab-cased, the
// XHTML as it is, the same text -- with only what 3.0 adds besides: the
// content body of rubric blocks and feedback, a rubric block's use.  The
// manifests list the same resources, files and dependencies, with the
// same LOM (title, keywords, difficulty, time, level and codes).
import fs from 'node:fs';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';

const [D21, D30] = process.argv.slice(2);
if (!D21 || !D30) {
  console.error('usage: node qti-pair.mjs QTI21_DIR QTI30_DIR');
  process.exit(2);
}
let passed = 0, failed = 0;
function check(name, fn) {
  try {
    const note = fn();
    passed++;
    console.log(`ok - ${name}${note ? ' # ' + note : ''}`);
  } catch (e) {
    failed++;
    console.log(`not ok - ${name}`);
    console.log(`#   ${String(e.message || e).split('\n').slice(0, 6).join('\n#   ')}`);
  }
}
const fail = m => { throw new Error(m); };
const strict = { onError: (level, msg) => { if (level !== 'warning') throw new Error(`${level}: ${msg}`); } };
const parse = f => new DOMParser(strict).parseFromString(fs.readFileSync(f, 'utf8'), 'text/xml');
const kebab = n => n.replace(/[A-Z]/g, c => '-' + c.toLowerCase());
const XHTML = new Set(['a', 'abbr', 'b', 'big', 'blockquote', 'br', 'caption', 'cite', 'code', 'col',
  'colgroup', 'dd', 'div', 'dl', 'dt', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'kbd',
  'li', 'ol', 'p', 'pre', 'q', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'table', 'tbody', 'td',
  'tfoot', 'th', 'thead', 'tr', 'tt', 'ul', 'var']);
const QTI21 = 'http://www.imsglobal.org/xsd/imsqti_v2p1', QTI30 = 'http://www.imsglobal.org/xsd/imsqtiasi_v3p0';

const elems = n => [...n.childNodes].filter(c => c.nodeType === 1);
const text = n => [...n.childNodes].filter(c => c.nodeType === 3 || c.nodeType === 4).map(c => c.data).join('').trim();
const own = n => [...n.attributes].filter(a => !/^xmlns|^xsi:/.test(a.name));

// e3 is e2 in 3.0's names; where: a path for messages
function same(e2, e3, where) {
  const html = XHTML.has(e2.localName);
  const want = html ? e2.localName : 'qti-' + kebab(e2.localName);
  if (e3.localName !== want) fail(`${where}: <${e3.localName}> where 2.1 has <${e2.localName}> (expected <${want}>)`);
  const a2 = own(e2).map(a => [html ? a.name : kebab(a.name), a.value]);
  let a3 = own(e3).map(a => [a.name, a.value]);
  if (want === 'qti-rubric-block') a3 = a3.filter(([n]) => n !== 'use');
  const key = v => JSON.stringify(v.sort());
  if (key(a2) !== key(a3)) fail(`${where}: attributes ${key(a3)}, 2.1 has ${key(a2)}`);
  if (text(e2) !== text(e3)) fail(`${where}: text ${JSON.stringify(text(e3))}, 2.1 has ${JSON.stringify(text(e2))}`);
  let k3 = elems(e3);
  // 3.0 holds the content of rubric blocks and feedback in a body
  if (['qti-rubric-block', 'qti-modal-feedback'].includes(want)) {
    if (k3.length !== 1 || k3[0].localName !== 'qti-content-body') fail(`${where}: no qti-content-body`);
    if (want === 'qti-rubric-block' && !e3.getAttribute('use')) fail(`${where}: a rubric block without use`);
    k3 = elems(k3[0]);
  }
  const k2 = elems(e2);
  if (k2.length !== k3.length) fail(`${where}: ${k3.length} children, 2.1 has ${k2.length}`);
  k2.forEach((c, i) => same(c, k3[i], `${where}/${c.localName}`));
}

const m2 = parse(path.join(D21, 'imsmanifest.xml')), m3 = parse(path.join(D30, 'imsmanifest.xml'));
const all = (n, name) => [...n.getElementsByTagName('*')].filter(c => c.localName === name);
const res2 = all(m2.documentElement, 'resource'), res3 = all(m3.documentElement, 'resource');
const files = new Set();
check('the manifests list the same resources, files and dependencies', () => {
  const shape = (r, v) => ({
    id: r.getAttribute('identifier'), href: r.getAttribute('href'),
    type: r.getAttribute('type').replace(v, 'VERSION'),
    files: all(r, 'file').map(f => f.getAttribute('href')),
    deps: all(r, 'dependency').map(d => d.getAttribute('identifierref')),
  });
  const s2 = res2.map(r => shape(r, 'v2p1')), s3 = res3.map(r => shape(r, 'v3p0'));
  if (JSON.stringify(s2) !== JSON.stringify(s3)) fail('resources differ');
  for (const r of s2) for (const f of r.files) files.add(f);
  if (m3.documentElement.namespaceURI !== 'http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1') fail('3.0 manifest namespace');
  return `${s2.length} resources`;
});
check('the LOM of each item is the same: title, keywords, difficulty, time, level and codes', () => {
  const lom = (r, v3) => {
    const lang = n => all(n, v3 ? 'string' : 'langstring').map(text);
    const one = (n, name) => all(n, name)[0];
    const g = one(r, 'general'), ed = one(r, 'educational');
    if (!g) return null;
    return {
      title: lang(one(g, 'title')), keywords: all(g, 'keyword').map(lang),
      difficulty: v3 ? text(one(one(ed, 'difficulty'), 'value')) : lang(one(one(ed, 'difficulty'), 'value'))[0],
      time: (all(ed, v3 ? 'duration' : 'datetime')[0] || { childNodes: [] }).childNodes.length
        ? text(all(ed, v3 ? 'duration' : 'datetime')[0]) : '',
      taxa: all(r, 'taxon').map(t => [text(one(t, 'id')), lang(one(t, 'entry'))]),
      ns: g.namespaceURI,
    };
  };
  let n = 0;
  res2.forEach((r, i) => {
    const a = lom(r, false), b = lom(res3[i], true);
    if (!a) return;
    if (a.ns !== 'http://www.imsglobal.org/xsd/imsmd_v1p2' || b.ns !== 'http://ltsc.ieee.org/xsd/LOM') fail('LOM namespaces');
    delete a.ns; delete b.ns;
    if (JSON.stringify(a) !== JSON.stringify(b)) fail(`${r.getAttribute('identifier')}: LOM ${JSON.stringify(b)}, 2.1 has ${JSON.stringify(a)}`);
    n++;
  });
  return `${n} items`;
});
let nfiles = 0;
check('every 3.0 file is its 2.1 twin in QTI 3 names', () => {
  const bad = [];
  for (const f of [...files].filter(f => f.endsWith('.xml'))) {
    try {
      const x2 = parse(path.join(D21, f)).documentElement, x3 = parse(path.join(D30, f)).documentElement;
      if (x2.namespaceURI !== QTI21 || x3.namespaceURI !== QTI30) fail(`${f}: namespaces`);
      same(x2, x3, f);
      nfiles++;
    } catch (e) { bad.push(e.message); }
  }
  if (bad.length) fail(`${bad.length} files differ:\n${bad.slice(0, 5).join('\n')}`);
  return `${nfiles} files`;
});
check('the media are the same bytes', () => {
  const media = [...files].filter(f => !f.endsWith('.xml'));
  for (const f of media)
    if (!fs.readFileSync(path.join(D21, f)).equals(fs.readFileSync(path.join(D30, f)))) fail(`${f} differs`);
  return `${media.length} files`;
});
console.log(`qti-pair: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
