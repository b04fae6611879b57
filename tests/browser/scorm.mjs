// node scorm.mjs --version 12|2004 SITE_DIR
// Runs a course bundle's site as a SCO inside an LMS harness page that uses
// scorm-again's real Scorm12API / Scorm2004API, answers practice and the
// exam, reads back what the SCO reported, then relaunches it with the saved
// CMI (and an empty localStorage) and checks that the learner resumes.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, reporter, assert, eq, serve, plan, fillIn, points, AUTO, lmsExpect } from './lib.mjs';

const args = process.argv.slice(2);
let version = null, SITE = null;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--version') version = args[++i];
  else if (args[i].startsWith('--version=')) version = args[i].slice(10);
  else SITE = args[i];
}
if (!['12', '2004'].includes(version) || !SITE) {
  console.error('usage: node scorm.mjs --version 12|2004 SITE_DIR');
  process.exit(2);
}
if (!fs.existsSync(path.join(SITE, 'index.html'))) { console.error(`no ${SITE}/index.html`); process.exit(2); }
const HERE = path.dirname(fileURLToPath(import.meta.url));
const V12 = version === '12';

const server = await serve({
  '/harness/': path.join(HERE, 'harness'),
  '/lib/': path.join(HERE, 'node_modules/scorm-again/dist'),
  '/site/': path.resolve(SITE),
});
const ORIGIN = `http://127.0.0.1:${server.address().port}`;
const HARNESS = `${ORIGIN}/harness/index.html?v=${version}&sco=/site/index.html`;

const T = reporter(`scorm${version}`);
const { check } = T;
const errors = [];
const browser = await launch();
const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await ctx.newPage();
page.setDefaultTimeout(5000);
page.on('console', m => { if (m.type() === 'error' || m.type() === 'warning') errors.push(`console ${m.type()}: ${m.text()}`); });
page.on('pageerror', e => errors.push(`pageerror: ${e.message}`));

const enc = encodeURIComponent;
const sel = id => `section[data-item-id=${JSON.stringify(id)}]`;
const sco = () => page.frame({ name: 'sco' });
const cmi = () => page.evaluate(() => window.harness.cmi());
const calls = () => page.evaluate(() => window.harness.calls);
const K = V12
  ? { init: 'LMSInitialize', set: 'LMSSetValue', commit: 'LMSCommit', finish: 'LMSFinish' }
  : { init: 'Initialize', set: 'SetValue', commit: 'Commit', finish: 'Terminate' };

async function launchSco() {
  await page.goto(HARNESS);
  await page.waitForFunction(() => window.harness && window.harness.initialized());
  const f = sco();
  await f.waitForFunction(() => document.querySelector('main h1'));
  return f;
}
async function route(hash) {
  const f = sco();
  await f.evaluate(h => { location.hash = h; }, hash);
  await f.waitForFunction(h => location.hash === h && document.querySelector('main h1'), hash);
}
// the interactions as {id: {...}} plus their count, from the CMI
function interactions(c) {
  const list = Object.values(c.interactions || {}).filter(x => x && typeof x === 'object' && 'id' in x);
  return list.map(x => ({ id: x.id, type: x.type, response: V12 ? x.student_response : x.learner_response,
    result: x.result, weighting: Number(x.weighting), time: V12 ? x.time : x.timestamp }));
}
function status(c) {
  return V12 ? { status: c.core.lesson_status } : { completion: c.completion_status, success: c.success_status };
}
function score(c) {
  const s = V12 ? c.core.score : c.score;
  return V12 ? { raw: Number(s.raw), min: Number(s.min), max: Number(s.max) }
    : { raw: Number(s.raw), min: Number(s.min), max: Number(s.max), scaled: Number(s.scaled) };
}
const location_ = c => (V12 ? c.core.lesson_location : c.location);

let D;
let f;
await check('the SCO finds the API in its parent and initialises', async () => {
  f = await launchSco();
  D = await f.evaluate(() => window.TIKU_DATA);
  eq(D.format, V12 ? 'scorm12' : 'scorm2004', 'TIKU_DATA.format of this bundle');
  const c = await calls();
  assert(c.some(x => x[0] === K.init), 'never initialised');
  assert(c.some(x => x[0] === K.commit), 'never committed');
  return `${D.course.id}`;
});
if (!D) { await browser.close(); server.close(); process.exit(T.done()); }

