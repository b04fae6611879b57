// node docx.mjs PAPER.xml paper|key|key+explanations DOCX [PDF]
// Reads a paper or key that tiku wrote as Word with mammoth (a reader we
// did not write): no warning at all, with a style map naming the paper's
// styles (so a style we forgot to define or name is a warning too), and
// every stem, option, answer, rubric and explanation of the paper in the
// document's text, in the paper's order; with PDF (the document as
// LibreOffice printed it) the same of its text (poppler's pdftotext), and
// every page's footer 第X页 共N页, N the PDF's pages (pdfinfo).  A key
// shows fill answers as people write them ("61.00（或 61）"), never the
// storage syntax's "|".  Prints "ok"/"not ok" lines and "N passed, N failed".
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import mammoth from 'mammoth';
import { DOMParser } from '@xmldom/xmldom';

const [paperFile, mode, docxFile, pdf] = process.argv.slice(2);
if (!paperFile || !/^(paper|key|key\+explanations)$/.test(mode || '') || !docxFile) {
  console.error('usage: node docx.mjs PAPER.xml paper|key|key+explanations DOCX [PDF]');
  process.exit(2);
}
const key = mode.startsWith('key'), explanations = mode.endsWith('explanations');
let passed = 0, failed = 0;
async function check(name, fn) {
  try {
    const note = await fn();
    passed++;
    console.log(`ok - ${name}${note ? ' # ' + note : ''}`);
  } catch (e) {
    failed++;
    console.log(`not ok - ${name}`);
    console.log(`#   ${String(e.message || e).split('\n').slice(0, 6).join('\n#   ')}`);
  }
}
const fail = m => { throw new Error(m); };
const kids = (n, name) => [...n.childNodes].filter(c => c.nodeType === 1 && (!name || c.localName === name));
const kid = (n, name) => kids(n, name)[0];
// text without any white space (LibreOffice spaces CJK from Latin; lines wrap anywhere)
const norm = s => String(s || '').replace(/[\s\u3000]+/g, '');

// A fragment as the pieces of text it shows: its paragraphs and list
// items in order, and its table cells (found anywhere: a PDF's text may
// read a table across).
function pieces(el) {
  const seq = [], any = [];
  let cur = '';
  const flush = () => { if (norm(cur)) seq.push(norm(cur)); cur = ''; };
  for (const c of el ? [...el.childNodes] : []) {
    const name = c.nodeType === 1 ? c.localName : '';
    if (name === 'p') { flush(); cur = c.textContent; flush(); }
    else if (name === 'ul' || name === 'ol') { flush(); for (const li of kids(c, 'li')) { cur = li.textContent; flush(); } }
    else if (name === 'table') {
      flush();
      for (const tr of kids(c, 'tr')) for (const td of kids(tr)) if (norm(td.textContent)) any.push(norm(td.textContent));
    } else if (name === 'img') flush();
    else cur += c.textContent;
  }
  flush();
  return { seq, any };
}

// A fill answer as people write it: the first accepted text, the others in （或 …）
function blanksText(answer) {
  const blanks = kids(answer, 'blank').map(b => b.textContent.split('|').map(s => s.trim()).filter(Boolean));
  return blanks.map((alts, i) => (blanks.length > 1 ? `${i ? '；' : ''}（${i + 1}）` : '') +
    alts.map((a, k) => (k === 1 ? '（或 ' : k > 1 ? '、' : '') + a).join('') + (alts.length > 1 ? '）' : '')).join('');
}

const paper = new DOMParser().parseFromString(fs.readFileSync(paperFile, 'utf8'), 'text/xml').documentElement;
const title = norm(textOf(kid(paper, 'title')) || paper.getAttribute('id'));
function textOf(n) { return n ? n.textContent : ''; }

// What the document must say, in order: [text, anywhere?]
const want = [[title, false]];
let no = 0, items = 0, images = [];
if (key) want.push(['参考答案及评分标准', false]);
for (const sec of kids(paper, 'section')) {
  const its = kids(sec, 'item');
  if (!its.length) continue;
  const marksOnly = its.every(it => ['single', 'multiple', 'truefalse'].includes(it.getAttribute('type')));
  for (const it of its) {
    const type = it.getAttribute('type'), ans = kid(it, 'answer');
    items++;
    no++;
    for (const img of it.getElementsByTagName('img')) images.push(img.getAttribute('alt') || '');
    if (!key) {
      const { seq, any } = pieces(kid(it, 'stem'));
      seq.forEach(s => want.push([s, false]));
      any.forEach(s => want.push([s, true]));
      for (const o of kids(kid(it, 'options') || it, 'option')) want.push([o.getAttribute('key') + '．' + norm(o.textContent), false]);
      continue;
    }
    const mark = type === 'truefalse' ? (textOf(ans).trim() === 'true' ? '√' : '×') : norm(textOf(ans));
    if (marksOnly && !explanations) { want.push([`${no}．${mark}`, false]); continue; }
    want.push([`${no}．答案：`, false]);
    if (['single', 'multiple', 'truefalse'].includes(type)) want.push([mark, false]);
    else if (type === 'fill') want.push([norm(blanksText(ans)), false]);
    else { const { seq, any } = pieces(ans); seq.forEach(s => want.push([s, false])); any.forEach(s => want.push([s, true])); }
    for (const c of kids(kid(it, 'rubric') || it, 'criterion')) want.push([norm(c.textContent), false]);
    if (explanations && kid(it, 'explanation')) {
      want.push(['解析：', false]);
      const { seq, any } = pieces(kid(it, 'explanation'));
      seq.forEach(s => want.push([s, false]));
      any.forEach(s => want.push([s, true]));
    }
  }
}

