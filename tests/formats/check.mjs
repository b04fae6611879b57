// node check.mjs moodle|gift|qti|xlsx|csv EXPORT ITEMS.xml   (qti: the unpacked folder)
// Reads an export of tiku's with a parser we did not write (@xmldom/xmldom
// for Moodle XML, gift-pegjs for GIFT, exceljs for an Excel workbook; csv:
// a CSV file another program wrote from tiku's workbook, LibreOffice's)
// and checks every question or row against
// the same items exported as tiku XML: the type, the answers and their
// fractions or weights, the category, the tags.  Prints one "ok"/"not ok"
// line per check and "N passed, N failed".
import fs from 'node:fs';
import { DOMParser } from '@xmldom/xmldom';
import { parse as giftParse } from 'gift-pegjs';
import ExcelJS from 'exceljs';

const [fmt, file, itemsFile] = process.argv.slice(2);
if (!fmt || !file || !itemsFile) {
  console.error('usage: node check.mjs moodle|gift|qti|xlsx|csv EXPORT ITEMS.xml');
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
    console.log(`#   ${String(e.message || e).split('\n').slice(0, 4).join('\n#   ')}`);
  }
}
const fail = m => { throw new Error(m); };
const eq = (a, b, m) => {
  const x = JSON.stringify(a), y = JSON.stringify(b);
  if (x !== y) fail(`${m}: got ${x}, expected ${y}`);
};
const strict = { onError: (level, msg) => { if (level !== 'warning') throw new Error(`${level}: ${msg}`); } };
const kids = (n, name) => [...n.childNodes].filter(c => c.nodeType === 1 && (!name || c.localName === name));
const kid = (n, name) => kids(n, name)[0];
const textOf = n => (n ? n.textContent : '');

// the bank's truth, from tiku's own XML
const items = new Map();
{
  const doc = new DOMParser(strict).parseFromString(fs.readFileSync(itemsFile, 'utf8'), 'text/xml');
  for (const it of kids(doc.documentElement, 'item')) {
    const opts = kid(it, 'options');
    const ans = kid(it, 'answer');
    items.set(it.getAttribute('id'), {
      id: it.getAttribute('id'),
      type: it.getAttribute('type'),
      kind: it.getAttribute('kind'),
      status: it.getAttribute('status'),
      time: Number(it.getAttribute('time') || 0),
      author: it.getAttribute('author') || '',
      stem: textOf(kid(it, 'stem')),
      gaps: kid(it, 'stem') ? kid(it, 'stem').getElementsByTagName('gap').length : 0,
      images: kid(it, 'stem') ? kid(it, 'stem').getElementsByTagName('img').length : 0,
      points: Number(it.getAttribute('points')),
      difficulty: it.getAttribute('difficulty'),
      codes: kids(it, 'code').map(textOf),
      keywords: kids(it, 'keyword').map(textOf),
      options: opts ? kids(opts, 'option').map(o => ({ key: o.getAttribute('key'), text: textOf(o) })) : [],
      answer: ans ? textOf(ans).trim() : '',
      blanks: ans ? kids(ans, 'blank').map(b => textOf(b).split('|').map(s => s.trim()).filter(Boolean)) : [],
      explanation: textOf(kid(it, 'explanation')),
      rubric: kids(kid(it, 'rubric') || it, 'criterion').map(textOf),
    });
  }
}
// an export's HTML as text, and a tiku field's text, both without spaces
const plain = s => String(s || '').replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
  .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, '');
const raw = s => String(s || '').replace(/\s+/g, '');
const near = (a, b) => Math.abs(a - b) < 0.01;
const seen = new Set();