const lessons = D.lessons, items = D.items, tests = D.tests || [];
const PASS = Number(D.course.pass);
const practiceAll = [...new Set(lessons.flatMap(l => (l.practice || []).filter(id => items[id])))];
const autoAll = practiceAll.filter(id => AUTO.has(items[id].type));
const autoTotal = autoAll.reduce((s, id) => s + points(items[id]), 0);
const examN = tests.findIndex(t => t.kind === 'exam');
const testIds = t => (t.sections || []).flatMap(s => s.items || []).filter(id => items[id]);

const given = new Map();      // practice item id -> plan
const expectedI = new Map();  // interaction id -> expected record
function expectedScore(examPct) {
  if (examN >= 0) {
    if (examPct !== undefined) return { raw: examPct, final: true, passed: examPct >= PASS };
  }
  let got = 0;
  for (const id of autoAll) if (given.get(id) && given.get(id).ok) got += points(items[id]);
  const raw = autoTotal ? Math.round(100 * got / autoTotal) : 0;
  if (examN >= 0) return { raw, final: false };
  if (!autoAll.length) return null;
  const all = autoAll.every(id => given.has(id));
  return all ? { raw, final: true, passed: raw >= PASS } : { raw, final: false };
}
function wantStatus(e) {
  if (V12) return { status: e.final ? (e.passed ? 'passed' : 'failed') : 'incomplete' };
  return { completion: e.final ? 'completed' : 'incomplete', success: e.final ? (e.passed ? 'passed' : 'failed') : 'unknown' };
}
function wantScore(e) {
  return V12 ? { raw: e.raw, min: 0, max: 100 } : { raw: e.raw, min: 0, max: 100, scaled: e.raw / 100 };
}

await check('first launch: status incomplete, location set on route change', async () => {
  let c = await cmi();
  eq(status(c), V12 ? { status: 'incomplete' } : { completion: 'incomplete', success: 'unknown' }, 'status at start');
  const l = lessons[0];
  await f.locator(`main a[href=${JSON.stringify('#lesson/' + enc(l.id))}]`).first().click();
  await f.waitForFunction(h => location.hash === h, '#lesson/' + enc(l.id));
  c = await cmi();
  eq(location_(c), 'lesson/' + l.id, 'location');
  if (!V12) eq(Number(c.progress_measure), Math.round(1000 / lessons.length) / 1000, 'progress_measure after one lesson');
});

// the lesson whose practice has the most kinds of auto-marked items
const P = (() => {
  let best = null;
  for (const l of lessons) {
    const ids = (l.practice || []).filter(id => items[id]);
    const auto = ids.filter(id => AUTO.has(items[id].type));
    const sc = new Set(auto.map(id => items[id].type)).size * 100 + auto.length + (ids.length > auto.length ? 50 : 0);
    if (auto.length >= 2 && (!best || sc > best.sc)) best = { l, ids, auto, sc };
  }
  return best;
})();

if (!P) console.log('ok - practice # SKIP no lesson with two auto-marked practice items');
else {
  await check(`practice of "${P.l.id}": answers reported as interactions, score and status`, async () => {
    await route('#practice/' + enc(P.l.id));
    const open = P.ids.find(id => !AUTO.has(items[id].type));
    const order = open ? [...P.auto, open] : P.auto;
    for (const [k, id] of order.entries()) {
      const it = items[id], p = plan(it, k % 2 === 0), sec = f.locator(sel(id));
      const before = (await calls()).filter(x => x[0] === K.commit).length;
      await fillIn(sec, it, p);
      await sec.getByRole('button', { name: '提交', exact: true }).click();
      await sec.locator('[aria-live="polite"]').filter({ hasText: p.ok === null ? '已提交' : p.ok ? '正确' : '错误' }).waitFor();
      const after = (await calls()).filter(x => x[0] === K.commit).length;
      assert(after > before, `no commit after answering ${id}`);
      given.set(id, p);
      expectedI.set(id, { ...lmsExpect(version, it, p), id });
    }
    const c = await cmi();
    const got = interactions(c);
    eq(got.length, expectedI.size, 'interaction count');
    for (const g of got) {
      const e = expectedI.get(g.id);
      assert(e, `unexpected interaction ${g.id}`);
      eq({ type: g.type, response: g.response, result: g.result, weighting: g.weighting },
        { type: e.type, response: e.response, result: e.result, weighting: e.weighting }, `interaction ${g.id}`);
      assert(V12 ? /^\d\d:\d\d:\d\d$/.test(g.time) : /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.test(g.time), `time of ${g.id}: ${g.time}`);
    }
    // what the SCO itself sent: an LMS may not normalise as scorm-again does
    const sent = (await calls()).filter(x => x[0] === K.set && /^cmi\.interactions\.\d+\.(result|type)$/.test(x[1]));
    const vocab = V12 ? /^(correct|wrong|neutral|choice|true-false|fill-in|performance)$/
      : /^(correct|incorrect|neutral|choice|true-false|fill-in|long-fill-in)$/;
    const bad = sent.filter(x => !vocab.test(x[2]));
    eq(bad, [], 'values sent outside the vocabulary');
    const e = expectedScore();
    eq(status(c), wantStatus(e), 'status');
    eq(score(c), wantScore(e), 'score');
    eq(location_(c), 'practice/' + P.l.id, 'location');
    return `${got.length} interactions, raw ${e.raw}`;
  });
}