// text: the document's text in reading order; cells: where table cells are
// whole (a PDF's text as blocks, not as lines across the page)
function inOrder(text, what, cells = text) {
  const t = norm(text), c = norm(cells);
  let pos = 0, n = 0;
  for (const [s, anywhere] of want) {
    if (!s) continue;
    if (anywhere) { if (!c.includes(s)) fail(`${what}: not found anywhere: ${s}`); n++; continue; }
    const at = t.indexOf(s, pos);
    if (at < 0) fail(`${what}: not found after character ${pos} (…${t.slice(Math.max(0, pos - 30), pos)}…): ${s}`);
    pos = at + s.length;
    n++;
  }
  if (key && t.includes('|')) fail(`${what}: the storage syntax's | is shown: …${t.slice(t.indexOf('|') - 20, t.indexOf('|') + 20)}…`);
  return `${n} pieces of ${items} items in order`;
}

// every style the paper uses, by the name a school sees in Word
const styleMap = [
  "p[style-name='试卷标题'] => h1:fresh", "p[style-name='试卷信息'] => p.info:fresh",
  "p[style-name='注意事项标题'] => p.notice-title:fresh", "p[style-name='注意事项'] => p.notice:fresh",
  "p[style-name='评分表'] => p.score:fresh", "p[style-name='大题标题'] => h2:fresh",
  "p[style-name='大题说明'] => p.instructions:fresh", "p[style-name='试题'] => p.item:fresh",
  "p[style-name='试题续行'] => p.item-text:fresh", "p[style-name='选项'] => p.options:fresh",
  "p[style-name='答题线'] => p.line:fresh", "p[style-name='表格文字'] => p.cell:fresh",
  "p[style-name='答案'] => p.answer:fresh", "p[style-name='评分标准'] => p.rubric:fresh",
  "p[style-name='解析'] => p.explanation:fresh", "table[style-name='试卷表格'] => table.tiku:fresh",
];

let html = '';
await check(`mammoth reads ${docxFile} with no warning`, async () => {
  const r = await mammoth.convertToHtml({ path: docxFile }, { styleMap });
  html = r.value;
  if (r.messages.length) fail(r.messages.map(m => `${m.type}: ${m.message}`).join('\n'));
});
await check(`mammoth: the ${key ? 'key' : 'paper'}'s content in order`, () => {
  const text = html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return inOrder(text, 'mammoth');
});
if (!key) {
  await check('mammoth: every item in the numbered list, every image with its alt text', () => {
    // an item's first paragraph, the numbered one, is in the style 试题; the rest in 试题续行
    const n = (html.match(/<p class="item">/g) || []).length;
    if (n !== items) fail(`${n} item paragraphs for ${items} items`);
    const imgs = [...html.matchAll(/<img [^>]*>/g)].map(m => (m[0].match(/alt="([^"]*)"/) || [])[1] || '');
    for (const alt of images) if (alt && !imgs.includes(alt)) fail(`no image with alt text ${alt}`);
    if (imgs.length < images.length) fail(`${imgs.length} images for ${images.length}`);
    return `${images.length} images`;
  });
}
if (pdf) {
  const text = (...args) => execFileSync('pdftotext', [...args, pdf, '-'], { encoding: 'utf8' });
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const pages = Number((info.match(/^Pages:\s*(\d+)/m) || [])[1]);
  const page = [];
  for (let p = 1; p <= pages; p++) page.push(text('-layout', '-f', String(p), '-l', String(p)));
  await check(`LibreOffice's PDF of ${docxFile}: 第X页 共N页 on every page, N its pages`, () => {
    if (!pages) fail('pdfinfo gives no pages');
    page.forEach((t, i) => {
      if (!norm(t).includes(`第${i + 1}页共${pages}页`))
        fail(`page ${i + 1} does not say 第${i + 1}页 共${pages}页: …${norm(t).slice(-40)}`);
    });
    return `${pages} pages`;
  });
  await check(`LibreOffice's PDF of ${docxFile}: the content in order`, () => {
    // the page's furniture parts an item that runs on: the footer, and the
    // running head (the line every page after the first starts with)
    const lines = page.map(t => t.split('\n').filter(l => norm(l) && !/第\s*\d+\s*页\s*共\s*\d+\s*页/.test(l)));
    const head = pages > 1 && lines.slice(1).every(l => l.length && norm(l[0]) === norm(lines[1][0])) ? norm(lines[1][0]) : null;
    // (on the first page the title may read as our running head does)
    const body = lines.map((l, i) => (head && l.length && norm(l[0]) === head && (i || head !== title)
      ? l.slice(1) : l).join('\n')).join('\n');
    return inOrder(body, 'PDF', text());
  });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