if (fmt === 'moodle') {
  let doc;
  check('Moodle XML parses (xmldom, errors fatal)', () => {
    doc = new DOMParser(strict).parseFromString(fs.readFileSync(file, 'utf8'), 'text/xml');
    eq(doc.documentElement.localName, 'quiz', 'root');
  });
  if (!doc) process.exit(1);
  const want = { single: 'multichoice', multiple: 'multichoice', truefalse: 'truefalse',
    short: 'essay', case: 'essay', task: 'essay' };
  let category = '', cats = new Set();
  const bad = [];
  for (const q of kids(doc.documentElement, 'question')) {
    const type = q.getAttribute('type');
    if (type === 'category') { category = textOf(kid(kid(q, 'category'), 'text')); cats.add(category); continue; }
    const id = textOf(kid(kid(q, 'name'), 'text'));
    const it = items.get(id);
    try {
      if (!it) fail(`question ${id} is no item of the bank`);
      if (seen.has(id)) fail(`question ${id} twice`);
      seen.add(id);
      eq(textOf(kid(q, 'idnumber')), id, `${id}: idnumber`);
      const expect = it.type === 'fill' ? (it.blanks.length > 1 ? 'cloze' : 'shortanswer') : want[it.type];
      eq(type, expect, `${id}: type`);
      if (!category.startsWith('$course$/')) fail(`${id}: category ${category}`);
      const grade = Number(textOf(kid(q, 'defaultgrade')));
      if (!near(grade, it.points)) fail(`${id}: defaultgrade ${grade}, points ${it.points}`);
      const stem = textOf(kid(kid(q, 'questiontext'), 'text'));
      if (!stem.trim()) fail(`${id}: empty question text`);
      if (it.explanation && !plain(textOf(kid(kid(q, 'generalfeedback'), 'text'))).includes(raw(it.explanation).slice(0, 10)))
        fail(`${id}: general feedback is not the explanation`);
      const tags = kids(kid(q, 'tags') || q, 'tag').map(t => textOf(kid(t, 'text')));
      for (const c of it.codes) if (!tags.includes(c)) fail(`${id}: tag ${c} missing`);
      for (const k of it.keywords) if (!tags.includes(k)) fail(`${id}: tag ${k} missing`);
      if (!tags.includes(`tiku-difficulty-${it.difficulty}`)) fail(`${id}: difficulty tag missing`);
      const answers = kids(q, 'answer').map(a => ({ f: Number(a.getAttribute('fraction')), text: textOf(kid(a, 'text')) }));
      if (type === 'multichoice') {
        eq(textOf(kid(q, 'single')), it.type === 'single' ? 'true' : 'false', `${id}: single`);
        eq(answers.length, it.options.length, `${id}: answers`);
        const right = it.options.filter(o => it.answer.includes(o.key)).length;
        it.options.forEach((o, i) => {
          const ok = it.answer.includes(o.key);
          const f = ok ? 100 / right : it.type === 'single' ? 0 : -100;
          if (!near(answers[i].f, f)) fail(`${id}: option ${o.key} fraction ${answers[i].f}, expected ${f}`);
          if (plain(answers[i].text) !== raw(o.text)) fail(`${id}: option ${o.key} text`);
        });
        const sum = answers.filter(a => a.f > 0).reduce((s, a) => s + a.f, 0);
        if (!near(sum, 100)) fail(`${id}: right answers add up to ${sum}`);
      } else if (type === 'truefalse') {
        const t = answers.find(a => a.text === 'true'), f = answers.find(a => a.text === 'false');
        eq([t.f, f.f], it.answer === 'true' ? [100, 0] : [0, 100], `${id}: fractions`);
      } else if (type === 'shortanswer') {
        eq(answers.map(a => a.text), it.blanks[0], `${id}: accepted answers`);
        if (!answers.every(a => a.f === 100)) fail(`${id}: fractions`);
      } else if (type === 'cloze') {
        const subs = [...stem.matchAll(/\{1:SHORTANSWER:((?:\\.|[^}])*)\}/g)].map(m =>
          m[1].split(/~(?==)/).map(s => s.replace(/^=/, '').replace(/\\(.)/g, '$1')));
        eq(subs, it.blanks, `${id}: cloze blanks`);
      } else if (type === 'essay') {
        const g = plain(textOf(kid(kid(q, 'graderinfo'), 'text')));
        for (const r of it.rubric) if (!g.includes(raw(r))) fail(`${id}: rubric line missing from graderinfo`);
        if (it.answer && !g.includes(raw(it.answer).slice(0, 10))) fail(`${id}: reference answer missing`);
      }
    } catch (e) { bad.push(e.message); }
  }
  check('every question matches its item (type, answers, fractions, grade, feedback, tags)', () => {
    eq(bad.slice(0, 5), [], `${bad.length} questions differ`);
    return `${seen.size} questions in ${cats.size} categories`;
  });
  check('every item of the bank is a question', () => {
    const missing = [...items.keys()].filter(id => !seen.has(id));
    eq(missing.slice(0, 5), [], `${missing.length} items missing`);
  });
} else if (fmt === 'gift') {
  let qs;
  check('GIFT parses (gift-pegjs)', () => {
    qs = giftParse(fs.readFileSync(file, 'utf8'));
    return `${qs.length} entries`;
  });
  if (!qs) process.exit(1);
  const bad = [];
  let category = '';
  const cats = new Set();
  for (const q of qs) {
    if (q.type === 'Category') { category = q.title; cats.add(category); continue; }
    const id = q.title;
    const it = items.get(id);
    try {
      if (!it) fail(`question ${id} is no item of the bank`);
      if (seen.has(id)) fail(`question ${id} twice`);
      seen.add(id);
      eq(q.id, id, `${id}: [id:]`);
      if (!category.startsWith('$course$/')) fail(`${id}: category ${category}`);
      eq(q.stem.format, 'html', `${id}: format`);
      for (const c of it.codes) if (!(q.tags || []).includes(c)) fail(`${id}: tag ${c} missing`);
      if (it.explanation && !plain(q.globalFeedback && q.globalFeedback.text).includes(raw(it.explanation).slice(0, 10)))
        fail(`${id}: general feedback is not the explanation`);
      if (it.type === 'single' || it.type === 'multiple') {
        eq(q.type, 'MC', `${id}: type`);
        eq(q.choices.length, it.options.length, `${id}: choices`);
        const right = it.options.filter(o => it.answer.includes(o.key)).length;
        it.options.forEach((o, i) => {
          const c = q.choices[i], ok = it.answer.includes(o.key);
          if (plain(c.text.text) !== raw(o.text)) fail(`${id}: option ${o.key} text "${c.text.text}"`);
          if (it.type === 'single') eq(c.isCorrect, ok, `${id}: option ${o.key} right`);
          else if (!near(c.weight, ok ? 100 / right : -100)) fail(`${id}: option ${o.key} weight ${c.weight}`);
        });
      } else if (it.type === 'truefalse') {
        eq(q.type, 'TF', `${id}: type`);
        eq(q.isTrue, it.answer === 'true', `${id}: answer`);
      } else if (it.type === 'fill') {
        eq(q.type, 'Short', `${id}: type`);
        eq(q.choices.map(c => c.text.text), it.blanks[0], `${id}: accepted answers`);
        if (!q.choices.every(c => c.isCorrect)) fail(`${id}: every answer right`);
      } else {
        eq(q.type, 'Essay', `${id}: type`);
      }
    } catch (e) { bad.push(e.message); }
  }
  check('every question matches its item (type, answers, weights, feedback, tags)', () => {
    eq(bad.slice(0, 5), [], `${bad.length} questions differ`);
    return `${seen.size} questions in ${cats.size} categories`;
  });
  check('every item is a question, but for fill items of several blanks', () => {
    const missing = [...items.values()].filter(it => !seen.has(it.id) && !(it.type === 'fill' && it.blanks.length > 1));
    eq(missing.map(it => it.id).slice(0, 5), [], `${missing.length} items missing`);
  });
} else if (fmt === 'qti') {
  // an unpacked QTI 2.1 package, or its QTI 3.0 conversion: the manifest
  // lists every item, each item's correct response, mapping, MAXSCORE
  // and scorer rubric are the bank's
  const q3 = n => n.replace(/[A-Z]/g, c => '-' + c.toLowerCase());
  let v3 = false;
  const el = (n, name) => kids(n).filter(c => c.localName === name || c.localName === 'qti-' + q3(name));
  const at = (n, name) => n.getAttribute(name) || n.getAttribute(q3(name));
  const all = (n, name) => [...n.getElementsByTagName('*')].filter(c => c.localName === name || c.localName === 'qti-' + q3(name));
  let man;
  check('the manifest parses and lists every item once', () => {
    man = new DOMParser(strict).parseFromString(fs.readFileSync(`${file}/imsmanifest.xml`, 'utf8'), 'text/xml');
    const res = all(man.documentElement, 'resource');
    const hrefs = res.map(r => r.getAttribute('href'));
    eq(hrefs.length, items.size, 'resources');
    eq(new Set(hrefs).size, hrefs.length, 'repeated resources');
    for (const h of hrefs) if (!fs.existsSync(`${file}/${h}`)) fail(`${h} listed but missing`);
    return `${res.length} resources`;
  });
  const bad = [];
  for (const r of man ? all(man.documentElement, 'resource') : []) {
    const href = r.getAttribute('href');
    try {
      const doc = new DOMParser(strict).parseFromString(fs.readFileSync(`${file}/${href}`, 'utf8'), 'text/xml');
      const root = doc.documentElement;
      v3 = root.localName === 'qti-assessment-item';
      const title = root.getAttribute('title'), it = items.get(title);
      if (!it) fail(`${href}: no item ${title}`);
      seen.add(title);
      const decls = Object.fromEntries(el(root, 'responseDeclaration').map(d => [d.getAttribute('identifier'), d]));
      const outs = Object.fromEntries(el(root, 'outcomeDeclaration').map(d => [d.getAttribute('identifier'), d]));
      const max = Number(textOf(all(outs.MAXSCORE, 'value')[0]));
      if (!near(max, it.points)) fail(`${title}: MAXSCORE ${max}, points ${it.points}`);
      const values = d => all(el(d, 'correctResponse')[0] || d, 'value').map(textOf);
      if (it.type === 'single' || it.type === 'multiple') {
        eq(values(decls.RESPONSE), it.answer.split(''), `${title}: correct response`);
        eq(at(decls.RESPONSE, 'cardinality'), it.type === 'multiple' ? 'multiple' : 'single', `${title}: cardinality`);
        const choices = all(root, 'simpleChoice');
        eq(choices.map(c => c.getAttribute('identifier')), it.options.map(o => o.key), `${title}: choices`);
        choices.forEach((c, i) => { if (raw(c.textContent) !== raw(it.options[i].text)) fail(`${title}: choice ${it.options[i].key} text`); });
      } else if (it.type === 'truefalse') {
        eq(values(decls.RESPONSE), [it.answer === 'true' ? 'T' : 'F'], `${title}: correct response`);
      } else if (it.type === 'fill') {
        it.blanks.forEach((alts, i) => {
          const d = decls['RESPONSE' + (i + 1)];
          if (!d) fail(`${title}: no response for blank ${i + 1}`);
          const keys = all(d, 'mapEntry').map(m => at(m, 'mapKey'));
          eq(keys, [...new Set(alts)], `${title}: blank ${i + 1} accepted texts`);
        });
        eq(all(root, 'textEntryInteraction').length, it.blanks.length, `${title}: text entries`);
      } else {
        const rb = all(root, 'rubricBlock')[0];
        if (!rb || rb.getAttribute('view') !== 'scorer') fail(`${title}: no rubric for scorers`);
        for (const line of it.rubric) if (!raw(rb.textContent).includes(raw(line))) fail(`${title}: rubric line missing`);
        if (!all(root, 'extendedTextInteraction').length) fail(`${title}: no extended text`);
      }
      if (it.explanation && !all(root, 'modalFeedback').some(f => raw(f.textContent).includes(raw(it.explanation).slice(0, 10))))
        fail(`${title}: explanation not in the feedback`);
    } catch (e) { bad.push(e.message); }
  }
  check('every item matches the bank (responses, mappings, MAXSCORE, rubric, feedback)', () => {
    eq(bad.slice(0, 5), [], `${bad.length} items differ`);
    return `${seen.size} items, QTI ${v3 ? '3.0' : '2.1'}`;
  });
} else if (fmt === 'xlsx' || fmt === 'csv') {
  // a row of the import layout against its item: every cell as tiku's import reads it
  const zhType = { 单选: 'single', 多选: 'multiple', 判断: 'truefalse', 填空: 'fill', 简答: 'short',
    案例分析: 'case', 实操: 'task' };
  const zhStatus = { 草稿: 'draft', 待审核: 'review', 已审核: 'approved', 停用: 'retired' };
  const want = ['编号', '题型', '题干', '选项A', '选项B', '选项C', '选项D', '选项E', '选项F', '答案',
    '解析', '难度', '知识点/代码', '分值', '等级', '类别', '状态', '用时', '关键词', '作者'];
  const checkRow = (get, n) => {
    const id = get('编号'), it = items.get(id);
    if (!it) fail(`row ${n}: 编号 '${id}' is no item of the bank`);
    if (seen.has(id)) fail(`row ${n}: item ${id} twice`);
    seen.add(id);
    eq(zhType[get('题型')], it.type, `${id} 题型`);
    // the stem's text, its gaps as ____ and images as [图]
    eq(raw(get('题干')).replace(/_{3,}/g, '').replace(/\[图\]/g, ''), raw(it.stem), `${id} 题干`);
    eq((get('题干').match(/_{4}/g) || []).length, it.gaps, `${id} gaps`);
    const opts = ['A', 'B', 'C', 'D', 'E', 'F'].map(k => get('选项' + k)).filter(Boolean);
    eq(opts.map(raw), it.type === 'truefalse' ? [] : it.options.map(o => raw(o.text)), `${id} 选项`);
    const a = get('答案');
    if (it.type === 'single' || it.type === 'multiple') eq(a, it.answer, `${id} 答案`);
    else if (it.type === 'truefalse') eq(a, it.answer === 'true' ? '正确' : '错误', `${id} 答案`);
    else if (it.type === 'fill')
      eq(a.split('；').map(b => b.split('|').map(s => s.trim())), it.blanks, `${id} 答案 (blanks)`);
    else eq(raw(a), raw(it.answer), `${id} 答案`);
    eq(raw(get('解析')), raw(it.explanation), `${id} 解析`);
    eq(get('难度'), it.difficulty, `${id} 难度`);
    if (!near(Number(get('分值')), it.points)) fail(`${id} 分值: ${get('分值')}, expected ${it.points}`);
    eq(get('知识点/代码').split(/[,\s]+/).filter(Boolean), it.codes, `${id} 知识点/代码`);
    eq(get('关键词').split('、').filter(Boolean), it.keywords, `${id} 关键词`);
    eq(get('类别') === '技能' ? 'skill' : get('类别') === '理论' ? 'theory' : get('类别'), it.kind, `${id} 类别`);
    eq(zhStatus[get('状态')], it.status, `${id} 状态`);
    eq(Number(get('用时') || 0), it.time, `${id} 用时`);
    eq(get('作者'), it.author, `${id} 作者`);
    if (!get('等级')) fail(`${id}: 等级 is empty`);
  };
  if (fmt === 'xlsx') {
    const wb = new ExcelJS.Workbook();
    let ws;
    await wb.xlsx.readFile(file).then(() => { ws = wb.worksheets[0]; }, e => fail(String(e)));
    check('the workbook opens (exceljs), one sheet', () => {
      if (!ws) fail('no sheet');
      eq(wb.worksheets.length, 1, 'sheets');
      return `sheet '${ws.name}', ${ws.rowCount} rows`;
    });
    if (!ws) process.exit(1);
    const head = ws.getRow(1).values.slice(1);
    check('the header: the import layout, bold, frozen, wrapping, columns sized', () => {
      eq(head, want, 'header');
      for (let c = 1; c <= want.length; c++)
        if (!ws.getRow(1).getCell(c).font || !ws.getRow(1).getCell(c).font.bold) fail(`header cell ${c} not bold`);
      const v = ws.views[0] || {};
      eq([v.state, v.ySplit], ['frozen', 1], 'frozen pane');
      eq(ws.getColumn(3).width, 60, '题干 width');
      if (!(ws.getColumn(1).width >= 10)) fail('编号 width');
      if (ws.rowCount > 1 && !(ws.getRow(2).getCell(3).alignment || {}).wrapText) fail('题干 does not wrap');
    });
    check('every row matches its item; numbers are numbers, text is text', () => {
      for (let r = 2; r <= ws.rowCount; r++) {
        const row = ws.getRow(r);
        const get = name => {
          const c = row.getCell(want.indexOf(name) + 1);
          if (c.value === null || c.value === undefined) return '';
          const numeric = ['难度', '分值', '用时'].includes(name);
          if (numeric !== (typeof c.value === 'number')) fail(`row ${r} ${name}: a ${typeof c.value} cell`);
          return typeof c.value === 'object' && c.value.richText ? c.value.richText.map(t => t.text).join('')
            : String(c.value);
        };
        checkRow(get, r);
      }
      eq([...items.keys()].filter(k => !seen.has(k)), [], 'items of the bank missing');
      return `${seen.size} items`;
    });
  } else {
    // RFC 4180, as the other program wrote it
    const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    const rows = [];
    let row = [], f = '', q = false;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (q) {
        if (ch === '"' && text[i + 1] === '"') { f += '"'; i++; }
        else if (ch === '"') q = false;
        else f += ch;
      } else if (ch === '"') q = true;
      else if (ch === ',') { row.push(f); f = ''; }
      else if (ch === '\n' || ch === '\r') {
        if (ch === '\r' && text[i + 1] === '\n') i++;
        row.push(f); rows.push(row); row = []; f = '';
      } else f += ch;
    }
    if (f || row.length) { row.push(f); rows.push(row); }
    check('the header is the import layout', () => eq(rows[0], want, 'header'));
    check('every row matches its item', () => {
      for (let r = 1; r < rows.length; r++)
        checkRow(name => (rows[r][want.indexOf(name)] || '').replace(/\r\n/g, '\n'), r + 1);
      eq([...items.keys()].filter(k => !seen.has(k)), [], 'items of the bank missing');
      return `${seen.size} items`;
    });
  }
} else {
  console.error(`unknown format ${fmt}`);
  process.exit(2);
}
console.log(`${fmt}: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