let examPct;
if (examN < 0) console.log('ok - exam # SKIP the course has no exam');
else {
  await check(`exam "${tests[examN].title}": submitted, score and ${V12 ? 'lesson_status' : 'completion/success'} from its percent`, async () => {
    const t = tests[examN], ids = testIds(t);
    await route('#test/' + examN);
    await f.getByRole('button', { name: /开始/ }).click();
    await f.locator('[role=timer]').waitFor();
    let got = 0, total = 0;
    for (const [k, id] of ids.entries()) {
      const it = items[id], p = plan(it, k % 3 !== 2);
      await fillIn(f.locator(sel(id)), it, p);
      if (AUTO.has(it.type)) { total += points(it); if (p.ok) got += points(it); }
      expectedI.set(id, { ...lmsExpect(version, it, p), id });
    }
    await f.getByRole('button', { name: '交卷', exact: true }).click();
    examPct = total ? Math.round(100 * got / total) : 0;
    await f.locator('main').filter({ hasText: `${examPct} 分` }).waitFor();
    const c = await cmi();
    const e = expectedScore(examPct);
    eq(status(c), wantStatus(e), 'status');
    eq(score(c), wantScore(e), 'score');
    const gotI = interactions(c);
    eq(gotI.length, expectedI.size, 'interaction count (one per item id)');
    for (const id of ids) {
      const g = gotI.find(x => x.id === id), w = expectedI.get(id);
      assert(g, `no interaction for exam item ${id}`);
      eq({ type: g.type, response: g.response, result: g.result }, { type: w.type, response: w.response, result: w.result }, `interaction ${id}`);
    }
    return `${examPct} 分, ${e.passed ? 'passed' : 'failed'}`;
  });
}

const bookmark = P ? 'practice/' + P.l.id : 'lesson/' + lessons[lessons.length - 1].id;
let exitWas;
await check('location, suspend data and exit before finishing', async () => {
  await route('#' + bookmark.replace(/\/(.*)$/, (m, a) => '/' + enc(a)));
  const c = await cmi();
  eq(location_(c), bookmark, 'location');
  const sd = c.suspend_data;
  assert(sd && sd.length > 0, 'no suspend_data');
  assert(sd.length <= (V12 ? 4096 : 64000), `suspend_data is ${sd.length} characters`);
  exitWas = V12 ? c.core.exit : c.exit;
  const e = expectedScore(examPct);
  eq(exitWas, V12 && e && e.final ? '' : 'suspend', 'exit');
  return `suspend_data ${sd.length} chars, exit "${exitWas}"`;
});

await check(`${K.finish} on pagehide, with session_time`, async () => {
  await page.evaluate(() => window.harness.unloadSco());
  await page.waitForFunction(() => window.harness.terminated());
  const c = await calls();
  const st = c.filter(x => x[0] === K.set && x[1] === (V12 ? 'cmi.core.session_time' : 'cmi.session_time')).pop();
  assert(st, 'session_time never set');
  const re = V12 ? /^\d{2,4}:\d\d:\d\d(\.\d{1,2})?$/ : /^P(?:\d+Y)?(?:\d+M)?(?:\d+D)?T(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d{1,2})?S)$/;
  assert(re.test(st[2]), `session_time ${st[2]}`);
  const i = c.findIndex(x => x === st);
  assert(c.slice(i).some(x => x[0] === K.finish), `${K.finish} not called after session_time`);
  return `session_time ${st[2]}`;
});

const before = await cmi().catch(() => null);
await check('relaunch with localStorage cleared: resumes at the bookmark with answers restored from suspend_data', async () => {
  await page.evaluate(() => localStorage.clear());
  f = await launchSco();
  assert(await page.evaluate(() => window.harness.relaunched), 'the harness did not relaunch from the saved CMI');
  const c = await cmi();
  eq(V12 ? c.core.entry : c.entry, exitWas === 'suspend' ? 'resume' : '', 'entry');
  eq(await f.evaluate(() => decodeURIComponent(location.hash.slice(1))), bookmark, 'resumed route');
  if (P) {
    for (const [id, p] of given) {
      const sec = f.locator(sel(id));
      if (p.keys) for (const k of p.keys) assert(await sec.locator(`input[value=${JSON.stringify(k)}]`).isChecked(), `${id}: ${k} not restored`);
      if (p.texts) for (let i = 0; i < p.texts.length; i++) eq(await sec.locator('input[type=text]').nth(i).inputValue(), p.texts[i], `${id} blank ${i}`);
      if (p.text) eq(await sec.locator('textarea').inputValue(), p.text, `${id} text`);
      const v = (await sec.locator('[aria-live="polite"]').innerText()).trim();
      if (p.ok !== null) assert(v.includes(p.ok ? '正确' : '错误'), `${id}: marking after relaunch "${v}"`);
    }
  }
  const e = expectedScore(examPct);
  eq(status(c), wantStatus(e), 'status after relaunch');
  eq(score(c), wantScore(e), 'score after relaunch');
  if (examN >= 0 && examPct !== undefined) {
    await route('#test/' + examN);
    assert((await f.locator('main').innerText()).includes(`${examPct} 分`), 'exam score not restored');
    await route('#' + bookmark.replace(/\/(.*)$/, (m, a) => '/' + enc(a)));
  }
  return `entry "${V12 ? c.core.entry : c.entry}", ${given.size} answers restored`;
});

if (P) {
  await check(`a re-answered item ${V12 ? 'is journalled (SCORM 1.2 ids are write-only)' : 'updates its interaction row'}`, async () => {
    const id = P.auto[0], it = items[id];
    const old = given.get(id), p = plan(it, !old.ok);
    const sec = f.locator(sel(id));
    if (p.keys) for (const k of (it.options || []).map(o => o.key).concat(['true', 'false'])) {
      const box = sec.locator(`input[type=checkbox][value=${JSON.stringify(k)}]`);
      if (await box.count()) await box.uncheck();
    }
    await fillIn(sec, it, p);
    await sec.getByRole('button', { name: '提交', exact: true }).click();
    await sec.locator('[aria-live="polite"]').filter({ hasText: p.ok ? '正确' : '错误' }).waitFor();
    const n0 = interactions(before || { interactions: {} }).length;
    const list = interactions(await cmi());
    const w = lmsExpect(version, it, p);
    if (V12) {
      eq(list.length, n0 + 1, 'a new row for this session');
      eq([list[n0].id, list[n0].response, list[n0].result], [id, w.response, w.result], 'the new row');
      // a second answer in the same session updates that row
      const p2 = plan(it, !p.ok);
      if (p.keys) for (const k of p.keys) { const b = sec.locator(`input[type=checkbox][value=${JSON.stringify(k)}]`); if (await b.count()) await b.uncheck(); }
      await fillIn(sec, it, p2);
      await sec.getByRole('button', { name: '提交', exact: true }).click();
      await sec.locator('[aria-live="polite"]').filter({ hasText: p2.ok ? '正确' : '错误' }).waitFor();
      const list2 = interactions(await cmi());
      eq(list2.length, n0 + 1, 'no duplicate row within a session');
      eq(list2[n0].result, lmsExpect(version, it, p2).result, 'row updated');
    } else {
      eq(list.length, n0, 'no new row');
      const g = list.find(x => x.id === id);
      eq([g.response, g.result], [w.response, w.result], 'the row now holds the new answer');
    }
  });
}

await check('without an LMS the same site runs as a plain page', async () => {
  const p2 = await ctx.newPage();
  const errs = [];
  p2.on('pageerror', e => errs.push(e.message));
  await p2.goto(`${ORIGIN}/site/index.html`);
  await p2.waitForFunction(() => document.querySelector('main h1'));
  const links = await p2.locator('main a[href^="#lesson/"]').count();
  assert(links >= lessons.length, 'home does not list the lessons');
  eq(errs, [], 'page errors');
  await p2.close();
});

await check('no console errors or warnings (harness and SCO)', async () => { eq(errors, [], 'console errors'); });

await browser.close();
server.close();
process.exit(T.done());
